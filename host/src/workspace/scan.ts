import { URI } from 'vscode-uri';
import type { Config } from '../../../shared/src/config';
import { lintText, lintWorkspaceFacts, notCheckedResults, withoutParsed, type FileReport, type Note, type WorkspaceFacts } from '../../../shared/src/lint';
import { isComposeName, isDockerfileName, isYamlName, possibleKinds } from '../../../shared/src/parse/kind';
import type { FileKind, Result } from '../../../shared/src/types';
import { compareReportUris } from './report-order';
import { hasDeployables, hasDockerignore, inChartTree, readHead, readSource } from './source';
import { lintEach, planThreads } from './pool';
import { findFiles, type FindOptions } from './walk';
import { gitlabIncludedFiles } from './gitlab-includes';

/** A note that concerns the walk itself rather than one file (an unreadable directory). */
export interface ScanNote {
  readonly uri: string;
  readonly note: Note;
}

/** The outcome of scanning files and directories. */
export interface ScanResult {
  /** One report per file found, in path order; files of no checked kind have `kind` undefined. */
  readonly reports: FileReport[];
  /** Findings of the workspace rules over all files (from what each report's `workspace` holds). */
  readonly workspaceResults: Result[];
  /** Problems of the walk. */
  readonly notes: ScanNote[];
  /** Files not checked because they are test data (Config.testDataPaths). */
  readonly testDataSkipped: number;
}

/** Options of {@link scanWorkspace}. */
export interface ScanOptions {
  /** Directory the configuration's `ignorePaths` are relative to. */
  readonly ignoreBase?: string;
  /** Stats of the roots the caller already took, by resolved path (see FindOptions.rootStats); only while the files are unchanged. */
  readonly rootStats?: FindOptions['rootStats'];
  /** Receives internal errors (rule crashes). */
  readonly log?: (message: string) => void;
  /**
   * Worker threads linting the files besides this thread (0: none). Default: min(CPUs, 4) − 1 for
   * at least 4 MiB of files on more than one CPU (see threadCount), when the bundled worker
   * (dist/scan-worker.js) is present.
   */
  readonly threads?: number;
  /** The worker entry point (default: scan-worker.js beside the running bundle). */
  readonly workerScript?: string;
}

/** An absolute POSIX path of characters that VS Code's URI leaves as they are (not `//`, which would be a UNC authority). */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/]*$/;

/** The `file:` URI of a path, encoded as VS Code encodes it (a scan asks once per file, so the common path is built directly). */
export function fileUri(path: string): string {
  return PLAIN_PATH.test(path) ? `file://${path}` : URI.file(path).toString();
}

/** The file system path of a `file:` URI. */
export function uriPath(uri: string): string {
  return URI.parse(uri).fsPath;
}

/**
 * Reads and lints one file (of the given `kind`, else of the kind its name and content say); a file that cannot be read becomes a report with a note. `knownSize`:
 * the size of a regular file the caller has just taken from a stat of `path` (see readSource).
 */
export function lintFile(path: string, config: Config, log?: (message: string) => void, scanKinds?: ReadonlySet<FileKind>, knownSize?: number, kind?: FileKind): FileReport {
  const uri = fileUri(path);
  const source = readSource(path, config.maxFileBytes, knownSize);
  if ('note' in source) {
    // a file that looks like one Bollwerk checks but could not be read as text is a finding: never a silent pass
    const seen = source.note.code === 'unreadable' ? undefined : (kind ?? apparentKind(path));
    return { uri, kind: seen, results: seen ? notCheckedResults(uri, [source.note], config) : [], notes: [source.note] };
  }
  // looked up only if a rule asks: most Dockerfiles never copy the whole build context
  const dockerignore = isDockerfileName(path) ? (): boolean => hasDockerignore(path) : undefined;
  try {
    const inChart = !isDockerfileName(path) && source.text.includes('{{') && inChartTree(path);
    return lintText(uri, source.text, { config, hasDockerignore: dockerignore, log, scanKinds, inChart, ...(kind ? { kind } : {}) });
  } catch (e) {
    // lintText isolates rules; this is the last guard so that no input file stops a scan
    log?.(`linting ${path} failed: ${(e as Error).stack ?? String(e)}`);
    const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
    return { uri, kind: undefined, results: [], notes: [{ code: 'not-checked', message: { en: `not checked: internal error (${detail})`, de: `nicht geprüft: interner Fehler (${detail})` } }] };
  }
}

/** Bytes of a YAML or JSON file that was not read as text looked at for what it seems to be. */
const HEAD_BYTES = 64 * 1024;

/**
 * The kind a file that was not read as text (too large, binary, not UTF-8) seems to be: by its
 * name, else, for YAML and JSON names, by `apiVersion` and `kind` (or a `services` key) in its
 * first bytes, NUL bytes dropped (a UTF-16 manifest has one beside every character).
 */
