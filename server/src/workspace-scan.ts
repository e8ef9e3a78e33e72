import { statSync } from 'node:fs';
import { sep } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import type { Config } from '../../shared/src/config';
import { withoutParsed, type FileReport, type Note, type WorkspaceFacts } from '../../shared/src/lint';
import type { FileKind, Result } from '../../shared/src/types';
import { packReport, unpackResults, type PackedReport } from '../../host/src/workspace/packed-report';
import { isDockerfileName, possibleKinds } from '../../shared/src/parse/kind';
import { fileUri, findFilesStepwise, lintFile, uriPath } from '../../host/src/workspace/index';
import { deployFindings, deployStageSteps, deployStagesOf, type DeployFindings } from '../../host/src/workspace/deployables';
import { defaultWorkerScript, NEXT, type DeployMessage, type PoolMessage } from '../../host/src/workspace/pool';
import { hasDeployables, hasDockerignore } from '../../host/src/workspace/source';

/** Lets the editor's requests that arrived meanwhile be answered. */
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The reports of the last scan, reused for a file while its identity on disk (inode, size,
 * modification and change time; for a Dockerfile also whether a `.dockerignore` sits beside it)
 * and the configuration stay the same: a second scan of an unchanged folder reads no file.
 */
export class ScanCache {
  private entries = new Map<string, { readonly key: string; readonly report: PackedReport }>();
  /** Files whose report the last scan reused. */
  reused = 0;
  /** Files the last scan skipped as test data (Config.testDataPaths). */
  testDataSkipped = 0;

