import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { DEFAULT_CONFIG, type Config } from '../../shared/src/config';
import { allRules } from '../../shared/src/lint';
import { chunkMayHold, workspaceNeeds } from '../../shared/src/workspace/needs';
import { lintAll, threadCount } from '../../shared/src/workspace/pool';
import { findFiles } from '../../shared/src/workspace/walk';
import { lintFile, scanWorkspace, type ScanOptions, type ScanResult } from '../../shared/src/workspace/scan';

const repo = join(__dirname, '..', '..');
const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(repo, '..', 'shared', 'corpus'));
// repositories of the real-world corpus that exercise every workspace rule
const SAMPLE = ['GoogleCloudPlatform__microservices-demo', 'GoogleCloudPlatform__kubernetes-engine-samples', 'docker__awesome-compose', 'dockersamples__example-voting-app'];

/** A scan as the reports show it: everything but the parsed files. */
function comparable(scan: ScanResult): string {
  const reports = scan.reports.map(({ parsed: _parsed, ...r }) => r);
  return JSON.stringify({ reports, workspaceResults: scan.workspaceResults, notes: scan.notes });
}

/** The default configuration with every workspace rule that does not declare `needs` switched off. */
const declaredOnly: Config = {
  ...DEFAULT_CONFIG,
  rules: Object.fromEntries(allRules().filter((r) => r.scope === 'workspace' && !r.needs).map((r) => [r.id, 'off' as const])),
};

describe('workspace scan on worker threads', () => {
  let dir = '';
  let workerScript = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-worker-'));
    workerScript = join(dir, 'scan-worker.js');
    await build({ entryPoints: [join(repo, 'shared/src/workspace/worker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const roots = (): string[] => {
    const realworld = join(corpus, 'realworld', 'files');
    assert.ok(existsSync(realworld), `corpus not found at ${corpus}: set BOLLWERK_CORPUS to the corpus directory`);
    return [join(repo, 'test/fixtures/sample'), ...SAMPLE.map((r) => join(realworld, r))];
  };

  for (const [name, config] of [['default configuration', DEFAULT_CONFIG], ['workspace rules with declared needs only', declaredOnly]] as const) {
    it(`gives the same reports in this thread, on 2 workers and with every parsed file kept (${name})`, () => {
      const paths = roots();
      const variants: Record<string, ScanOptions> = {
        retained: { threads: 0, retainParsed: true },
        inThread: { threads: 0 },
        workers: { threads: 2, workerScript },
        missingWorker: { threads: 2, workerScript: join(dir, 'absent.js') },
      };
      const scans = Object.fromEntries(Object.entries(variants).map(([k, o]) => [k, scanWorkspace(paths, config, o)]));
      const expected = comparable(scans.retained!);
      assert.ok(scans.retained!.reports.length > 100, 'the sample holds enough files');
      const ruleIds = new Set(scans.retained!.workspaceResults.map((r) => r.ruleId));
      for (const id of ['compose/implicit-root-user', 'k8s/network-policy-coverage']) assert.ok(ruleIds.has(id), `the sample triggers ${id}`);
      for (const [k, scan] of Object.entries(scans)) {
        assert.equal(comparable(scan), expected, `${k} differs from the full retention`);
        if (k !== 'retained') assert.ok(scan.reports.every((r) => r.parsed === undefined), `${k} reports carry no parsed files`);
      }
    });
  }

  it('workers lint the files this thread does not take; it is told which; reports keep the path order', () => {
    const paths = findFiles([join(repo, 'test/fixtures/sample'), join(corpus, 'realworld', 'files', SAMPLE[3]!)]).files;
    const lintHere = (path: string): ReturnType<typeof lintFile> => {
      const { parsed: _parsed, ...report } = lintFile(path, DEFAULT_CONFIG);
      return report;
    };
    const here: string[] = [];
    const told: string[] = [];
    // the first file takes this thread 4 s: the worker must take every other file meanwhile
    const slow = (path: string): ReturnType<typeof lintFile> => {
      here.push(path);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 4000);
      return lintHere(path);
    };
    const reports = lintAll(paths, DEFAULT_CONFIG, { lint: slow, claimedByWorker: (p) => told.push(p) }, { threads: 1, workerScript });
    assert.equal(here.length, 1, 'this thread took one file');
    assert.deepEqual([...told, ...here].sort(), [...paths].sort(), 'every other file was reported as taken by the worker');
    assert.equal(JSON.stringify(reports), JSON.stringify(paths.map(lintHere)));
  });

  it('threads: 0 and too few files stay in this thread', () => {
    assert.equal(threadCount(10_000, 0), 0);
    assert.equal(threadCount(10, undefined), 0);
    assert.equal(threadCount(3, 2), 2);
    const cpus = availableParallelism();
    assert.equal(threadCount(10_000, undefined), cpus >= 4 ? Math.min(cpus, 4) - 1 : 0);
  });
});

describe('workspace needs', () => {
  it('unites the enabled rules\' needs; a rule without needs reads every Kubernetes document', () => {
    const needs = workspaceNeeds(declaredOnly);
    assert.ok(needs);
    assert.ok(needs.kubernetesKinds?.has('NetworkPolicy') && needs.kubernetesKinds.has('Deployment'));
    assert.deepEqual([...needs.fileKinds].sort(), ['compose', 'dockerfile', 'kubernetes']);
    const off: Config = { ...DEFAULT_CONFIG, rules: Object.fromEntries(allRules().filter((r) => r.scope === 'workspace').map((r) => [r.id, 'off' as const])) };
    assert.equal(workspaceNeeds(off), undefined);
    const all = workspaceNeeds(DEFAULT_CONFIG);
    const undeclared = allRules().some((r) => r.scope === 'workspace' && !r.needs && (r.kind === 'kubernetes'));
    assert.equal(all?.kubernetesKinds === undefined, undeclared);
  });

  const kinds = new Set(['Deployment', 'NetworkPolicy']);
  // [chunk, may hold a Deployment or NetworkPolicy]
  const CASES: readonly (readonly [string, boolean])[] = [
    ['apiVersion: v1\nkind: Service\nmetadata: {name: a}\n', false],
    ['---\n# c\napiVersion: v1\nkind: ConfigMap # note\n', false],
    ['apiVersion: apps/v1\nkind: Deployment\n', true],
    ['apiVersion: apps/v1\nkind: "Deployment"\n', true],
    ["apiVersion: v1\nkind: 'Service'\r\n", false],
    ['apiVersion: v1\nkind: ServiceList\nitems: []\n', true],
    ['apiVersion: v1\nkind: !!str Service\n', true],
    ['apiVersion: v1\nkind: Service\nkind: Deployment\n', true],
    ['apiVersion: v1\nkind: Service\n...\napiVersion: apps/v1\n  kind: Deployment\n', true],
    ['{"apiVersion": "v1", "kind": "Service"}\n', true],
    ['  apiVersion: v1\n  kind: Service\n', true],
    ['--- {kind: Service}\n', true],
    ['apiVersion: v1\nmetadata: {name: a}\n', true],
    ['? kind\n: Service\nkind: Service\n', true],
    ['apiVersion: v1\nkind: *k\n', true],
    ['apiVersion: v1\n"kind": Service\n', true],
    ['apiVersion: v1\nspec:\n  kind: Deployment\nkind: Service\n', false],
    ['', true],
  ];
  for (const [chunk, expected] of CASES) {
    it(`chunkMayHold(${JSON.stringify(chunk)}) is ${expected}`, () => assert.equal(chunkMayHold(chunk, kinds), expected));
  }
});
