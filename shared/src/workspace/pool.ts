// Linting many files on worker threads while the caller stays synchronous: workers and the main
// thread claim files from a shared counter (largest first); workers post their reports on a
// MessagePort, which the main thread drains between its own files (so that reports do not pile up
// in the port); at the end it blocks on Atomics.wait until every report is in. A report carries what
// the workspace rules read of its file (FileReport.workspace), so nothing is parsed twice.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Config } from '../config';
import type { FileReport } from '../lint';

/** Index of the next unclaimed file in the shared counters. */
export const NEXT = 0;
/** Index of the count of reports posted by workers. */
export const DONE = 1;

/** A worker's answer for one file; without `report` the main thread lints that file itself. */
export interface PoolMessage {
  readonly index: number;
  readonly report?: FileReport;
  readonly logs: readonly string[];
}

/** Fewer files than this are linted in the calling thread: starting workers would cost more. */
export const MIN_FILES_FOR_THREADS = 50;
const MAX_THREADS = 4;
/** Fewer CPUs than this: no worker threads unless asked for (see threadCount). */
const MIN_CPUS_FOR_THREADS = 4;
/** A worker that posts nothing for this long is given up; the main thread lints what is missing. */
const STALL_MS = 60_000;

/** The bundled worker next to the running bundle (dist/scan-worker.js); undefined when absent (sources run by tsx). */
export function defaultWorkerScript(): string | undefined {
  const dir = typeof __dirname === 'string' ? __dirname : undefined;
  const file = dir ? join(dir, 'scan-worker.js') : undefined;
  return file && existsSync(file) ? file : undefined;
}

/**
 * Number of worker threads for `files` files: `requested` when given, else, for more than 50
 * files on ≥ 4 CPUs, min(CPUs, 4) − 1 (the main thread lints too). Each worker isolate pays its
 * own compilation warm-up (about 3 s CPU over the real-world corpus) and the main thread parses
 * again what workspace rules read of the workers' files: on 2 CPUs that cost more than the second
 * core gave back (measured: 14.7–19.6 s CPU and no shorter wall time vs 9.4–11.6 s in one thread).
 */
export function threadCount(files: number, requested: number | undefined): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  const cpus = availableParallelism();
  return files > MIN_FILES_FOR_THREADS && cpus >= MIN_CPUS_FOR_THREADS ? Math.min(cpus, MAX_THREADS) - 1 : 0;
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
  /** The worker entry point; defaults to {@link defaultWorkerScript}. */
  readonly workerScript?: string | undefined;
  readonly log?: ((message: string) => void) | undefined;
}

function startWorkers(count: number, script: string, paths: readonly string[], config: Config, counters: SharedArrayBuffer): { workers: Worker[]; ports: MessagePort[] } {
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  for (let n = 0; n < count; n++) {
    try {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(script, { workerData: { paths, config, counters, port: port2 }, transferList: [port2] });
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
  const reports: (FileReport | undefined)[] = new Array(paths.length);
  const script = options.threads > 0 ? (options.workerScript ?? defaultWorkerScript()) : undefined;
  if (!script || !existsSync(script)) return paths.map(lint);
  // largest first, so that no big file is left for the end
  const order = paths.map((p, i) => ({ i, size: sizeOf(p) })).sort((a, b) => b.size - a.size || a.i - b.i).map((x) => x.i);
  const claimOrder = order.map((i) => paths[i]!);
  const counters = new SharedArrayBuffer(8);
  const shared = new Int32Array(counters);
  const { workers, ports } = startWorkers(options.threads, script, claimOrder, config, counters);
  if (workers.length === 0) return paths.map(lint);
  let received = 0;
  const drain = (): void => {
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const msg = m.message as PoolMessage;
        for (const line of msg.logs) options.log?.(line);
        const target = order[msg.index]!;
        if (reports[target] !== undefined) continue;
        reports[target] = msg.report ?? lint(paths[target]!);
        received++;
      }
    }
  };
  for (let index = Atomics.add(shared, NEXT, 1); index < paths.length; index = Atomics.add(shared, NEXT, 1)) {
    reports[order[index]!] = lint(claimOrder[index]!);
    received++;
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
  return reports.map((r, i) => r ?? lint(paths[i]!));
}
