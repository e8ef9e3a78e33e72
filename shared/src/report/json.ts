import type { Lang } from '../types';
import { countBySeverity, displayPath, flatten, plural, type ScanData, type ToolInfo } from './common';

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

/** Builds the JSON report object (stable schema, see JsonReport). */
export function jsonReportObject(scan: ScanData, options: JsonOptions): JsonReport {
  const flat = flatten(scan);
  const counts = countBySeverity(flat.results);
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: options.tool.name, version: options.tool.version },
    lang: options.lang,
    summary: {
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      filesChecked: flat.checked,
      filesSkipped: flat.skipped,
      filesSkippedAsTestData: flat.testData,
      ...(options.fixed !== undefined ? { fixed: options.fixed } : {}),
    },
    results: flat.results.map((r) => ({
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
    })),
    notes: [
      ...flat.notes.map((n) => ({ file: displayPath(n.uri, options.baseUri), code: n.note.code, message: n.note.message[options.lang] })),
      ...(flat.testData > 0 ? [{ file: '.', code: 'test-data', message: plural('testData', flat.testData, options.lang) }] : []),
    ],
  };
}

/** The JSON report as text. */
export function jsonReport(scan: ScanData, options: JsonOptions): string {
  return `${JSON.stringify(jsonReportObject(scan, options), null, 2)}\n`;
}
