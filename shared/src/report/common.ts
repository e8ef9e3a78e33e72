// What every report format shares: the flattened scan, counts, paths relative to a root URI and
// the report's own strings. Pure code (no Node APIs), so that the editor can build reports too.
import type { FileReport, Note } from '../lint';
import type { FileKind, Lang, Localized, Result, Severity } from '../types';
import { append } from '../append';

/** A note about a file or directory. */
export interface FileNote {
  readonly uri: string;
  readonly note: Note;
}

/** The input of every findings report: what a scan produced. */
export interface ScanData {
  readonly reports: readonly FileReport[];
  readonly workspaceResults: readonly Result[];
  readonly notes: readonly FileNote[];
  /** Files a directory scan skipped as test data. */
  readonly testDataSkipped?: number;
}

/** A scan flattened for reporting. */
export interface Flat {
  /** Every result, sorted by file, position and rule. */
  readonly results: readonly Result[];
  /** Every note (skipped files, walk problems). */
  readonly notes: readonly FileNote[];
  /** Files checked with rules. */
  readonly checked: number;
  /** Files skipped with a note. */
  readonly skipped: number;
  /** The kinds of the checked files. */
  readonly kinds: ReadonlySet<FileKind>;
  /** Files skipped as test data. */
  readonly testData: number;
}

/**
 * What a findings report is written from: its results one at a time, in report order (see
 * compareResults), and what is counted over all of them. A scan streamed to its report gives the
 * results as they are read back; {@link reportInput} makes one of a scan held in memory.
 */
export interface ReportInput {
  readonly results: Iterable<Result>;
  /** Every note (skipped files, walk problems), in report order. */
  readonly notes: readonly FileNote[];
  readonly counts: Readonly<Record<Severity, number>>;
  /** Results with a fix. */
  readonly fixable: number;
  /** Files checked with rules. */
  readonly checked: number;
  /** Files skipped with a note. */
  readonly skipped: number;
  /** Files skipped as test data. */
  readonly testData: number;
}

/** Receives a report's text piece by piece. */
export type ReportWrite = (text: string) => void;

/** The report input of a flattened scan. */
export function reportInput(flat: Flat): ReportInput {
  let fixable = 0;
  for (const r of flat.results) if (r.fix) fixable++;
  return { results: flat.results, notes: flat.notes, counts: countBySeverity(flat.results), fixable, checked: flat.checked, skipped: flat.skipped, testData: flat.testData };
}

/** Runs a report writer into one string. */
export function collect(writeReport: (write: ReportWrite) => void): string {
  const parts: string[] = [];
  writeReport((text) => parts.push(text));
  return parts.join('');
}

/**
 * Writes `head` (a value JSON.stringify'd with an indent of 2) with the items of its empty array
 * `"<key>": []` at `depth` (the depth of the key's object) written one by one: the same text as
 * `JSON.stringify` of the value with the items in place, without holding them all.
 */
export function writeJsonWithArray<T>(head: unknown, key: string, depth: number, items: Iterable<T>, item: (x: T) => unknown, write: ReportWrite): void {
  const text = JSON.stringify(head, null, 2);
  const indent = '  '.repeat(depth);
  const marker = `\n${indent}${JSON.stringify(key)}: []`;
  // the array is the last value at its depth holding a line break of this indent (strings hold none)
  const at = text.lastIndexOf(marker);
  write(`${text.slice(0, at)}\n${indent}${JSON.stringify(key)}: [`);
  writeJsonItems(items, item, depth + 1, write);
  write(`${text.slice(at + marker.length)}\n`);
}

/** Writes the items of a JSON array (after its `[`, up to and with its `]`) as JSON.stringify indents them at `depth`. */
export function writeJsonItems<T>(items: Iterable<T>, item: (x: T) => unknown, depth: number, write: ReportWrite): void {
  const indent = `\n${'  '.repeat(depth)}`;
  let first = true;
  for (const x of items) {
    write(`${first ? '' : ','}${indent}${JSON.stringify(item(x), null, 2).replace(/\n/g, indent)}`);
    first = false;
  }
  write(first ? ']' : `\n${'  '.repeat(depth - 1)}]`);
}

/** Tool identity for reports. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  /** The tool's home page (SARIF `informationUri`); left out when there is none. */
  readonly informationUri?: string;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders results by file, position and rule id. */