  /** The cache key of a file under a configuration, or undefined when it cannot be read. */
  static key(path: string, configKey: string): string | undefined {
    try {
      const st = statSync(path);
      const dockerignore = isDockerfileName(path) ? `:${hasDockerignore(path)}` : '';
      return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}${dockerignore}\n${configKey}`;
    } catch {
      return undefined;
    }
  }

  get(path: string, key: string | undefined): PackedReport | undefined {
    const hit = key === undefined ? undefined : this.entries.get(path);
    return hit && hit.key === key ? hit.report : undefined;
  }

  set(path: string, key: string | undefined, report: PackedReport): void {
    if (key === undefined) this.entries.delete(path);
    else this.entries.set(path, { key, report });
  }

  /** Forgets every file of `folder` that the last scan of it did not find. */
  prune(folder: string, found: ReadonlySet<string>): void {
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    for (const path of this.entries.keys()) if (path.startsWith(prefix) && !found.has(path)) this.entries.delete(path);
  }
}

const ruleIds = new Map<string, string>();
const interned = (id: string): string => {
  let one = ruleIds.get(id);
  if (one === undefined) ruleIds.set(id, (one = id));
  return one;
};

/**
 * A packed report as the server keeps it: one from a worker thread arrives as a structured copy,
 * with a string of its own for each rule id (a copy keeps shared objects shared, not strings);
 * those strings are shared again.
 */
function compact(report: PackedReport): PackedReport {
  return { ...report, ruleIds: report.ruleIds.map(interned) };
}

/** A report linted in this thread, packed as the index keeps it. */
const packedLint = (path: string, config: Config, log: (m: string) => void): PackedReport => packReport(withoutParsed(lintFile(path, config, log)));

/** A packed report as the deploy stages read it: its results are unpacked when they are asked for. */
class UnpackedOnRead implements FileReport {
  readonly uri: string;
  readonly kind: FileKind | undefined;
  readonly notes: readonly Note[];
  readonly workspace?: WorkspaceFacts;
  constructor(readonly packed: PackedReport) {
    this.uri = packed.uri;
    this.kind = packed.kind;
    this.notes = packed.notes;
    if (packed.workspace !== undefined) this.workspace = packed.workspace;
  }
  get results(): Result[] {
    return unpackResults(this.packed);
  }
}

/**
 * The scan's reports with the deploy stages applied. The stages read the results of the files they
 * touch (a chart's templates and values files, a kustomization's inputs and the files its findings
 * land in): only those reports are unpacked, and packed again.
 */
async function applyDeployed(reports: readonly PackedReport[], deployed: DeployFindings, control: ScanControl): Promise<PackedReport[] | undefined> {
  // a step at a time, answering the editor in between: on 50,000 files this takes a quarter of a second
  const applied = await runYielding(deployStageSteps(reports.map((p) => new UnpackedOnRead(p)), deployStagesOf(deployed, uriPath)), () => control.cancelled());
  if (!applied) return undefined;
  const out: PackedReport[] = [];
  let packed = 0;
  for (const r of applied) {
    if (r instanceof UnpackedOnRead) {
      out.push(r.packed);
      continue;
    }
    out.push(compact(packReport(r)));
    if (++packed % PACKS_PER_STEP === 0) await yieldToEvents();
  }
  return out;
}

/** Reports the deploy stages changed that are packed again between two yields to the editor. */
const PACKS_PER_STEP = 500;

/** How a scan reports its progress and learns that it is cancelled. */
export interface ScanControl {
  /** True once the scan should stop. */
  cancelled(): boolean;
  /** `done` of `total` files of the folder have their report. */
  progress?(done: number, total: number): void;
  /** Worker threads that lint the files (0: this thread, between events); by default one when there are at least {@link MIN_FILES_FOR_WORKER} files to lint. */
  readonly threads?: number;
  /** The worker entry point (dist/scan-worker.js beside the bundle by default). */
  readonly workerScript?: string;
}

/** The old generation of the scan's worker thread (MB). */
const WORKER_OLD_GENERATION_MB = 256;

/** The longest a computation in steps holds the server's thread before it answers the editor's requests (ms). */
const SLICE_MS = 10;

/**
 * Runs a computation given as steps (see shared/src/steps.ts) in this thread, answering the
 * editor's requests whenever its steps have held the thread for {@link SLICE_MS}; undefined when
 * `cancelled` says so at one of those pauses.
 */
export async function runYielding<T>(steps: Generator<unknown, T>, cancelled: () => boolean = () => false): Promise<T | undefined> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since < SLICE_MS) continue;
    if (cancelled()) return undefined;
    await yieldToEvents();
    since = performance.now();
  }
}

/** Files whose identity on disk is looked up between two yields to the editor's requests. */
const STAT_BATCH = 500;

/**
 * Fewer files than this are linted in the server's thread: a worker's start (a few hundred ms) costs
 * more than it saves. From here on one large file (a 2 MB manifest lints for seconds on a busy
 * machine) would hold up the editor's requests if linted in the server's thread.
 */
export const MIN_FILES_FOR_WORKER = 20;

const NEVER: ScanControl = { cancelled: () => false };

const sameKinds = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => a.size === b.size && [...a].every((k) => b.has(k));

/** The deploy stages a worker runs after its files (see WorkerInput.deploy in host/src/workspace/worker.ts). */
interface DeployRequest {
  readonly roots: readonly string[];
  readonly files: readonly string[];
  readonly ignoreBase?: string;
}

/**
 * Lints `paths` on one worker thread (host/src/workspace/worker.ts, the CLI's scan worker), so that
 * the server's thread stays free for the editor: it only receives the reports, each handed to
 * `onReport` with its index in `paths`. With `deploy` the worker then builds the kustomizations and
 * renders the charts, which take seconds in a large repository, and sends what they found. Resolves
 * with `complete: false` when cancelled; files a worker does not deliver (it could not start,
 * crashed, or a report could not be sent) are linted in this thread, and deploy findings it does not
 * deliver are left undefined for the caller to make.
 */
async function lintOnWorker(paths: readonly string[], config: Config, log: (m: string) => void, script: string, control: ScanControl, onReport: (index: number, report: PackedReport) => void, deploy?: DeployRequest): Promise<{ complete: boolean; deploy?: DeployFindings }> {
  const reports: boolean[] = new Array<boolean>(paths.length).fill(false);
  const counters = new SharedArrayBuffer(8);
  const shared = new Int32Array(counters);
  let received = 0;
  let deployed: DeployFindings | undefined;
  let deployAnswered = deploy === undefined;
  const settled = await new Promise<boolean>((resolve) => {
    let worker: Worker;
    let port: MessagePort;
    try {
      const channel = new MessageChannel();
      port = channel.port1;
      // a bounded old generation makes the worker collect its garbage early instead of growing the
      // server's resident set; a file that needs more ends the worker, and the rest is linted here
      worker = new Worker(script, { workerData: { paths, config, counters, port: channel.port2, pack: true, background: true, ...(deploy ? { deploy } : {}) }, transferList: [channel.port2], resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB } });
    } catch (e) {
      log(`scan: no worker thread (${(e as Error).message}); linting in the server's thread`);
      resolve(true);
      return;
    }
    let finished = false;
    const finish = (complete: boolean): void => {
      if (finished) return;
      finished = true;
      clearInterval(watch);
      port.close();
      void worker.terminate();
      resolve(complete);
    };
    // cancellation is looked at between messages and, while a large file keeps the worker busy, every 100 ms
    const watch = setInterval(() => {
      if (control.cancelled()) {
        Atomics.store(shared, NEXT, paths.length);
        finish(false);
      }
    }, 100);
    port.on('message', (msg: PoolMessage | DeployMessage) => {
      for (const line of msg.logs) log(line);
      if ('deploy' in msg) {
        deployed = msg.deploy;
        deployAnswered = true;
      } else if (msg.packed && !reports[msg.index]) {
        reports[msg.index] = true;
        received++;
        onReport(msg.index, compact(msg.packed));
      }
      if (control.cancelled()) {
        Atomics.store(shared, NEXT, paths.length);
        finish(false);
      } else if (received >= paths.length && deployAnswered) finish(true);
    });
    worker.on('error', (e) => log(`scan: worker thread failed: ${e.message}`));
    // the worker ends when no file is left to claim; whatever it did not deliver is linted below
    worker.on('exit', () => setImmediate(() => finish(!control.cancelled())));
  });
  if (!settled) return { complete: false };
  for (let i = 0; i < paths.length; i++) {
    if (reports[i]) continue;
    if (control.cancelled()) return { complete: false };
    onReport(i, packedLint(paths[i]!, config, log));
    await yieldToEvents();
  }
  return { complete: true, ...(deployed ? { deploy: deployed } : {}) };
}

