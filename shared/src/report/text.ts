import type { Lang, Result, Severity } from '../types';
import { escapeControls } from './escape';
import { collect, countBySeverity, displayPath, flatten, plural, reportInput, t, type ReportInput, type ReportWrite, type ScanData } from './common';

/** Options of the text report. */
export interface TextOptions {
  readonly lang: Lang;
  /** Paths are shown relative to this directory URI (the current directory). */
  readonly baseUri: string;
  /** ANSI colours (only for a TTY with NO_COLOR unset; the caller decides). */
  readonly color: boolean;
}

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', blue: '\u001b[34m', dim: '\u001b[2m', bold: '\u001b[1m', underline: '\u001b[4m', reset: '\u001b[0m' } as const;
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue };

/** One line per finding, grouped by file, then the skipped files and a summary line. */
export function textReport(scan: ScanData, options: TextOptions): string {
  const input = reportInput(flatten(scan));
  return collect((write) => writeTextReport(input, options, write));
}

/** Writes the text report line by line, one finding at a time: the text of {@link textReport}. */
export function writeTextReport(input: ReportInput, options: TextOptions, write: ReportWrite): void {
  const { lang, color } = options;
  const paint = (s: string, code: string): string => (color ? `${code}${s}${ANSI.reset}` : s);
  const sevWidth = Math.max(...(['error', 'warning', 'info'] as const).map((s) => t(s, lang).length));
  // the results come sorted by file: a file's block starts where its URI first appears
  let uri: string | undefined;
  let path = '';
  for (const r of input.results) {
    if (r.uri !== uri) {
      if (uri !== undefined) write('\n');
      uri = r.uri;
      path = escapeControls(displayPath(uri, options.baseUri));
      write(`${paint(path, ANSI.underline)}\n`);
    }
    const loc = `${path}:${r.range.start.line + 1}:${r.range.start.character + 1}`;
    const sev = paint(t(r.severity, lang).padEnd(sevWidth), SEVERITY_COLOR[r.severity]);
    const fix = r.fix ? paint(' [fix]', ANSI.dim) : '';
    write(`  ${loc}  ${sev}  ${paint(r.ruleId, ANSI.dim)}  ${oneLine(r.message[lang])}${fix}\n`);
  }
  if (uri !== undefined) write('\n');
  if (input.notes.length > 0) {
    write(`${paint(t('skippedHeader', lang), ANSI.bold)}\n`);
    for (const n of input.notes) write(`  ${escapeControls(displayPath(n.uri, options.baseUri))}: ${oneLine(n.note.message[lang])}\n`);
    write('\n');
  }
  write(`${summaryLineOf(input.counts, input.fixable, input.checked, input.skipped, lang, color)}\n`);
  if (input.testData > 0) write(`${paint(plural('testData', input.testData, lang), ANSI.dim)}\n`);
}

/** "✖ 5 problems (2 errors, 3 warnings, 0 info) · 4 files checked, 1 skipped". */
export function summaryLine(results: readonly Result[], checked: number, skipped: number, lang: Lang, color = false): string {
  return summaryLineOf(countBySeverity(results), results.filter((r) => r.fix).length, checked, skipped, lang, color);
}

/** The summary line from the counts: per severity, and of the results with a fix. */
export function summaryLineOf(counts: Readonly<Record<Severity, number>>, fixable: number, checked: number, skipped: number, lang: Lang, color = false): string {
  const n = counts.error + counts.warning + counts.info;
  const files = plural('files', checked, lang, { checked, skipped });
  if (n === 0) return `${color ? '\u001b[32m✔\u001b[0m' : '✔'} ${t('noProblems', lang)} · ${files}`;
  const head = n === 1 ? t('problem', lang) : t('problems', lang, { n });
  const parts = `${plural('errors', counts.error, lang)}, ${plural('warnings', counts.warning, lang)}, ${plural('infos', counts.info, lang)}`;
  const fixText = fixable > 0 ? ` · ${t('fixable', lang, { n: fixable })}` : '';
  const mark = counts.error > 0 ? '✖' : '⚠';
  const painted = color ? `${counts.error > 0 ? ANSI.red : ANSI.yellow}${mark}${ANSI.reset}` : mark;
  return `${painted} ${head} (${parts}) · ${files}${fixText}`;
}

/** A message on one line: its own line breaks become spaces, any other control character an escape. */
const oneLine = (s: string): string => escapeControls(s.replace(/[ \t]*\n[ \t]*/g, ' '));
