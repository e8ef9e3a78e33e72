// The server's workspace index runs the workspace rules again after a change only where what they
// read changed: rules whose facts of the changed file are the same keep their results (the same
// objects), and after any sequence of changes the results equal a full run over the same facts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONFIG, type Config } from '../../shared/src/config';
import { lintText, lintWorkspaceFacts, withoutParsed, type FileReport } from '../../shared/src/lint';
import type { Result } from '../../shared/src/types';
import { packReport } from '../../host/src/workspace/packed-report';
import { createWorkspaceIndex, type WorkspaceIndex } from '../../server/src/workspace-index';

const config: Config = { ...DEFAULT_CONFIG, level: 'L3' };
const FOLDER = 'file:///w';

const deployment = (name: string, app: string, image: string, suppress = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  selector: {matchLabels: {app: ${app}}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec:\n      containers: [{name: c, image: ${image}}]\n${suppress}`;
const policy = (app: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-${app}, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: ${app}}}\n  ingress: [{ports: [{port: 8080}]}]\n`;

/** Each file with the texts it takes in the changes below; the first is its text at the scan. */
const VARIANTS: Readonly<Record<string, readonly (string | undefined)[]>> = {
  'api/Dockerfile': ['FROM node:20\nCMD ["node", "server.js"]\n', 'FROM node:20\nUSER 10001\nCMD ["node", "server.js"]\n', undefined],
  'api/compose.yaml': ['services:\n  api:\n    build: .\n    image: shop-api\n', 'services:\n  api:\n    build: .\n    image: shop-api\n    user: "10001"\n'],
  'k8s/api.yaml': [deployment('api', 'api', 'shop-api'), deployment('api', 'web', 'shop-api'), deployment('api', 'api', 'nginx:1.25'), deployment('api', 'api', 'shop-api', '# bollwerk-ignore-file k8s/network-policy-coverage\n'), undefined],
  'k8s/web.yaml': [deployment('web', 'web', 'nginx:1.25'), deployment('web', 'other', 'nginx:1.25'), undefined],
  'k8s/policy.yaml': [policy('web'), policy('api'), policy('none'), undefined],
};

const quieterConfig = (): Config => ({ ...config, rules: { ...config.rules, 'k8s/network-policy-coverage': 'off' } });
const uriOf = (name: string): string => `${FOLDER}/${name}`;
const reportOf = (name: string, text: string | undefined): FileReport =>
  text === undefined ? { uri: uriOf(name), kind: undefined, results: [], notes: [] } : withoutParsed(lintText(uriOf(name), text, { config }));

/** What a full run gives over the index's current facts, by file. */
function fullRun(files: ReadonlyMap<string, FileReport>): Map<string, Result[]> {
  const byUri = new Map<string, Result[]>();
  for (const r of lintWorkspaceFacts([...files.values()].flatMap((f) => f.workspace ?? []), { config })) byUri.set(r.uri, [...(byUri.get(r.uri) ?? []), r]);
  return byUri;
}

function indexed(index: WorkspaceIndex, names: readonly string[]): Map<string, Result[]> {
  const byUri = new Map<string, Result[]>();
  for (const name of names) {
    const results = index.workspaceResults(uriOf(name));
    if (results.length) byUri.set(uriOf(name), [...results]);
  }
  return byUri;
}

function scanned(): { index: WorkspaceIndex; files: Map<string, FileReport> } {
  const files = new Map(Object.entries(VARIANTS).map(([name, texts]) => [uriOf(name), reportOf(name, texts[0])]));
  const index = createWorkspaceIndex();
  index.setFolder(FOLDER, [...files.values()].filter((r) => r.kind).map(packReport));
  index.runWorkspaceRules(FOLDER, config, () => undefined);
  return { index, files };
}

describe('workspace rules in the server, after a change', () => {
  const names = Object.keys(VARIANTS);

  it('the scan runs every rule: the results equal a full run and cover the rules this test is about', () => {
    const { index, files } = scanned();
    const results = indexed(index, names);
    assert.deepEqual(results, fullRun(files));
    const rules = new Set([...results.values()].flat().map((r) => r.ruleId));
    for (const id of ['k8s/network-policy-coverage', 'k8s/network-policy-default-deny', 'k8s/image-user-root', 'compose/implicit-root-user']) assert.ok(rules.has(id), `${id} among ${[...rules].join(', ')}`);
    // the suppressed variant differs from the first in its suppressions only, and silences a finding there
    const coverage = (text: string): number => {
      const next = new Map(files);
      next.set(uriOf('k8s/api.yaml'), reportOf('k8s/api.yaml', text));
      return (fullRun(next).get(uriOf('k8s/api.yaml')) ?? []).filter((r) => r.ruleId === 'k8s/network-policy-coverage').length;
    };
    assert.deepEqual([coverage(VARIANTS['k8s/api.yaml']![0]!), coverage(VARIANTS['k8s/api.yaml']![3]!)], [1, 0]);
  });

  it('a change of a workload’s labels runs the network rules again, not the image rule', () => {
    const { index, files } = scanned();
    const before = index.workspaceResults(uriOf('k8s/api.yaml'));
    const imageFinding = before.find((r) => r.ruleId === 'k8s/image-user-root');
    assert.ok(imageFinding);
    const next = reportOf('k8s/api.yaml', VARIANTS['k8s/api.yaml']![1]);
    files.set(next.uri, next);
    assert.equal(index.updateFile(FOLDER, next), 'facts');
    const changed = index.runWorkspaceRules(FOLDER, config, () => undefined);
    assert.ok(changed.has(uriOf('k8s/api.yaml')));
    const after = index.workspaceResults(uriOf('k8s/api.yaml'));
    assert.equal(after.find((r) => r.ruleId === 'k8s/image-user-root'), imageFinding, 'the image rule kept its result');
    assert.deepEqual(indexed(index, names), fullRun(files));
  });

  it('a change that no rule reads leaves the facts and every result as they were', () => {
    const { index } = scanned();
    const text = `${VARIANTS['k8s/web.yaml']![0]!}# a comment no rule reads\n`;
    assert.equal(index.updateFile(FOLDER, reportOf('k8s/web.yaml', text)), 'same');
    assert.equal(index.runWorkspaceRules(FOLDER, config, () => undefined).size, 0);
  });

  it('after any sequence of changes, deletions and suppressions the results equal a full run', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), fc.nat()), { minLength: 1, maxLength: 8 }), fc.boolean(), (changes, runBetween) => {
        const { index, files } = scanned();
        for (const [name, pick] of changes) {
          const texts = VARIANTS[name]!;
          const report = reportOf(name, texts[pick % texts.length]);
          index.updateFile(FOLDER, report);
          if (report.kind) files.set(report.uri, report);
          else files.delete(report.uri);
          if (runBetween) index.runWorkspaceRules(FOLDER, config, () => undefined);
        }
        index.runWorkspaceRules(FOLDER, config, () => undefined);
        assert.deepEqual(indexed(index, names), fullRun(files));
      }),
      { numRuns: 150, seed: 22 },
    );
  });

  it('runs a rule at a time; changes during a run are run by the next one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }), (changes) => {
        const { index, files } = scanned();
        // a first change, then a run during which the other changes land between its steps
        const [first, ...rest] = changes;
        const apply = ([name, pick]: readonly [string, number, number]): void => {
          const texts = VARIANTS[name]!;
          const report = reportOf(name, texts[pick % texts.length]);
          index.updateFile(FOLDER, report);
          if (report.kind) files.set(report.uri, report);
          else files.delete(report.uri);
        };
        apply(first!);
        const steps = index.workspaceRuleSteps(FOLDER, config, () => undefined);
        let step = steps.next();
        let n = 0;
        while (!step.done) {
          for (const change of rest) if (change[2] % 4 === n) apply(change);
          n++;
          step = steps.next();
        }
        for (const change of rest) if (change[2] % 4 >= n) apply(change);
        index.runWorkspaceRules(FOLDER, config, () => undefined);
        assert.deepEqual(indexed(index, names), fullRun(files));
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('yields before each rule it runs, and a run overtaken by a new scan of the folder changes nothing', () => {
    const { index, files } = scanned();
    const steps = index.workspaceRuleSteps(FOLDER, quieterConfig(), () => undefined);
    let yields = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) yields++;
    // a change of configuration runs all four rules (one is off): three steps and the one that gathers
    assert.equal(yields, 4);
    const before = indexed(index, names);
    const overtaken = index.workspaceRuleSteps(FOLDER, config, () => undefined);
    assert.equal(overtaken.next().done, false);
    index.setFolder(FOLDER, [...files.values()].filter((r) => r.kind).map(packReport));
    let last = overtaken.next();
    while (!last.done) last = overtaken.next();
    assert.equal(last.value.size, 0);
    assert.deepEqual(indexed(index, names), before, 'the overtaken run wrote nothing');
  });

  it('a change of configuration runs every rule again', () => {
    const { index, files } = scanned();
    const quieter = quieterConfig();
    index.runWorkspaceRules(FOLDER, quieter, () => undefined);
    const results = indexed(index, names);
    assert.ok(![...results.values()].flat().some((r) => r.ruleId === 'k8s/network-policy-coverage'));
    const expected = new Map<string, Result[]>();
    for (const r of lintWorkspaceFacts([...files.values()].flatMap((f) => f.workspace ?? []), { config: quieter })) expected.set(r.uri, [...(expected.get(r.uri) ?? []), r]);
    assert.deepEqual(results, expected);
  });
});
