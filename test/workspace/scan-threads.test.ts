import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { DEFAULT_CONFIG, type Config } from '../../shared/src/config';
import { allRules, lintWorkspace } from '../../shared/src/lint';
import type { ParsedFile } from '../../shared/src/types';
import { lintAll, MIN_BYTES_FOR_THREADS, planThreads, threadCount } from '../../host/src/workspace/pool';
import { findFiles } from '../../host/src/workspace/walk';
import { lintFile, scanWorkspace, type ScanOptions, type ScanResult } from '../../host/src/workspace/scan';

const repo = join(__dirname, '..', '..');
const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(repo, '..', 'shared', 'corpus'));
// repositories of the real-world corpus that exercise every workspace rule
const SAMPLE = ['GoogleCloudPlatform__microservices-demo', 'GoogleCloudPlatform__kubernetes-engine-samples', 'docker__awesome-compose', 'dockersamples__example-voting-app'];
// those of them with no kustomization or chart, where each file is deployed as it is
const PLAIN = ['docker__awesome-compose', 'dockersamples__example-voting-app'];

/** A scan as the reports show it. */
const comparable = (scan: ScanResult): string => JSON.stringify({ reports: scan.reports, workspaceResults: scan.workspaceResults, notes: scan.notes });

/** The default configuration with every workspace rule switched off. */
const noWorkspaceRules: Config = {
  ...DEFAULT_CONFIG,
  rules: Object.fromEntries(allRules().filter((r) => r.scope === 'workspace').map((r) => [r.id, 'off' as const])),
};

describe('workspace scan on worker threads', () => {
  let dir = '';
  let workerScript = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-worker-'));
    workerScript = join(dir, 'scan-worker.js');
    await build({ entryPoints: [join(repo, 'host/src/workspace/worker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const roots = (): string[] => {
    const realworld = join(corpus, 'realworld', 'files');
    assert.ok(existsSync(realworld), `corpus not found at ${corpus}: set BOLLWERK_CORPUS to the corpus directory`);
    return [join(repo, 'test/fixtures/sample'), ...SAMPLE.map((r) => join(realworld, r))];
  };

  for (const [name, config] of [['default configuration', DEFAULT_CONFIG], ['no workspace rule', noWorkspaceRules]] as const) {
    it(`gives the same reports in this thread, on 2 workers and without a worker; workspace results as over the parsed files (${name})`, () => {
      const paths = roots();
      const variants: Record<string, ScanOptions> = {
        inThread: { threads: 0 },
        workers: { threads: 2, workerScript },
        missingWorker: { threads: 2, workerScript: join(dir, 'absent.js') },
      };
      const scans = Object.fromEntries(Object.entries(variants).map(([k, o]) => [k, scanWorkspace(paths, config, o)]));
      const expected = comparable(scans.inThread!);
      assert.ok(scans.inThread!.reports.length > 100, 'the sample holds enough files');
      for (const [k, scan] of Object.entries(scans)) {
        assert.equal(comparable(scan), expected, `${k} differs from the scan in this thread`);
        assert.ok(scan.reports.every((r) => r.parsed === undefined), `${k} reports carry no parsed files`);
      }
      // the reference: every file parsed and kept, the workspace rules run over the parses; over
      // repositories without kustomizations or charts, whose builds feed the rules what they deploy
      const plain = [paths[0]!, ...PLAIN.map((r) => join(corpus, 'realworld', 'files', r))];
      const parsed: ParsedFile[] = findFiles(plain, { testDataPaths: config.testDataPaths }).files.flatMap((p) => lintFile(p, config).parsed ?? []);
      const reference = lintWorkspace(parsed, { config });
      assert.deepEqual(scanWorkspace(plain, config, { threads: 0 }).workspaceResults, reference);
      const ruleIds = new Set(reference.map((r) => r.ruleId));
      if (config === DEFAULT_CONFIG) {
        for (const id of ['compose/implicit-root-user', 'k8s/network-policy-coverage', 'k8s/network-policy-default-deny']) assert.ok(ruleIds.has(id), `the sample triggers ${id}`);
      } else {
        assert.equal(reference.length, 0);
        assert.ok(scans.inThread!.reports.every((r) => r.workspace === undefined), 'no facts are collected for switched-off rules');
      }
    });
  }

  it('workers lint the files this thread does not take; reports keep the path order', () => {
    const paths = findFiles([join(repo, 'test/fixtures/sample'), join(corpus, 'realworld', 'files', SAMPLE[3]!)]).files;
    const lintHere = (path: string): ReturnType<typeof lintFile> => {
      const { parsed: _parsed, ...report } = lintFile(path, DEFAULT_CONFIG);
      return report;
    };
    const here: string[] = [];
    // the first file takes this thread 4 s: the worker must take every other file meanwhile
    const slow = (path: string): ReturnType<typeof lintFile> => {
      here.push(path);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 4000);
      return lintHere(path);
    };
    const reports = lintAll(paths, DEFAULT_CONFIG, slow, { threads: 1, workerScript });
    assert.equal(here.length, 1, 'this thread took one file');
    assert.equal(JSON.stringify(reports), JSON.stringify(paths.map(lintHere)));
    assert.ok(reports.some((r) => r.workspace !== undefined), 'workspace facts come back from the worker');
  });

  it('threads: 0, one CPU and too little text stay in this thread; the default is min(CPUs, 4) - 1 from 4 MiB on', () => {
    assert.equal(threadCount(1e9, 0), 0);
    assert.equal(threadCount(MIN_BYTES_FOR_THREADS - 1, undefined, 8), 0);
    assert.equal(threadCount(MIN_BYTES_FOR_THREADS, undefined, 1), 0);
    assert.equal(threadCount(100, 2), 2);
    assert.equal(threadCount(MIN_BYTES_FOR_THREADS, undefined, 2), 1);
    assert.equal(threadCount(MIN_BYTES_FOR_THREADS, undefined, 16), 3);
    roots();
    const files = findFiles([join(corpus, 'realworld', 'files')]).files;
    const planned = planThreads(files, undefined);
    assert.equal(planned.threads, availableParallelism() > 1 ? Math.min(availableParallelism(), 4) - 1 : 0, 'the real-world corpus holds more than 4 MiB');
    assert.deepEqual(planThreads(files, 0), { threads: 0, sizes: undefined });
  });
});
