import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { URI } from 'vscode-uri';
import type { Config } from '../config';
import { lintText, lintWorkspace, type FileReport, type Note } from '../lint';
import { isDockerfileName } from '../parse/kind';
import type { ParsedFile, Result } from '../types';
import { hasDockerignore, readSource } from './source';
import { parseNeeded, workspaceNeeds } from './needs';
import { lintAll, threadCount } from './pool';
import { findFiles } from './walk';

/** A note that concerns the walk itself rather than one file (an unreadable directory). */
export interface ScanNote {
  readonly uri: string;
  readonly note: Note;
}

/** The outcome of scanning files and directories. */
export interface ScanResult {
  /** One report per file found, in path order; files of no checked kind have `kind` undefined. */
  readonly reports: FileReport[];
  /** Findings of the workspace rules over all parsed files. */
  readonly workspaceResults: Result[];
  /** Problems of the walk. */
  readonly notes: ScanNote[];
}

/** Options of {@link scanWorkspace}. */
export interface ScanOptions {
  /** Directory the configuration's `ignorePaths` are relative to. */
  readonly ignoreBase?: string;
  /** Receives internal errors (rule crashes). */
  readonly log?: (message: string) => void;
  /**
   * Worker threads linting the files besides this thread (0: none). Default: min(CPUs, 4) − 1 for
   * more than 50 files on at least 4 CPUs (see threadCount), when the bundled worker
   * (dist/scan-worker.js) is present.
   */
  readonly threads?: number;
  /** The worker entry point (default: scan-worker.js beside the running bundle). */
  readonly workerScript?: string;
  /**
   * Keep every parsed file for the workspace rules (the reports then carry `parsed`) instead of
   * parsing only what the enabled workspace rules declare they read.
   */
  readonly retainParsed?: boolean;
}

/** The `file:` URI of a path, encoded as VS Code encodes it. */
export function fileUri(path: string): string {
  return URI.file(path).toString();
}

/** The file system path of a `file:` URI. */
export function uriPath(uri: string): string {
  return URI.parse(uri).fsPath;
}

/** Reads and lints one file; a file that cannot be read becomes a report with a note. */
export function lintFile(path: string, config: Config, log?: (message: string) => void): FileReport & { readonly bom?: boolean } {
  const uri = fileUri(path);
  const source = readSource(path, config.maxFileBytes);
  if ('note' in source) return { uri, kind: undefined, results: [], notes: [source.note] };
  const dockerignore = isDockerfileName(path) ? { hasDockerignore: hasDockerignore(path) } : {};
  try {
    return { ...lintText(uri, source.text, { config, ...dockerignore, ...(log ? { log } : {}) }), bom: source.bom };
  } catch (e) {
    // lintText isolates rules; this is the last guard so that no input file stops a scan
    log?.(`linting ${path} failed: ${(e as Error).stack ?? String(e)}`);
    const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
    return { uri, kind: undefined, results: [], notes: [{ code: 'not-checked', message: { en: `not checked: internal error (${detail})`, de: `nicht geprüft: interner Fehler (${detail})` } }] };
  }
}

function withoutParsed(report: FileReport): FileReport {
  const { parsed: _parsed, ...rest } = report;
  return rest;
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

function setDefined<K, V>(map: Map<K, V>, key: K, value: V | undefined): void {
  if (value !== undefined) map.set(key, value);
}

const NOT_CONTAINER_FILE: Note = {
  code: 'not-checked',
  message: { en: 'not checked: not a Dockerfile, Compose file or Kubernetes manifest', de: 'nicht geprüft: weder Dockerfile noch Compose-Datei noch Kubernetes-Manifest' },
};

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds the candidate files below `roots` (see findFiles), lints each with its file rules and
 * runs the workspace rules over all parsed files together. Never throws on file content.
 */
export function scanWorkspace(roots: readonly string[], config: Config, options: ScanOptions = {}): ScanResult {
  const found = findFiles(roots, { ignorePaths: config.ignorePaths, ...(options.ignoreBase ? { ignoreBase: options.ignoreBase } : {}) });
  const explicit = new Set(roots.map((r) => resolve(r)).filter(isFile));
  const parsed: ParsedFile[] = [];
  const lint = (path: string): FileReport => lintFile(path, config, options.log);
  let linted: FileReport[];
  if (options.retainParsed) {
    linted = found.files.map(lint);
    for (const r of linted) if (r.parsed) parsed.push(r.parsed);
  } else {
    const needs = workspaceNeeds(config);
    const byPath = new Map<string, ParsedFile>();
    // a file linted in this thread keeps its parse when the workspace rules read its kind …
    const lintHere = (path: string): FileReport => {
      const report = lint(path);
      if (report.parsed && needs?.fileKinds.has(report.parsed.kind)) byPath.set(path, report.parsed);
      return withoutParsed(report);
    };
    // … a file a worker linted is parsed here again, but only as far as they read
    const claimedByWorker = (path: string): void => {
      if (needs) setDefined(byPath, path, parseNeeded(path, fileUri(path), config, needs));
    };
    const threads = threadCount(found.files.length, options.threads);
    linted = lintAll(found.files, config, { lint: lintHere, claimedByWorker }, { threads, workerScript: options.workerScript, log: options.log });
    for (const path of found.files) pushDefined(parsed, byPath.get(path));
  }
  // a file named on the command line that is of no checked kind is worth a word
  const reports = linted.map((report, i) => (explicit.has(found.files[i]!) && !report.kind && report.notes.length === 0 ? { ...report, notes: [NOT_CONTAINER_FILE] } : report));
  let workspaceResults: Result[] = [];
  try {
    workspaceResults = lintWorkspace(parsed, { config, ...(options.log ? { log: options.log } : {}) });
  } catch (e) {
    options.log?.(`workspace rules failed: ${(e as Error).stack ?? String(e)}`);
  }
  const notes = found.problems.map((p) => ({
    uri: fileUri(p.path),
    note: { code: 'unreadable' as const, message: { en: `skipped: ${p.message}`, de: `übersprungen: ${p.message}` } },
  }));
  return { reports, workspaceResults, notes };
}