function apparentKind(path: string): FileKind | undefined {
  if (isDockerfileName(path)) return 'dockerfile';
  if (isComposeName(path)) return 'compose';
  if (!isYamlName(path)) return undefined;
  const head = readHead(path, HEAD_BYTES)?.replace(/\0/g, '');
  if (head === undefined) return undefined;
  if (head.includes('apiVersion') && head.includes('kind')) return 'kubernetes';
  return /(?:^|[\n{,])\s*["']?services["']?\s*:/.test(head) ? 'compose' : undefined;
}

const NOT_CONTAINER_FILE: Note = {
  code: 'not-checked',
  message: { en: 'not checked: not a Dockerfile, Compose file or Kubernetes manifest', de: 'nicht geprüft: weder Dockerfile noch Compose-Datei noch Kubernetes-Manifest' },
};

/** How {@link streamWorkspace} ends: what is known once every file is in. */
export interface ScanSummary {
  /** Findings of the workspace rules over all files. */
  readonly workspaceResults: Result[];
  /** Problems of the walk. */
  readonly notes: ScanNote[];
  /** Files not checked because they are test data (Config.testDataPaths). */
  readonly testDataSkipped: number;
  /**
   * The order of the reports in a {@link ScanResult}: by their position (path order, then the files
   * only unit or chart findings are located in), or by URI (a scan with charts).
   */
  readonly reportOrder: 'position' | 'uri';
}

/**
 * Finds the candidate files below `roots` (see findFiles), lints each with its file rules, hands
 * each file's final report to `onReport` as soon as it is in (in no particular order, with its
 * position in the {@link ScanSummary.reportOrder}) and runs the workspace rules over the facts the
 * reports carried. Of a report it keeps only those facts: what else the caller needs of it, it keeps
 * itself. Kustomize units and Helm charts are linted from the disk before the files, so that every
 * file's report passes through their findings on its way out. Never throws on file content.
 */
export function streamWorkspace(roots: readonly string[], config: Config, options: ScanOptions, onReport: (report: FileReport, position: number) => void): ScanSummary {
  const found = findFiles(roots, { ignorePaths: config.ignorePaths, testDataPaths: config.testDataPaths, ...(options.ignoreBase ? { ignoreBase: options.ignoreBase } : {}), ...(options.rootStats ? { rootStats: options.rootStats } : {}) });
  // deployable units: kustomizations are built and their output linted (their inputs are not linted
  // alone); charts are rendered and linted (their findings land on template and values lines). The
  // renderer and the builder are loaded here, not imported: only for scans that need them.
  const deploy = hasDeployables(found.files)
    ? (require('./deployables') as typeof import('./deployables')).deployStages(roots, found.files, config, fileUri, uriPath, { ...(options.ignoreBase ? { ignoreBase: options.ignoreBase } : {}), ...(options.log ? { log: options.log } : {}) })
    : { units: undefined, charts: undefined };
  const { units, charts: merge } = deploy;
  // what the workspace rules read of each report, by its position: the only part of a report kept here
  const facts: { uri: string; facts: WorkspaceFacts }[] = [];
  // a report as the units and then the charts leave it
  const out = (report: FileReport, position: number): void => {
    const final = merge ? merge.apply(report) : report;
    if (final.workspace) facts[position] = { uri: final.uri, facts: final.workspace };
    onReport(final, position);
  };
  // reports keep what the workspace rules read of their file, not the parse: a scan's memory stays
  // small, and a worker thread's report carries everything the workspace rules need
  // workspace rules that report into kinds no file here can be skip collecting (a scan of Dockerfiles only)
  const scanKinds = possibleKinds(found.files);
  // a file named on the command line was stat'ed a moment ago (FoundFiles.explicit): its size is known
  // files a GitLab pipeline includes locally are pipelines whatever their name (read here, linted below)
  const pipelines = gitlabIncludedFiles(found.files, (path) => {
    const source = readSource(path, config.maxFileBytes, found.explicit.get(path));
    return 'text' in source ? source.text : undefined;
  });
  const lint = (path: string): FileReport => withoutParsed(lintFile(path, config, options.log, scanKinds, found.explicit.get(path), pipelines.has(path) ? 'pipeline' : undefined));
  const { threads, sizes } = planThreads(found.files, options.threads, found.explicit);
  lintEach(found.files, config, lint, { threads, sizes, workerScript: options.workerScript, log: options.log, pipelines: [...pipelines] }, (report, i) => {
    // a file named on the command line that is of no checked kind is worth a word
    const own = found.explicit.has(found.files[i]!) && !report.kind && report.notes.length === 0 ? { ...report, notes: [NOT_CONTAINER_FILE] } : report;
    out(units ? units.apply(own) : own, i);
  });
  // the files that only unit findings are located in (their reports pass through the charts), then those only chart findings are
  let position = found.files.length;
  for (const report of units?.rest() ?? []) out(report, position++);
  for (const report of merge?.rest() ?? []) onReport(report, position++);
  const reportOrder = merge ? 'uri' : 'position';
  const ordered = facts.filter((f) => f !== undefined);
  if (reportOrder === 'uri') ordered.sort(compareReportUris);
  let workspaceResults: Result[] = [];
  try {
    workspaceResults = lintWorkspaceFacts(ordered.map((f) => f.facts), { config, ...(options.log ? { log: options.log } : {}) });
  } catch (e) {
    options.log?.(`workspace rules failed: ${(e as Error).stack ?? String(e)}`);
  }
  const notes = found.problems.map((p) => ({
    uri: fileUri(p.path),
    note: { code: 'unreadable' as const, message: { en: `skipped: ${p.message}`, de: `übersprungen: ${p.message}` } },
  }));
  return { workspaceResults, notes, testDataSkipped: found.testData.length, reportOrder };
}

/**
 * Finds the candidate files below `roots` (see findFiles), lints each with its file rules and
 * runs the workspace rules over what they collected of all files together. Never throws on file content.
 */
export function scanWorkspace(roots: readonly string[], config: Config, options: ScanOptions = {}): ScanResult {
  const reports: FileReport[] = [];
  const summary = streamWorkspace(roots, config, options, (report, position) => {
    reports[position] = report;
  });
  if (summary.reportOrder === 'uri') reports.sort(compareReportUris);
  return { reports, workspaceResults: summary.workspaceResults, notes: summary.notes, testDataSkipped: summary.testDataSkipped };
}