/**
 * Lints every file of a folder from disk with the CLI's walk (`.gitignore` and `ignorePaths`
 * honoured, test data skipped) and file reader; files unchanged since the last scan (see
 * {@link ScanCache}) keep their report. The other files are linted on a worker thread when there are
 * many, else in this thread, yielding between files: either way the server keeps answering while it
 * scans. Kustomizations are built and charts rendered as `bollwerk scan` does
 * (host/src/workspace/deployables.ts): on the worker, after its files, in a folder of some size, since
 * they take seconds in a large repository. The workspace rules run afterwards over the server's index (open documents
 * included); reports keep what those rules read of each file (FileReport.workspace), not its parse.
 * Undefined when the scan was cancelled (the cache keeps what was linted).
 */
export async function scanFolder(folderUri: string, config: Config, log: (m: string) => void, cache: ScanCache = new ScanCache(), control: ScanControl = NEVER): Promise<PackedReport[] | undefined> {
  const root = URI.parse(folderUri);
  cache.reused = 0;
  if (root.scheme !== 'file') return [];
  // the CLI's walk, a folder at a time
  const found = await runYielding(findFilesStepwise([root.fsPath], { ignorePaths: config.ignorePaths, testDataPaths: config.testDataPaths, ignoreBase: root.fsPath }), () => control.cancelled());
  if (!found) return undefined;
  cache.testDataSkipped = found.testData.length;
  for (const p of found.problems) log(`scan: ${p.path}: ${p.message}`);
  const configKey = JSON.stringify(config);
  const total = found.files.length;
  const keys: (string | undefined)[] = [];
  for (const path of found.files) {
    keys.push(ScanCache.key(path, configKey));
    if (keys.length % STAT_BATCH === 0) {
      if (control.cancelled()) return undefined;
      await yieldToEvents();
    }
  }
  const byPath: (PackedReport | undefined)[] = found.files.map((path, i) => cache.get(path, keys[i]));
  const todo = found.files.map((_, i) => i).filter((i) => byPath[i] === undefined);
  cache.reused = total - todo.length;
  let linted = 0;
  // each report goes into the cache at once: a cancelled scan keeps what it linted for the next
  const onReport = (n: number, report: PackedReport): void => {
    const i = todo[n]!;
    byPath[i] = report;
    cache.set(found.files[i]!, keys[i], report);
    control.progress?.(cache.reused + ++linted, total);
  };
  control.progress?.(cache.reused, total);
  const todoPaths = todo.map((i) => found.files[i]!);
  // kustomizations are built and charts rendered as `bollwerk scan` does, with the folder as the configuration's base
  const deploy: DeployRequest | undefined = hasDeployables(found.files) ? { roots: [root.fsPath], files: found.files, ignoreBase: root.fsPath } : undefined;
  // the worker also takes the deploy stages of a folder of some size when every report comes from the cache
  const threads = control.threads ?? (todo.length >= MIN_FILES_FOR_WORKER || (deploy && total >= MIN_FILES_FOR_WORKER) ? 1 : 0);
  const script = threads > 0 ? (control.workerScript ?? defaultWorkerScript()) : undefined;
  let deployed: DeployFindings | undefined;
  // A worker collects workspace facts only for the kinds its paths can hold (possibleKinds); that equals
  // collecting them all only when the files to lint can hold every kind the folder can (or there are none).
  if (script && (todoPaths.length === 0 || sameKinds(possibleKinds(todoPaths), possibleKinds(found.files)))) {
    const done = await lintOnWorker(todoPaths, config, log, script, control, onReport, deploy);
    if (!done.complete) return undefined;
    deployed = done.deploy;
  } else {
    for (let n = 0; n < todoPaths.length; n++) {
      if (control.cancelled()) return undefined;
      onReport(n, packedLint(todoPaths[n]!, config, log));
      await yieldToEvents();
    }
  }
  cache.prune(root.fsPath, new Set(found.files));
  const perFile = byPath.filter((r): r is PackedReport => r !== undefined);
  if (deploy && !deployed) {
    // no worker ran them (a small folder, or the worker failed): this thread builds and renders
    log(`scan: building the kustomizations and rendering the charts of ${root.fsPath} in the server's thread`);
    deployed = deployFindings(deploy.roots, deploy.files, config, fileUri, { ignoreBase: root.fsPath, log });
  }
  if (!deployed) return perFile.filter((r) => r.kind);
  return (await applyDeployed(perFile, deployed, control))?.filter((r) => r.kind);
}
