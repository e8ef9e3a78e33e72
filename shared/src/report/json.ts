import type { Lang, Result } from '../types';
import { collect, displayPath, flatten, plural, reportInput, writeJsonWithArray, type ReportInput, type ReportWrite, type ScanData, type ToolInfo } from './common';

/** Version of the JSON report's schema; bumped on incompatible changes. */
export const JSON_REPORT_VERSION = 1;

/** One finding in the JSON report (1-based lines and columns, end exclusive as in SARIF). */
export interface JsonResult {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning' | 'info';
  /** Path relative to the report's base directory. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly fixAvailable: boolean;
  /** Places that explain the finding (a chart's values key feeding the block), when there are any. */
  readonly related?: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message: string }[];
}

/** The JSON report. */
export interface JsonReport {
  readonly version: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly lang: Lang;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly infos: number; readonly filesChecked: number; readonly filesSkipped: number; readonly filesSkippedAsTestData: number; readonly fixed?: number };
  readonly results: readonly JsonResult[];
  readonly notes: readonly { readonly file: string; readonly code: string; readonly message: string }[];
}

/** Options of the JSON report. */
export interface JsonOptions {
  readonly lang: Lang;
  readonly baseUri: string;
  readonly tool: ToolInfo;
  /** Number of problems fixed by `--fix`, when it ran. */
  readonly fixed?: number;
}

/** One finding as the JSON report lists it. */
function jsonResult(r: Result, options: JsonOptions): JsonResult {
  return {
    ruleId: r.ruleId,
    severity: r.severity,
    file: displayPath(r.uri, options.baseUri),
    line: r.range.start.line + 1,
    column: r.range.start.character + 1,
    endLine: r.range.end.line + 1,
    endColumn: r.range.end.character + 1,
    message: r.message[options.lang],
    fixAvailable: r.fix !== undefined && r.fix.edits.length > 0,
    ...(r.related && r.related.length > 0
      ? { related: r.related.map((p) => ({ file: displayPath(p.uri, options.baseUri), line: p.range.start.line + 1, column: p.range.start.character + 1, message: p.message[options.lang] })) }
      : {}),
  };
}

/** The JSON report without its results (an empty list in their place). */
function jsonHead(input: ReportInput, options: JsonOptions): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: options.tool.name, version: options.tool.version },
    lang: options.lang,
    summary: {
      errors: input.counts.error,
      warnings: input.counts.warning,
      infos: input.counts.info,
      filesChecked: input.checked,
      filesSkipped: input.skipped,
      filesSkippedAsTestData: input.testData,
      ...(options.fixed !== undefined ? { fixed: options.fixed } : {}),
    },
    results: [],
    notes: [
      ...input.notes.map((n) => ({ file: displayPath(n.uri, options.baseUri), code: n.note.code, message: n.note.message[options.lang] })),
      ...(input.testData > 0 ? [{ file: '.', code: 'test-data', message: plural('testData', input.testData, options.lang) }] : []),
    ],
  };
}

/** Builds the JSON report object (stable schema, see JsonReport). */
export function jsonReportObject(scan: ScanData, options: JsonOptions): JsonReport {
  const input = reportInput(flatten(scan));
  return { ...jsonHead(input, options), results: [...input.results].map((r) => jsonResult(r, options)) };
}

/** Writes the JSON report piece by piece, one result at a time: the text of {@link jsonReport}. */
export function writeJsonReport(input: ReportInput, options: JsonOptions, write: ReportWrite): void {
  writeJsonWithArray(jsonHead(input, options), 'results', 1, input.results, (r) => jsonResult(r, options), write);
}

/** The JSON report as text. */
export function jsonReport(scan: ScanData, options: JsonOptions): string {
  const input = reportInput(flatten(scan));
  return collect((write) => writeJsonReport(input, options, write));
}
