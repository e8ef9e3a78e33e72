import { DEFAULT_CONFIG, type Config } from '../../shared/src/config';
import { lintText, type FileReport } from '../../shared/src/lint';
import { applyEdits, lineIndex, type LineIndex } from '../../shared/src/text';
import type { FileKind, Position, Range, TextEdit } from '../../shared/src/types';

/**
 * Longest time one input may take (the bound for "no hang"). Measured as wall time, or as
 * the process's CPU time when that is smaller: on a shared, loaded machine wall time grows while
 * the process waits for a core, but a hang burns CPU either way.
 */
export const MAX_MS_PER_INPUT = 2000;

/** Milliseconds since `wall`/`cpu` (from performance.now() and process.cpuUsage()): the smaller of wall and CPU time. */
export function elapsedMs(wall: number, cpu: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(cpu);
  return Math.min(performance.now() - wall, (used.user + used.system) / 1000);
}

/** The configuration the robustness checks lint with: every rule (L3). */
export const FUZZ_CONFIG: Config = { ...DEFAULT_CONFIG, level: 'L3' };

/** What linting one input gave, and every invariant it broke. */
export interface InputOutcome {
  readonly ms: number;
  readonly problems: readonly string[];
  readonly report: FileReport | undefined;
}

const show = (p: Position): string => `${p.line}:${p.character}`;

/** Problems with a position: outside the document, or inside a CRLF pair. */
export function positionProblem(p: Position, lines: LineIndex): string | undefined {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `invalid position ${show(p)}`;
  if (p.line >= lines.lineCount) return `line ${p.line} outside the document (${lines.lineCount} lines)`;
  const length = lines.lineText(p.line).length;
  if (p.character > length) return `character ${p.character} outside line ${p.line} (length ${length})`;
  return undefined;
}

/** Problems with a range: an end before its start, or a position outside the document. */
export function rangeProblem(r: Range, lines: LineIndex): string | undefined {
  const bad = positionProblem(r.start, lines) ?? positionProblem(r.end, lines);
  if (bad) return bad;
  if (r.end.line < r.start.line || (r.end.line === r.start.line && r.end.character < r.start.character)) return `range ends before it starts (${show(r.start)}-${show(r.end)})`;
  return undefined;
}

/** Problems with a fix's edits: outside the document or overlapping each other. */
export function editProblems(edits: readonly TextEdit[], lines: LineIndex): string[] {
  const problems: string[] = [];
  for (const e of edits) {
    const bad = rangeProblem(e.range, lines);
    if (bad) problems.push(`edit ${bad}`);
    if (typeof e.newText !== 'string') problems.push('edit without newText');
  }
  if (problems.length > 0) return problems;
  const spans = edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) if (spans[i]![0] < spans[i - 1]![1]) problems.push(`overlapping edits at offsets ${spans[i - 1]![0]}-${spans[i - 1]![1]} and ${spans[i]![0]}-${spans[i]![1]}`);
  try {
    applyEdits(lines.text, edits, lines);
  } catch (e) {
    problems.push(`applying the fix threw: ${(e as Error).message}`);
  }
  return problems;
}

/** Every broken invariant of a finished report: internal errors, ranges, fixes, notes. */
export function reportProblems(text: string, report: FileReport): string[] {
  const lines = lineIndex(text);
  const problems: string[] = [];
  for (const r of report.results) {
    if (r.ruleId === 'bollwerk/internal-error') problems.push(`internal error: ${r.message.en}`);
    const bad = rangeProblem(r.range, lines);
    if (bad) problems.push(`${r.ruleId}: range ${bad}`);
    if (!r.message.en || !r.message.de) problems.push(`${r.ruleId}: message missing in en or de`);
    if (r.fix) for (const p of editProblems(r.fix.edits, lines)) problems.push(`${r.ruleId}: fix ${p}`);
  }
  for (const n of report.notes) if (!n.message.en || !n.message.de) problems.push(`note ${n.code} missing en or de`);
  return problems;
}

/**
 * Lints one input with the whole catalogue and checks the robustness invariants: no exception,
 * no rule crash, bounded time, ranges and fix edits inside the document, edits not overlapping.
 */
export function checkInput(text: string, kind: FileKind | undefined, uri: string, config: Config = FUZZ_CONFIG): InputOutcome {
  const crashes: string[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  let report: FileReport | undefined;
  const problems: string[] = [];
  try {
    report = lintText(uri, text, { config, ...(kind ? { kind } : {}), log: (m) => crashes.push(m.split('\n').slice(0, 3).join(' | ')) });
  } catch (e) {
    problems.push(`lintText threw: ${(e as Error).stack?.split('\n').slice(0, 4).join(' | ') ?? String(e)}`);
  }
  const ms = elapsedMs(started, cpu);
  if (ms > MAX_MS_PER_INPUT) problems.push(`took ${ms.toFixed(0)} ms (limit ${MAX_MS_PER_INPUT} ms)`);
  problems.push(...crashes.map((c) => `rule crash: ${c}`));
  if (report) problems.push(...reportProblems(text, report));
  return { ms, problems, report };
}

const yamlErrors = (report: FileReport | undefined): number =>
  report?.parsed && report.parsed.kind !== 'dockerfile' ? report.parsed.documents.reduce((n, d) => n + d.errors.length, 0) : 0;

/**
 * Applies one offered fix of a checked input (the `pick`-th, modulo their number) and checks the
 * result like any input, plus: no new YAML syntax errors. Returns the fixing rule, or undefined
 * when the report offers no fix.
 */
export function checkOneFix(text: string, kind: FileKind, uri: string, report: FileReport, pick: number): { ruleId: string; problems: string[] } | undefined {
  const lines = lineIndex(text);
  const fixable = report.results.filter((r) => r.fix && editProblems(r.fix.edits, lines).length === 0);
  const result = fixable[pick % Math.max(1, fixable.length)];
  if (!result) return undefined;
  const fixed = applyEdits(text, result.fix!.edits, lines);
  const after = checkInput(fixed, kind, uri);
  const problems = after.problems.map((p) => `after the fix: ${p}`);
  if (yamlErrors(after.report) > yamlErrors(report)) problems.push(`after the fix: YAML syntax errors ${yamlErrors(report)} → ${yamlErrors(after.report)}`);
  return { ruleId: result.ruleId, problems };
}
