#!/usr/bin/env node
// Long fuzz run (the robustness part): at least 100,000 random and mutated inputs per
// file kind through lintText with the whole catalogue, in worker threads (one per core, at most
// 2), each worker under its own fixed seed. Every input must lint without an exception or rule
// crash, within 2 s, with ranges and fix edits inside the document (test/robustness/invariants.ts).
// Prints the count and time per kind. Usage: node test/bench/fuzz.mjs [inputs-per-kind] [seed] [kinds,…];
// test/bench/run.mjs may call runLongFuzz({ perKind }).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
// Workers load the TypeScript through tsx's tsImport, where __dirname is not the file's: give them an absolute corpus path.
if (isMainThread) process.env.BOLLWERK_CORPUS = resolve(root, process.env.BOLLWERK_CORPUS ?? '../shared/corpus');
const loadFuzz = () => tsImport('../robustness/fuzz.ts', import.meta.url);

/** One worker: `runs` inputs of each kind under `seed`; posts per-kind stats or the failure. */
async function workerMain({ kinds, runs, seed }) {
  const { fuzzKind, loadSeeds } = await loadFuzz();
  const seeds = loadSeeds();
  for (const kind of kinds) {
    const started = performance.now();
    try {
      parentPort.postMessage({ ok: true, kind, stats: fuzzKind(kind, seeds[kind], runs, seed) });
    } catch (e) {
      const error = String(e?.message ?? e).split('\n').filter((l) => !/^\s+at /.test(l)).join('\n');
      parentPort.postMessage({ ok: false, kind, error, ms: performance.now() - started });
    }
  }
}

const runWorker = (job, onMessage) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(self, { workerData: job });
    let count = 0;
    worker.on('message', (m) => {
      count++;
      onMessage(m);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (count === job.kinds.length ? resolve() : reject(new Error(`fuzz worker exited with ${code} after ${count} of ${job.kinds.length} kinds`))));
  });

/**
 * Fuzzes every file kind with `perKind` inputs (default 100,000), split over `workers` threads
 * (each runs all kinds under its own seed). Returns per-kind totals and the failures (fast-check's
 * report with the shrunk recipe).
 */
export async function runLongFuzz({ perKind = 100_000, seed = 20261123, workers = Math.min(2, availableParallelism()), kinds = ['dockerfile', 'compose', 'kubernetes'], log = console.log } = {}) {
  const started = performance.now();
  const byKind = new Map(kinds.map((k) => [k, { kind: k, inputs: 0, cpuMs: 0, slowestMs: 0, slowest: '', notes: {}, failures: [] }]));
  const share = Math.ceil(perKind / workers);
  await Promise.all(
    Array.from({ length: workers }, (_, i) =>
      runWorker({ kinds, runs: share, seed: seed + i }, (m) => {
        const r = byKind.get(m.kind);
        if (!m.ok) {
          r.failures.push(m.error);
          return;
        }
        r.inputs += m.stats.inputs;
        r.cpuMs += m.stats.ms;
        if (m.stats.slowestMs > r.slowestMs) Object.assign(r, { slowestMs: m.stats.slowestMs, slowest: m.stats.slowest });
        for (const [k, n] of Object.entries(m.stats.notes)) r.notes[k] = (r.notes[k] ?? 0) + n;
      }),
    ),
  );
  const results = [...byKind.values()];
  for (const r of results) {
    log(`fuzz ${r.kind}: ${r.inputs} inputs, ${(r.cpuMs / 1000).toFixed(1)} s in ${workers} workers (${(r.cpuMs / Math.max(1, r.inputs)).toFixed(2)} ms each), slowest ${r.slowestMs.toFixed(0)} ms, ${r.failures.length} failures; notes ${JSON.stringify(r.notes)}`);
    log(`  slowest input: ${r.slowest.slice(0, 200)}`);
    for (const f of r.failures) log(`  FAILURE ${r.kind}:\n${f.split('\n').slice(0, 20).join('\n')}`);
  }
  const total = results.reduce((n, r) => n + r.inputs, 0);
  const ms = performance.now() - started;
  log(`fuzz total: ${total} inputs in ${(ms / 1000).toFixed(1)} s wall, ${results.reduce((n, r) => n + r.failures.length, 0)} failures`);
  return { perKind: results, total, ms, ok: results.every((r) => r.failures.length === 0 && r.inputs >= perKind) };
}

if (!isMainThread) {
  await workerMain(workerData);
} else if (process.argv[1] === self) {
  const perKind = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 20261123);
  const kinds = process.argv[4] ? process.argv[4].split(',') : undefined;
  const summary = await runLongFuzz({ perKind, seed, ...(kinds ? { kinds } : {}) });
  process.exit(summary.ok ? 0 : 1);
}
