// Entry point of a scan worker thread (bundled as dist/scan-worker.js): lints the files it claims
// from the shared queue of pool.ts and posts each report without its parsed file.
import { workerData, type MessagePort } from 'node:worker_threads';
import type { Config } from '../../../shared/src/config';
import { withoutParsed } from '../../../shared/src/lint';
import { possibleKinds } from '../../../shared/src/parse/kind';
import { lintFile } from './scan';
import { NEXT, DONE, type PoolMessage } from './pool';

interface WorkerInput {
  readonly paths: readonly string[];
  readonly config: Config;
  readonly counters: SharedArrayBuffer;
  readonly port: MessagePort;
  /** Files linted as pipelines whatever their name (PoolOptions.pipelines). */
  readonly pipelines: readonly string[];
}

function run({ paths, config, counters, port, pipelines }: WorkerInput): void {
  const pipelineSet = new Set(pipelines);
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
      message = { index, report, logs };
      port.postMessage(message);
    } catch {
      // a result that cannot be cloned (or a crash outside lintFile's guard): the main thread lints it itself
      port.postMessage({ index, logs } satisfies PoolMessage);
    }
    Atomics.add(shared, DONE, 1);
    Atomics.notify(shared, DONE);
  }
  port.close();
}

run(workerData as WorkerInput);
