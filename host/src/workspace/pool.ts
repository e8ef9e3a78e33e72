// Linting many files on worker threads while the caller stays synchronous: workers and the main
// thread claim files from a shared counter (largest first); workers post their reports on a
// MessagePort, which the main thread drains between its own files (so that reports do not pile up
// in the port); at the end it blocks on Atomics.wait until every report is in. A report carries what
// the workspace rules read of its file (FileReport.workspace), so nothing is parsed twice.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import type { Config } from '../../../shared/src/config';
import type { DeployFindings } from './deployables';
import type { FileReport } from '../../../shared/src/lint';
import type { PackedReport } from './packed-report';

/** Index of the next unclaimed file in the shared counters. */
export const NEXT = 0;
/** Index of the count of reports posted by workers. */
export const DONE = 1;

/** A worker's answer for one file; without `report` (or `packed`) the main thread lints that file itself. */
export interface PoolMessage {
  readonly index: number;
  readonly report?: FileReport;
  /** The report packed, from a worker asked for that (WorkerInput.pack in worker.ts). */
  readonly packed?: PackedReport;
  readonly logs: readonly string[];
}

/** The last message of a worker asked for the deploy stages (WorkerInput.deploy): what they found, or nothing when they failed. */
export interface DeployMessage {
  readonly deploy: DeployFindings | undefined;
  readonly logs: readonly string[];
}

/**
 * Less text than this (bytes of all files together) is linted in the calling thread: a worker's
 * start (a new isolate that compiles and warms up the bundle) would cost more than it saves.
 */
export const MIN_BYTES_FOR_THREADS = 4 * 1024 * 1024;
const MAX_THREADS = 4;
/** A worker that posts nothing for this long is given up; the main thread lints what is missing. */
const STALL_MS = 60_000;

/** Node's worker_threads, loaded when a scan starts workers: most scans of a command line never do. */
const workerThreads = (): typeof WorkerThreads => require('node:worker_threads') as typeof WorkerThreads;

/** The bundled worker next to the running bundle (dist/scan-worker.js); undefined when absent (sources run by tsx). */
export function defaultWorkerScript(): string | undefined {
  const dir = typeof __dirname === 'string' ? __dirname : undefined;
  const file = dir ? join(dir, 'scan-worker.js') : undefined;
  return file && existsSync(file) ? file : undefined;
}

/**
 * Number of worker threads for files of `bytes` bytes together: `requested` when given, else, from
 * {@link MIN_BYTES_FOR_THREADS} on and with more than one CPU, min(CPUs, 4) − 1 (the main thread
 * lints too). Workers send back each file's report with what the workspace rules read of it
 * (FileReport.workspace), so no file is parsed twice.
 */
export function threadCount(bytes: number, requested: number | undefined, cpus: number = availableParallelism()): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  return bytes >= MIN_BYTES_FOR_THREADS && cpus > 1 ? Math.min(cpus, MAX_THREADS) - 1 : 0;
}

/** How a scan of `paths` is spread: the worker threads and, when there are any, the file sizes (for the order of claims); `known` sizes are not looked up again. */
export function planThreads(paths: readonly string[], requested: number | undefined, known?: ReadonlyMap<string, number>): { threads: number; sizes: number[] | undefined } {
  if (requested === 0 || (requested === undefined && availableParallelism() < 2)) return { threads: 0, sizes: undefined };
  const sizes = paths.map((p) => known?.get(p) ?? sizeOf(p));
  const threads = threadCount(sizes.reduce((a, b) => a + b, 0), requested);
  return { threads, sizes: threads > 0 ? sizes : undefined };
}

const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/** Options of {@link lintAll}. */
export interface PoolOptions {
  readonly threads: number;
  /** The files' sizes, when known (largest files are claimed first). */
  readonly sizes?: readonly number[] | undefined;
  /** The worker entry point; defaults to {@link defaultWorkerScript}. */
  readonly workerScript?: string | undefined;
  readonly log?: ((message: string) => void) | undefined;
  /** Files linted as pipelines whatever their name (files a GitLab pipeline includes): a worker is told them too. */
  readonly pipelines?: readonly string[] | undefined;
}

