import type { Lang, Result, Severity } from '../types';
import { escapeControls } from './escape';
import { countBySeverity, displayPath, flatten, plural, t, type ScanData } from './common';

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
  const { lang, color } = options;
  const paint = (s: string, code: string): string => (color ? `${code}${s}${ANSI.reset}` : s);
  const flat = flatten(scan);
  const byFile = new Map<string, Result[]>();
  for (const r of flat.results) {
    const list = byFile.get(r.uri) ?? [];
    list.push(r);
    byFile.set(r.uri, list);
  }
  const sevWidth = Math.max(...(['error', 'warning', 'info'] as const).map((s) => t(s, lang).length));
  const out: string[] = [];
  for (const [uri, results] of byFile) {
    const path = escapeControls(displayPath(uri, options.baseUri));
    out.push(paint(path, ANSI.underline));
    for (const r of results) {
      const loc = `${path}:${r.range.start.line + 1}:${r.range.start.character + 1}`;
      const sev = paint(t(r.severity, lang).padEnd(sevWidth), SEVERITY_COLOR[r.severity]);
      const fix = r.fix ? paint(' [fix]', ANSI.dim) : '';
      out.push(`  ${loc}  ${sev}  ${paint(r.ruleId, ANSI.dim)}  ${oneLine(r.message[lang])}${fix}`);
    }
    out.push('');
  }
  if (flat.notes.length > 0) {
    out.push(paint(t('skippedHeader', lang), ANSI.bold));
    for (const n of flat.notes) out.push(`  ${escapeControls(displayPath(n.uri, options.baseUri))}: ${oneLine(n.note.message[lang])}`);
    out.push('');
  }
  out.push(summaryLine(flat.results, flat.checked, flat.skipped, lang, color));
  if (flat.testData > 0) out.push(paint(plural('testData', flat.testData, lang), ANSI.dim));
  return `${out.join('\n')}\n`;
}

/** "✖ 5 problems (2 errors, 3 warnings, 0 info) · 4 files checked, 1 skipped". */
export function summaryLine(results: readonly Result[], checked: number, skipped: number, lang: Lang, color = false): string {
  const counts = countBySeverity(results);
  const n = results.length;
  const files = plural('files', checked, lang, { checked, skipped });
  if (n === 0) return `${color ? '\u001b[32m✔\u001b[0m' : '✔'} ${t('noProblems', lang)} · ${files}`;
  const head = n === 1 ? t('problem', lang) : t('problems', lang, { n });
  const parts = `${plural('errors', counts.error, lang)}, ${plural('warnings', counts.warning, lang)}, ${plural('infos', counts.info, lang)}`;
  const fixable = results.filter((r) => r.fix).length;
  const fixText = fixable > 0 ? ` · ${t('fixable', lang, { n: fixable })}` : '';
  const mark = counts.error > 0 ? '✖' : '⚠';
  const painted = color ? `${counts.error > 0 ? ANSI.red : ANSI.yellow}${mark}${ANSI.reset}` : mark;
  return `${painted} ${head} (${parts}) · ${files}${fixText}`;
}

/** A message on one line: its own line breaks become spaces, any other control character an escape. */
const oneLine = (s: string): string => escapeControls(s.replace(/[ \t]*\n[ \t]*/g, ' '));
