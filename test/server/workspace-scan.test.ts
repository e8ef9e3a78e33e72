import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import type { FileReport } from '../../shared/src/lint';
import { ScanCache, scanFolder } from '../../server/src/workspace-scan';
import { unpackReport } from '../../host/src/workspace/packed-report';
import { buildServer, ROOT } from './lsp-client';

/** A scan that must not be cancelled. */
async function scan(...args: Parameters<typeof scanFolder>): Promise<FileReport[]> {
  const reports = await scanFolder(...args);
  assert.ok(reports, 'the scan was not cancelled');
  return reports.map(unpackReport);
}

const ids = (reports: readonly FileReport[], name: string): string[] =>
  (reports.find((r) => r.uri.endsWith(`/${name}`))?.results ?? []).map((r) => r.ruleId).sort();

describe('workspace scan in the server: unchanged files keep their reports', () => {
  let dir = '';
  let folder = '';
  const log = (m: string): void => assert.fail(`unexpected log: ${m}`);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-scan-cache-'));
    folder = URI.file(dir).toString();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nADD app.txt /app/\n');
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n');
    writeFileSync(join(dir, 'deploy.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "nginx:1.25"}]\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a second scan reuses every report and gives the same reports', async () => {
    const cache = new ScanCache();
    const first = await scan(folder, DEFAULT_CONFIG, log, cache);
    assert.equal(cache.reused, 0);
    assert.equal(first.length, 3);
    const second = await scan(folder, DEFAULT_CONFIG, log, cache);
    assert.equal(cache.reused, 3);
    assert.deepEqual(second, first);
    assert.ok(second.every((r) => r.parsed === undefined), 'reports keep no parse');
  });

  it('a changed file, a new .dockerignore, a deleted file and another configuration are linted again', async () => {
    const cache = new ScanCache();
    const first = await scan(folder, DEFAULT_CONFIG, log, cache);
    assert.ok(ids(first, 'compose.yaml').includes('compose/privileged'));
    // same size, new content and a modification time set back: inode/ctime still tell
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.25\n    privileged: 0000\n');
    utimesSync(join(dir, 'compose.yaml'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    const afterEdit = await scan(folder, DEFAULT_CONFIG, log, cache);
    assert.equal(cache.reused, 2);
    assert.ok(!ids(afterEdit, 'compose.yaml').includes('compose/privileged'), 'the edited file was linted again');

    const copyAll = (reports: readonly FileReport[]): boolean => ids(reports, 'Dockerfile').includes('dockerfile/copy-all-without-dockerignore');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nCOPY . /app/\n');
    const withoutIgnore = await scan(folder, DEFAULT_CONFIG, log, cache);
    assert.ok(copyAll(withoutIgnore), 'COPY . without .dockerignore is reported');
    writeFileSync(join(dir, '.dockerignore'), '.git\n');
    const withIgnore = await scan(folder, DEFAULT_CONFIG, log, cache);
    assert.equal(cache.reused, 2, 'the Dockerfile is linted again when a .dockerignore appears beside it');
    assert.ok(!copyAll(withIgnore));

    rmSync(join(dir, 'deploy.yaml'));
    const afterDelete = await scan(folder, DEFAULT_CONFIG, log, cache);
    assert.deepEqual(afterDelete.map((r) => r.uri.slice(r.uri.lastIndexOf('/') + 1)).sort(), ['Dockerfile', 'compose.yaml']);

    const l1 = await scan(folder, { ...DEFAULT_CONFIG, level: 'L1' }, log, cache);
    assert.equal(cache.reused, 0, 'another configuration lints everything again');
    assert.equal(l1.length, 2);
  });
});

describe('workspace scan in the server: test data', () => {
  it('skips and counts the files below test-data folders, and checks them when testDataPaths is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bollwerk-scan-test-data-'));
    try {
      const folder = URI.file(dir).toString();
      const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "nginx:1.25", securityContext: {privileged: true}}]\n';
      writeFileSync(join(dir, 'deploy.yaml'), pod);
      mkdirSync(join(dir, 'internal', 'testdata'), { recursive: true });
      writeFileSync(join(dir, 'internal', 'testdata', 'pod.yaml'), pod);
      const cache = new ScanCache();
      const reports = await scan(folder, DEFAULT_CONFIG, () => undefined, cache);
      assert.deepEqual(reports.map((r) => r.uri.slice(folder.length + 1)), ['deploy.yaml']);
      assert.equal(cache.testDataSkipped, 1);
      const all = await scan(folder, { ...DEFAULT_CONFIG, testDataPaths: [] }, () => undefined, cache);
      assert.deepEqual(all.map((r) => r.uri.slice(folder.length + 1)), ['deploy.yaml', 'internal/testdata/pod.yaml']);
      assert.equal(cache.testDataSkipped, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workspace scan in the server: worker thread, progress and cancellation', () => {
  let dir = '';
  let folder = '';
  const files = 30;
  before(() => {
    buildServer(); // dist/scan-worker.js
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-scan-worker-'));
    folder = URI.file(dir).toString();
    for (let i = 0; i < files; i++) {
      mkdirSync(join(dir, `svc${i}`));
      writeFileSync(join(dir, `svc${i}`, 'Dockerfile'), `FROM alpine:3.20\nADD app${i}.txt /app/\n`);
      writeFileSync(join(dir, `svc${i}`, 'deploy.yaml'), `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers: [{name: c, image: "nginx:1.25", securityContext: {privileged: true}}]\n`);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const workerScript = (): string => join(ROOT, 'dist', 'scan-worker.js');

  it('lints on a worker thread with the same reports as in the server thread, reporting progress up to every file', async () => {
    const inThread = await scan(folder, DEFAULT_CONFIG, () => undefined, new ScanCache(), { cancelled: () => false, threads: 0 });
    const seen: [number, number][] = [];
    const onWorker = await scan(folder, DEFAULT_CONFIG, () => undefined, new ScanCache(), { cancelled: () => false, threads: 1, workerScript: workerScript(), progress: (done, total) => seen.push([done, total]) });
    assert.equal(onWorker.length, 2 * files);
    assert.deepEqual(onWorker, inThread);
    assert.deepEqual(seen[0], [0, 2 * files]);
    assert.deepEqual(seen.at(-1), [2 * files, 2 * files]);
    assert.ok(seen.every(([done], i) => i === 0 || done >= seen[i - 1]![0]), 'progress only grows');
  });

  it('the worker thread runs at a lower priority than the server (Linux: a nice value of its own)', async () => {
    // the nice value of each of this process's threads, by thread id (field 19 of /proc/self/task/<tid>/stat)
    const nices = (): Map<string, number> =>
      new Map(
        readdirSync('/proc/self/task').flatMap((tid): [string, number][] => {
          try {
            const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
            return [[tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])]];
          } catch {
            return []; // the thread ended meanwhile
          }
        }),
      );
    if (process.platform !== 'linux') return;
    const main = (): number => nices().get(String(process.pid))!;
    const own = main();
    const before = new Set(nices().keys());
    // threads that started with the scan (a worker of an earlier test may still be ending)
    const started = new Map<string, number>();
    await scan(folder, DEFAULT_CONFIG, () => undefined, new ScanCache(), {
      cancelled: () => false,
      threads: 1,
      workerScript: workerScript(),
      progress: () => {
        for (const [tid, nice] of nices()) if (!before.has(tid)) started.set(tid, Math.max(nice, started.get(tid) ?? nice));
      },
    });
    assert.ok([...started.values()].includes(Math.min(own + 10, 19)), `a thread of the scan with a nice value 10 above the server's ${own}: ${[...started].map(([t, n]) => `${t}:${n}`).join(' ')}`);
    assert.equal(main(), own, 'the server keeps its own priority');
  });

  for (const threads of [0, 1]) {
    it(`stops when cancelled and keeps what it linted for the next scan (${threads ? 'worker thread' : 'server thread'})`, async () => {
      const cache = new ScanCache();
      let done = 0;
      const cancelled = await scanFolder(folder, DEFAULT_CONFIG, () => undefined, cache, { cancelled: () => done >= 5, threads, workerScript: workerScript(), progress: (n) => (done = n) });
      assert.equal(cancelled, undefined);
      assert.ok(done < 2 * files, `stopped after ${done} files`);
      const again = await scan(folder, DEFAULT_CONFIG, () => undefined, cache, { cancelled: () => false, threads: 0 });
      assert.equal(again.length, 2 * files);
      assert.ok(cache.reused >= 5 && cache.reused < 2 * files, `reused ${cache.reused}`);
    });
  }
});