function startWorkers(count: number, script: string, paths: readonly string[], config: Config, counters: SharedArrayBuffer, pipelines: readonly string[]): { workers: WorkerThreads.Worker[]; ports: WorkerThreads.MessagePort[] } {
  const workers: WorkerThreads.Worker[] = [];
  const ports: WorkerThreads.MessagePort[] = [];
  for (let n = 0; n < count; n++) {
    try {
      const { MessageChannel, Worker } = workerThreads();
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(script, { workerData: { paths, config, counters, port: port2, pipelines }, transferList: [port2] });
      worker.on('error', () => undefined); // its files are linted by the main thread instead
      worker.unref();
      workers.push(worker);
      ports.push(port1);
    } catch {
      break; // cannot start (no threads here): the main thread does the rest
    }
  }
  return { workers, ports };
}

/**
 * Lints every path in this thread (`lint`) or in worker threads, returning the reports in
 * the order of `paths`. Falls back to this thread for anything a worker does not deliver.
 */
export function lintAll(paths: readonly string[], config: Config, lint: (path: string) => FileReport, options: PoolOptions): FileReport[] {
  const reports: FileReport[] = new Array(paths.length);
  lintEach(paths, config, lint, options, (report, index) => {
    reports[index] = report;
  });
  return reports;
}

/**
 * Lints every path in this thread (`lint`) or in worker threads and hands each report to `deliver`
 * with the index of its path as soon as it is in, once per path and in no particular order; the
 * caller keeps of a report what it needs. Falls back to this thread for anything a worker does not deliver.
 */
export function lintEach(paths: readonly string[], config: Config, lint: (path: string) => FileReport, options: PoolOptions, deliver: (report: FileReport, index: number) => void): void {
  const script = options.threads > 0 ? (options.workerScript ?? defaultWorkerScript()) : undefined;
  if (!script || !existsSync(script)) {
    paths.forEach((p, i) => deliver(lint(p), i));
    return;
  }
  // largest first, so that no big file is left for the end
  const order = paths.map((p, i) => ({ i, size: options.sizes?.[i] ?? sizeOf(p) })).sort((a, b) => b.size - a.size || a.i - b.i).map((x) => x.i);
  const claimOrder = order.map((i) => paths[i]!);
  const counters = new SharedArrayBuffer(8);
  const shared = new Int32Array(counters);
  const { workers, ports } = startWorkers(options.threads, script, claimOrder, config, counters, options.pipelines ?? []);
  if (workers.length === 0) {
    paths.forEach((p, i) => deliver(lint(p), i));
    return;
  }
  const { receiveMessageOnPort } = workerThreads();
  // one bit per path: whether its report was delivered
  const done = new Uint8Array(paths.length);
  let received = 0;
  const accept = (target: number, report: FileReport): void => {
    done[target] = 1;
    received++;
    deliver(report, target);
  };
  const drain = (): void => {
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const msg = m.message as PoolMessage;
        for (const line of msg.logs) options.log?.(line);
        const target = order[msg.index]!;
        if (done[target]) continue;
        accept(target, msg.report ?? lint(paths[target]!));
      }
    }
  };
  for (let index = Atomics.add(shared, NEXT, 1); index < paths.length; index = Atomics.add(shared, NEXT, 1)) {
    accept(order[index]!, lint(claimOrder[index]!));
    drain();
  }
  let last = Date.now();
  for (;;) {
    const seen = Atomics.load(shared, DONE);
    const before = received;
    drain();
    if (received >= paths.length) break;
    if (received > before) last = Date.now();
    else if (Date.now() - last > STALL_MS) break;
    Atomics.wait(shared, DONE, seen, 200);
  }
  drain();
  for (const w of workers) void w.terminate();
  for (const p of ports) p.close();
  // whatever a worker could not deliver (a result it could not send, a crash)
  for (let i = 0; i < paths.length; i++) if (!done[i]) accept(i, lint(paths[i]!));
}
