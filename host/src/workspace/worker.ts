// Entry point of a scan worker thread (bundled as dist/scan-worker.js): lints the files it claims
// from the shared queue of pool.ts and posts each report without its parsed file. Asked for them
// (the language server's scan), it then builds the kustomizations and renders the charts of the
// scan (deployables.ts, loaded only then) and posts what they found.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { Config } from '../../../shared/src/config';
import { withoutParsed } from '../../../shared/src/lint';
import { possibleKinds } from '../../../shared/src/parse/kind';
import { fileUri, lintFile } from './scan';
import { NEXT, DONE, type DeployMessage, type PoolMessage } from './pool';
import { packReport } from './packed-report';

interface WorkerInput {
  readonly paths: readonly string[];
  readonly config: Config;
  readonly counters: SharedArrayBuffer;
  readonly port: MessagePort;
  /** Files linted as pipelines whatever their name (PoolOptions.pipelines). */
  readonly pipelines?: readonly string[];
  /** The deploy stages to run once no file is left to claim: the scan's roots, every file it found, the configuration's base. */
  readonly deploy?: { readonly roots: readonly string[]; readonly files: readonly string[]; readonly ignoreBase?: string };
  /** Reports are posted packed (PoolMessage.packed), as the language server keeps them. */
  readonly pack?: boolean;
  /** The scan runs behind an editor: this thread gives way to the one that started it (see {@link lowerPriority}). */
  readonly background?: boolean;
}

/** The nice value of a background scan's thread (0 is the process's, 19 the lowest priority). */
const BACKGROUND_NICE = 10;

/**
 * Lowers this thread's scheduling priority, so that on a busy machine the editor's requests on
 * the thread that started it go first. Linux gives each thread a nice value of its own (set by its
 * thread id, found through /proc/thread-self); elsewhere the thread keeps the process's priority.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, BACKGROUND_NICE);
  } catch {
    // no /proc/thread-self (macOS, Windows, old kernels): the thread keeps the process's priority
  }
}

function run({ paths, config, counters, port, pipelines, deploy, pack, background }: WorkerInput): void {
  if (background) lowerPriority();
  const pipelineSet = new Set(pipelines ?? []);
  const shared = new Int32Array(counters);
  // the worker is given every path of the scan, so it knows what the scan can hold as the main thread does
  const scanKinds = possibleKinds(paths);
  for (;;) {
    const index = Atomics.add(shared, NEXT, 1);
    if (index >= paths.length) break;
    const logs: string[] = [];
    let message: PoolMessage;
    try {
      const report = withoutParsed(lintFile(paths[index]!, config, (m) => logs.push(m), scanKinds, undefined, pipelineSet.has(paths[index]!) ? 'pipeline' : undefined));
      if (pack) {
        const packed = packReport(report);
        message = { index, packed, logs };
        // the packed bytes have a buffer of their own (or none): it moves to the receiving thread uncopied
        port.postMessage(message, packed.packed.length ? [packed.packed.buffer as ArrayBuffer] : []);
      } else {
        message = { index, report, logs };
        port.postMessage(message);
      }
    } catch {
      // a result that cannot be cloned (or a crash outside lintFile's guard): the main thread lints it itself
      port.postMessage({ index, logs } satisfies PoolMessage);
    }
    Atomics.add(shared, DONE, 1);
    Atomics.notify(shared, DONE);
  }
  if (deploy) {
    const logs: string[] = [];
    let found: DeployMessage['deploy'];
    try {
      const stages = require('./deployables') as typeof import('./deployables');
      found = stages.deployFindings(deploy.roots, deploy.files, config, fileUri, { ...(deploy.ignoreBase ? { ignoreBase: deploy.ignoreBase } : {}), log: (m) => logs.push(m) });
    } catch (e) {
      logs.push(`deploy stages failed on the worker thread: ${(e as Error).stack ?? String(e)}`);
    }
    try {
      port.postMessage({ deploy: found, logs } satisfies DeployMessage);
    } catch {
      // findings that cannot be cloned: the receiving thread runs the stages itself
      port.postMessage({ deploy: undefined, logs } satisfies DeployMessage);
    }
  }
  port.close();
}

run(workerData as WorkerInput);