export function compareResults(a: Result, b: Result): number {
  return cmp(a.uri, b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || cmp(a.ruleId, b.ruleId);
}

/** Flattens a scan: all results (file and workspace rules) and all notes. */
export function flatten(scan: ScanData): Flat {
  const results: Result[] = [];
  const notes: FileNote[] = [...scan.notes];
  const kinds = new Set<FileKind>();
  let checked = 0;
  let skipped = 0;
  for (const r of scan.reports) {
    append(results, r.results);
    for (const note of r.notes) notes.push({ uri: r.uri, note });
    if (r.notes.length > 0) skipped++;
    else if (r.kind) {
      checked++;
      kinds.add(r.kind);
    }
  }
  append(results, scan.workspaceResults);
  results.sort(compareResults);
  return { results, notes, checked, skipped, kinds, testData: scan.testDataSkipped ?? 0 };
}

/** Counts results per severity. */
export function countBySeverity(results: readonly Result[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of results) counts[r.severity]++;
  return counts;
}

/** Splits a URI into its scheme+authority prefix and path segments. */
function splitUri(uri: string): { prefix: string; segments: string[] } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(uri);
  if (!m) return { prefix: '', segments: uri.split('/') };
  return { prefix: m[1]!, segments: (m[2] ?? '/').split('/').slice(1).filter((s, i, a) => s !== '' || i < a.length - 1) };
}

/** The URI reference of `uri` relative to the directory `rootUri`, or undefined when it is not below it. */
export function relativeUri(uri: string, rootUri: string): string | undefined {
  const root = rootUri.endsWith('/') ? rootUri : `${rootUri}/`;
  return uri.startsWith(root) ? uri.slice(root.length) : undefined;
}

// Reports name the same file once per finding: the last base's paths are remembered (bounded).
let memoBase = '';
let memo = new Map<string, string>();

/** A readable path of `uri` relative to the directory `baseUri` (with `../` where needed), decoded. */
export function displayPath(uri: string, baseUri: string): string {
  if (baseUri !== memoBase || memo.size > 10_000) {
    memoBase = baseUri;
    memo = new Map();
  }
  let path = memo.get(uri);
  if (path === undefined) memo.set(uri, (path = computeDisplayPath(uri, baseUri)));
  return path;
}

function computeDisplayPath(uri: string, baseUri: string): string {
  const a = splitUri(uri);
  const b = splitUri(baseUri);
  if (a.prefix !== b.prefix) return safeDecode(uri);
  let i = 0;
  while (i < a.segments.length && i < b.segments.length && a.segments[i] === b.segments[i]) i++;
  const up = b.segments.slice(i).filter((s) => s !== '').map(() => '..');
  const rel = [...up, ...a.segments.slice(i)].join('/');
  return safeDecode(rel === '' ? '.' : rel);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Picks the display language of a localized string. */
export const pick = (s: Localized, lang: Lang): string => s[lang];

/** The reports' own strings. */
export const STRINGS = {
  error: { en: 'error', de: 'Fehler' },
  warning: { en: 'warning', de: 'Warnung' },
  info: { en: 'info', de: 'Hinweis' },
  problems: { en: '{n} problems', de: '{n} Probleme' },
  problem: { en: '1 problem', de: '1 Problem' },
  noProblems: { en: 'no problems', de: 'keine Probleme' },
  errors: { en: '{n} errors', de: '{n} Fehler' },
  errors1: { en: '1 error', de: '1 Fehler' },
  warnings: { en: '{n} warnings', de: '{n} Warnungen' },
  warnings1: { en: '1 warning', de: '1 Warnung' },
  infos: { en: '{n} info', de: '{n} Hinweise' },
  infos1: { en: '1 info', de: '1 Hinweis' },
  files: { en: '{checked} files checked, {skipped} skipped', de: '{checked} Dateien geprüft, {skipped} übersprungen' },
  files1: { en: '1 file checked, {skipped} skipped', de: '1 Datei geprüft, {skipped} übersprungen' },
  fixable: { en: '{n} fixable with --fix', de: '{n} mit --fix behebbar' },
  skippedHeader: { en: 'Skipped', de: 'Übersprungen' },
  testData: {
    en: '{n} files in test-data folders (test/, fixtures/ …) not checked; check them with --include-test-data or testDataPaths: [] in .bollwerk.yaml',
    de: '{n} Dateien in Testdaten-Ordnern (test/, fixtures/ …) nicht geprüft; mit --include-test-data oder testDataPaths: [] in .bollwerk.yaml prüfen',
  },
  testData1: {
    en: '1 file in a test-data folder (test/, fixtures/ …) not checked; check it with --include-test-data or testDataPaths: [] in .bollwerk.yaml',
    de: '1 Datei in einem Testdaten-Ordner (test/, fixtures/ …) nicht geprüft; mit --include-test-data oder testDataPaths: [] in .bollwerk.yaml prüfen',
  },
} as const satisfies Record<string, Localized>;

/** A count with its noun, singular for one: `plural('errors', 1, 'en')` is "1 error". */
export function plural(key: 'errors' | 'warnings' | 'infos' | 'files' | 'testData', n: number, lang: Lang, args: Record<string, string | number> = {}): string {
  return n === 1 ? t(`${key}1`, lang, args) : t(key, lang, { n, ...args });
}

/** Fills `{name}` placeholders of a report string. */
export function t(key: keyof typeof STRINGS, lang: Lang, args: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}
