import { existsSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { treeEvidence, type Evidence } from '../../shared/src/checklist/evidence';
import { diskTree } from '../../host/src/workspace/file-tree';

/** What the server bundle is given when it runs as the evidence worker. */
interface EvidenceWork {
  readonly bollwerkEvidenceRoot: string;
}

const isEvidenceWork = (data: unknown): data is EvidenceWork => typeof (data as EvidenceWork | undefined)?.bollwerkEvidenceRoot === 'string';

/** True when this thread is the evidence worker (main.ts then runs {@link runEvidenceWorker} instead of the server). */
export const isEvidenceWorker = (): boolean => !isMainThread && isEvidenceWork(workerData);

/** The evidence of a folder on disk; undefined when the folder cannot be read (it is gone, or not a folder). */
function readEvidence(root: string): Evidence | undefined {
  try {
    return treeEvidence(diskTree(root));
  } catch {
    return undefined;
  }
}

/** The worker's part: reads the folder's evidence and posts it. */
export function runEvidenceWorker(): void {
  const { bollwerkEvidenceRoot } = workerData as EvidenceWork;
  parentPort?.postMessage(readEvidence(bollwerkEvidenceRoot));
}

/**
 * What a folder on disk proves (checklist/evidence.ts), read on a worker thread: the walk reads up to
 * 20,000 entries of the tree and every YAML file among them, seconds in a large repository, during
 * which the server's thread keeps answering the editor. The worker is the server's own bundle
 * (`script`, dist/server.js); where it cannot run (sources run by tsx), the evidence is read here.
 * Undefined when the folder cannot be read.
 */
export function evidenceOffThread(root: string, log: (m: string) => void, script: string = __filename): Promise<Evidence | undefined> {
  if (!script.endsWith('.js') || !existsSync(script)) return Promise.resolve(readEvidence(root));
  return new Promise((resolve) => {
    let done = false;
    const fallback = (why: string): void => {
      if (done) return;
      done = true;
      log(`evidence: ${why}; reading it in the server's thread`);
      resolve(readEvidence(root));
    };
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: { bollwerkEvidenceRoot: root } satisfies EvidenceWork });
    } catch (e) {
      fallback(`no worker thread (${(e as Error).message})`);
      return;
    }
    worker.once('message', (evidence: Evidence | undefined) => {
      done = true;
      resolve(evidence);
      void worker.terminate();
    });
    worker.once('error', (e) => fallback(`the worker failed (${e.message})`));
    worker.once('exit', () => fallback('the worker ended without an answer'));
  });
}
