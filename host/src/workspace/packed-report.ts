// A file's report as a long-lived holder keeps it (the language server holds one per file of the
// workspace): its results deflated as JSON outside the JavaScript heap, with the rule id of each
// result beside them, so that counting findings and placing them under checklist items decodes
// nothing. Results as objects take about 1.4 KB each; a repository of 50,000 files holds 170,000
// of them, and the garbage collector keeps the heap at several times what it holds.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FileReport, Note, WorkspaceFacts } from '../../../shared/src/lint';
import type { FileKind, Result } from '../../../shared/src/types';

/** A report with its results packed (see {@link packReport}). */
export interface PackedReport {
  readonly uri: string;
  readonly kind: FileKind | undefined;
  readonly notes: readonly Note[];
  /** What the workspace rules read of the file (FileReport.workspace): they run over it again after each change. */
  readonly workspace?: WorkspaceFacts;
  /** The rule id of each result, in the order of the results. */
  readonly ruleIds: readonly string[];
  /** Where each result is (see {@link rangesOf}): the checklist orders findings without unpacking them. */
  readonly ranges: Int32Array;
  /** Each result's file, when one of them is not the report's; absent otherwise. */
  readonly uris?: readonly string[];
  /** The results as deflated JSON, each without its `uri` when that is the report's; empty when there are none. */
  readonly packed: Uint8Array;
  /** The length of that JSON in bytes (the buffer it is inflated into). */
  readonly size: number;
}

const NONE = new Uint8Array(0);

/**
 * Packs a report's results. zlib's output is copied into a buffer of its own size, and zlib is given
 * chunks of about the JSON's size: by default it works in 16 KB chunks, and tens of thousands of
 * those, held or waiting for the garbage collector, would outweigh the reports.
 */
export function packReport(report: FileReport): PackedReport {
  const { uri, kind, notes, results, workspace } = report;
  const ruleIds = results.map((r) => r.ruleId);
  const ranges = rangesOf(results);
  const uris = results.some((r) => r.uri !== uri) ? { uris: results.map((r) => r.uri) } : {};
  let packed = NONE;
  let size = 0;
  if (results.length > 0) {
    const json = Buffer.from(JSON.stringify(results.map((r) => (r.uri === uri ? { ...r, uri: undefined } : r))));
    size = json.length;
    packed = new Uint8Array(deflateRawSync(json, { chunkSize: chunkFor(size) }));
  }
  return { uri, kind, notes, ...(workspace === undefined ? {} : { workspace }), ruleIds, ranges, ...uris, packed, size };
}

const NO_RANGES = new Int32Array(0);

/** The ranges of results, four numbers a result: start line, start character, end line, end character. */
export function rangesOf(results: readonly Result[]): Int32Array {
  if (results.length === 0) return NO_RANGES;
  const out = new Int32Array(results.length * 4);
  results.forEach(({ range: { start, end } }, i) => out.set([start.line, start.character, end.line, end.character], i * 4));
  return out;
}

/** zlib's chunk for `size` bytes of output at most: it allows 64 bytes at least. */
const chunkFor = (size: number): number => Math.max(64, size + 64);

/** The results of a packed report, as {@link packReport} was given them (fresh objects on each call). */
export function unpackResults(report: PackedReport): Result[] {
  if (report.packed.length === 0) return [];
  const results = JSON.parse(inflateRawSync(report.packed, { chunkSize: chunkFor(report.size) }).toString('utf8')) as { uri?: string }[];
  for (const r of results) r.uri ??= report.uri;
  return results as Result[];
}

/** The report with its results as objects (and no parse). */
export function unpackReport(report: PackedReport): FileReport {
  const { uri, kind, notes, workspace } = report;
  const results = unpackResults(report);
  return workspace === undefined ? { uri, kind, results, notes } : { uri, kind, results, notes, workspace };
}
