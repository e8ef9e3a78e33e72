import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileKind } from '../../shared/src/types';
import { uriFor } from './corpus';
import { FUZZ_KINDS, formatStats, fuzzKind, loadSeeds } from './fuzz';
import { checkInput } from './invariants';
import { aliasBomb, deepNesting, TARGET_KEYS, WRONG_VALUES } from './mutators';

/**
 * Property-based fuzzing of every file kind with the whole rule catalogue: mutated corpus files,
 * token soup and random strings must lint without an exception or rule crash, within 2 s each,
 * with ranges and fix edits inside the document. A fixed seed keeps the run reproducible; the
 * long run is test/bench/fuzz.mjs. BOLLWERK_FUZZ_RUNS overrides the inputs per kind.
 */

const SEED = 20261123;
const RUNS = Number(process.env.BOLLWERK_FUZZ_RUNS ?? 2500);

/** Hand-written hostile inputs per kind, each checked on its own. */
const HOSTILE: Record<FileKind, readonly string[]> = {
  kubernetes: [
    'apiVersion: v1\nkind: Pod\nspec:\n  securityContext: 5\n  containers:\n  - name: a\n    image: x\n    securityContext: 5\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers: "x"\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers: [5, null, "x", [], {securityContext: []}]\n  initContainers: {a: 1}\n',
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: 3\n',
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec: []\n',
    'apiVersion: v1\nkind: Pod\nmetadata: x\nspec:\n  containers:\n  - env: {a: 1}\n    ports: "80"\n    resources: 1\n    image: [a]\n    command: {}\n    securityContext: {capabilities: {add: "ALL", drop: 5}, runAsUser: 1e400, privileged: "yes"}\n',
    'apiVersion: v1\nkind: List\nitems: 5\n',
    'apiVersion: v1\nkind: List\nitems: [1, "a", {kind: Pod}, {apiVersion: v1, kind: Pod, spec: 7}]\n',
    'apiVersion: 5\nkind: [Pod]\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nrules: 5\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nroleRef: x\nsubjects: [1]\n',
    'apiVersion: v1\nkind: Secret\ndata: [1]\nstringData: 5\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  volumes: [{hostPath: 5}, {hostPath: {path: [1]}}]\n  hostNetwork: {a: 1}\n',
    'apiVersion: v1\nkind: Pod\nspec: &s\n  containers: [*s]\n',
  ],
  compose: [
    'services: []\n',
    'services: "x"\n',
    'services:\n  a: 5\n  b: []\n  c:\n',
    'services:\n  a:\n    cap_add: "ALL"\n    ports: 80\n    environment: [1, {a: b}]\n    security_opt: {a: 1}\n    user: [0]\n    privileged: "yes"\n    volumes: 5\n    build: []\n    deploy: {resources: 5}\n    logging: x\n',
    'services:\n  a:\n    image: 5\n    ports: ["0.0.0.0:80:80", 5, {target: x, published: []}]\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock", {type: bind, source: 5}]\n',
    'services:\n  a: &a\n    image: x\n  b:\n    <<: *a\n    <<: *missing\n',
    'version: 3\nservices: {a: {environment: {PASSWORD: [1]}}}\n',
  ],
  dockerfile: [
    '',
    '# only a comment\n',
    'FROM\n',
    'FROM \\\n',
    'USER\nADD\nCOPY --from\nRUN\nEXPOSE 99999999999999999999\n',
    'FROM alpine\nRUN <<EOF\necho unterminated\n',
    '# escape=`\nFROM alpine\nRUN echo a `\n  b\n',
    'FROM alpine\nCMD ["a",\nENTRYPOINT [\n',
    `FROM alpine\nRUN a${' \\\n'.repeat(10_000)}\n`,
    'FROM ${BASE:-${OTHER:-alpine}}\nARG\nENV =\nUSER ${U}:${G}\n',
    'ONBUILD ONBUILD FROM x\nHEALTHCHECK\nSHELL\n',
  ],  pipeline: [
    'on: push\njobs: 5\n',
    'jobs:\n  a:\n    steps: "x"\n',
    'jobs:\n  a:\n    steps: [5, null, {run: 7}, {uses: []}, {uses: "@"}, {uses: "a/b@"}]\n    permissions: 3\n',
    'on: [push]\njobs: {a: {steps: [{run: "echo ${{ secrets.X }}"}]}}\n',
    'include: 5\nstages: x\nbuild:\n  script: {a: 1}\n  allow_failure: [1]\n',
    'runs:\n  using: composite\n  steps: [{run: "docker run --privileged"}]\n',
  ],
};

/** Inputs every kind must survive. */
const ANY: readonly string[] = [
  '',
  '\ufeff',
  '\r\n\r\n',
  '\r',
  '\u0000\u0001',
  'x'.repeat(10_000),
  `a: ${'9'.repeat(400)}\n`,
  `${aliasBomb(10)}\n`,
  deepNesting(99, 0),
  deepNesting(101, 1),
  `a: ${'['.repeat(100_000)}`,
  `${'- '.repeat(50_000)}x`,
  '\ud800\udc00\ud800',
  '---\n'.repeat(3000),
];

describe('fuzz: hostile inputs', () => {
  for (const kind of FUZZ_KINDS) {
    it(`${kind}: wrong types where maps belong, broken syntax, CRLF, BOM, NUL, deep nesting, alias bombs`, () => {
      const inputs = [...HOSTILE[kind], ...ANY];
      const variants = inputs.flatMap((t) => [t, t.replace(/\n/g, '\r\n'), `\ufeff${t}`]);
      const failures: string[] = [];
      for (const text of variants) {
        const outcome = checkInput(text, kind, uriFor(kind));
        if (outcome.problems.length > 0) failures.push(`${JSON.stringify(text.slice(0, 80))}: ${outcome.problems.join('; ')}`);
      }
      assert.deepEqual(failures, []);
    });
  }

  it('every target key with every wrong value, in a pod spec, a container and a compose service', () => {
    const failures: string[] = [];
    let count = 0;
    for (const key of TARGET_KEYS) {
      for (const value of WRONG_VALUES) {
        const cases: [FileKind, string][] = [
          ['kubernetes', `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      ${key}: ${value}\n      containers:\n      - name: a\n        ${key}: ${value}\n`],
          ['compose', `services:\n  web:\n    image: nginx\n    ${key}: ${value}\n`],
          ['compose', `${key}: ${value}\nservices:\n  web:\n    ${key}: ${value}\n`],
        ];
        for (const [kind, text] of cases) {
          count++;
          const outcome = checkInput(text, kind, uriFor(kind));
          if (outcome.problems.length > 0) failures.push(`${kind} ${key}: ${value}: ${outcome.problems.join('; ')}`);
        }
      }
    }
    assert.ok(count > 1000);
    assert.deepEqual(failures, []);
  });
});

describe('fuzz: property-based, fixed seed', () => {
  const seeds = loadSeeds();
  for (const kind of FUZZ_KINDS) {
    it(`${kind}: ${RUNS} random and mutated inputs`, () => {
      assert.ok(seeds[kind].length >= 50, `seed files of ${kind} from the corpus`);
      const stats = fuzzKind(kind, seeds[kind], RUNS, SEED);
      console.log(formatStats(stats));
      assert.ok(stats.inputs >= RUNS);
    });
  }
});
