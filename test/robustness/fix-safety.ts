import type { Config } from '../../shared/src/config';
import { lintText, type FileReport } from '../../shared/src/lint';
import type { ParsedChunk } from '../../shared/src/parse/yaml';
import { applyEdits, eol, lineIndex, type LineIndex } from '../../shared/src/text';
import type { FileKind, Result, Rule, TextEdit } from '../../shared/src/types';
import { editProblems } from './invariants';
import { editedHull, editSpans, mapFinding, mapOffset, shortDiff, type Span } from './fix-diff';

/**
 * Fix safety of one file: every offered fix applied alone, and all fixes applied together until
 * nothing changes. After a fix the file still parses as well as before, the finding is gone, no
 * new finding appears (findings are compared as rule id + range, ranges mapped through the edits),
 * applying again changes nothing, and line breaks keep the file's style.
 */

/**
 * The one kind of finding a fix may bring up, because the fix removes what hid it: without
 * `seccomp:unconfined` Docker's default profile applies, and the L3 rule asks for a profile of the
 * service's own instead.
 */
export const REVEALS: Readonly<Record<string, string>> = { 'compose/seccomp-unconfined': 'compose/seccomp-profile' };

/** What went wrong with a fix. */
export type FixCheck = 'edits' | 'line-breaks' | 'parse' | 'instructions-lost' | 'finding-remains' | 'new-finding' | 'not-idempotent' | 'no-fixed-point' | 'crash';

/** One failing fix. */
export interface FixFailure {
  readonly ruleId: string;
  readonly path: string;
  readonly check: FixCheck;
  readonly detail: string;
  readonly diff: string;
}

/** The outcome for one file. */
export interface FileFixOutcome {
  readonly path: string;
  /** Fixes applied one at a time, by rule. */
  readonly applied: Readonly<Record<string, number>>;
  /** Passes of the all-together run until nothing changed (0 when the file has no fix). */
  readonly passes: number;
  readonly failures: readonly FixFailure[];
}

const MAX_PASSES = 10;

/** Lints text the way the fix checks need it: explicit kind, a chunk cache shared across variants of one file. */
class FileLinter {
  private readonly cache = new Map<string, ParsedChunk>();
  constructor(private readonly uri: string, private readonly kind: FileKind, private readonly config: Config, private readonly rules: readonly Rule[] | undefined) {}
  lint(text: string): { report: FileReport; crashes: string[] } {
    const crashes: string[] = [];
    const log = (m: string): void => void crashes.push(m.split('\n')[0]!);
    const report = lintText(this.uri, text, { kind: this.kind, config: this.config, yamlCache: this.cache, log, ...(this.rules ? { rules: this.rules } : {}) });
    crashes.push(...report.results.filter((r) => r.ruleId === 'bollwerk/internal-error').map((r) => r.message.en));
    return { report, crashes };
  }
}

/** Parse health of a file: YAML syntax errors and document count, or Dockerfile instruction keywords with their start offsets. */
interface Health {
  readonly errors: number;
  readonly documents: number;
  readonly instructions: readonly { keyword: string; start: number }[];
}

function health(report: FileReport, lines: LineIndex): Health {
  const parsed = report.parsed;
  if (!parsed) return { errors: 0, documents: 0, instructions: [] };
  if (parsed.kind === 'dockerfile') {
    return { errors: 0, documents: 0, instructions: parsed.instructions.map((i) => ({ keyword: i.getKeyword(), start: lines.offsetAt(i.getRange().start) })) };
  }
  return { errors: parsed.documents.reduce((n, d) => n + d.errors.length, 0), documents: parsed.documents.length, instructions: [] };
}

/** Parse problems after a fix: new YAML errors, lost documents, lost or changed Dockerfile instructions outside the edits. */
function parseProblems(before: Health, after: Health, spans: readonly Span[] | undefined): { check: FixCheck; detail: string } | undefined {
  if (after.errors > before.errors) return { check: 'parse', detail: `YAML syntax errors ${before.errors} → ${after.errors}` };
  if (after.documents !== before.documents) return { check: 'parse', detail: `YAML documents ${before.documents} → ${after.documents}` };
  // a fix may delete whole instructions (an update moved into the RUN that installs: a span that only
  // removes text), never lose others or replace several with fewer
  const touched = spans ? before.instructions.filter((i) => spans.some((s) => s.newLength === 0 && i.start >= s.start && i.start < s.end)).length : 0;
  if (after.instructions.length < before.instructions.length - touched) return { check: 'instructions-lost', detail: `instructions ${before.instructions.length} → ${after.instructions.length}` };
  if (!spans) return undefined;
  const starts = new Map(after.instructions.map((i) => [i.start, i.keyword]));
  for (const i of before.instructions) {
    if (spans.some((s) => i.start >= s.start && i.start <= s.end)) continue; // touched by the fix
    const moved = mapOffset(i.start, spans);
    if (starts.get(moved) !== i.keyword) return { check: 'instructions-lost', detail: `${i.keyword} at offset ${i.start} is no longer an instruction` };
  }
  return undefined;
}

/** Line breaks an edit adds that do not match the file's style. */
function lineBreakProblem(text: string, edits: readonly TextEdit[]): string | undefined {
  const crlf = eol(text) === '\r\n';
  for (const e of edits) {
    if (crlf && /(^|[^\r])\n/.test(e.newText)) return `inserts a bare \\n into a CRLF file: ${JSON.stringify(e.newText.slice(0, 60))}`;
    if (!crlf && e.newText.includes('\r')) return `inserts \\r into an LF file: ${JSON.stringify(e.newText.slice(0, 60))}`;
  }
  return undefined;
}

const keyOf = (r: { ruleId: string; start: number; end: number }): string => `${r.ruleId}@${r.start}-${r.end}`;

/** Findings after a fix that are not findings before it (ranges mapped through the edits). */
function newFindings(before: readonly Result[], fixed: Result | undefined, after: readonly Result[], oldLines: LineIndex, newLines: LineIndex, spans: readonly Span[]): string[] {
  const pool = new Map<string, number>();
  const loose: { ruleId: string; start: number; end: number }[] = [];
  for (const r of before) {
    if (r === fixed || r.ruleId === 'bollwerk/parse-error') continue;
    const m = mapFinding(r, oldLines, spans);
    pool.set(keyOf(m), (pool.get(keyOf(m)) ?? 0) + 1);
    loose.push(m);
  }
  const hull = editedHull(spans);
  const touches = (x: { start: number; end: number }): boolean => x.start <= hull.end && x.end >= hull.start;
  const out: string[] = [];
  for (const r of after) {
    if (r.ruleId === 'bollwerk/parse-error') continue;
    const m = { ruleId: r.ruleId, start: newLines.offsetAt(r.range.start), end: newLines.offsetAt(r.range.end) };
    const n = pool.get(keyOf(m)) ?? 0;
    if (n > 0) {
      pool.set(keyOf(m), n - 1);
      continue;
    }
    // A finding whose range the edit moved or stretched: the same rule, touching the edited region.
    const i = loose.findIndex((l) => l.ruleId === r.ruleId && (pool.get(keyOf(l)) ?? 0) > 0 && (touches(l) || touches(m)));
    if (i >= 0) {
      pool.set(keyOf(loose[i]!), pool.get(keyOf(loose[i]!))! - 1);
      continue;
    }
    out.push(`${r.ruleId} at ${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message.en.slice(0, 120)}`);
  }
  return out;
}

/** Checks every fix of one file, alone and all together, with the whole catalogue (or `rules`). Never throws: problems become failures. */
export function checkFileFixes(path: string, text: string, kind: FileKind, config: Config, rules?: readonly Rule[]): FileFixOutcome {
  const linter = new FileLinter(`file:///corpus/${path}`, kind, config, rules);
  const failures: FixFailure[] = [];
  const applied: Record<string, number> = {};
  const lines = lineIndex(text);
  const { report } = linter.lint(text);
  const before = report.results;
  const baseHealth = health(report, lines);
  const fixable = before.filter((r) => r.fix);
  const fail = (ruleId: string, check: FixCheck, detail: string, after = text): void => {
    failures.push({ ruleId, path, check, detail, diff: shortDiff(text, after) });
  };
  for (const result of fixable) {
    const edits = result.fix!.edits;
    const bad = editProblems(edits, lines);
    if (bad.length > 0) {
      fail(result.ruleId, 'edits', bad.join('; '));
      continue;
    }
    applied[result.ruleId] = (applied[result.ruleId] ?? 0) + 1;
    const fixed = applyEdits(text, edits, lines);
    const spans = editSpans(edits, lines);
    const lineBreaks = lineBreakProblem(text, edits);
    if (lineBreaks) fail(result.ruleId, 'line-breaks', lineBreaks, fixed);
    const { report: after, crashes } = linter.lint(fixed);
    if (crashes.length > 0) fail(result.ruleId, 'crash', crashes.join('; '), fixed);
    const newLines = lineIndex(fixed);
    const parse = parseProblems(baseHealth, health(after, newLines), spans);
    if (parse) {
      fail(result.ruleId, parse.check, parse.detail, fixed);
      continue; // findings of a file that no longer parses say nothing more
    }
    const mapped = mapFinding(result, lines, spans);
    const remains = after.results.find((r) => r.ruleId === result.ruleId && newLines.offsetAt(r.range.start) === mapped.start && newLines.offsetAt(r.range.end) === mapped.end);
    if (remains) {
      fail(result.ruleId, 'finding-remains', `still reported at ${remains.range.start.line + 1}:${remains.range.start.character + 1}: ${remains.message.en.slice(0, 120)}`, fixed);
      if (remains.fix && applyEdits(fixed, remains.fix.edits, newLines) !== fixed) fail(result.ruleId, 'not-idempotent', 'the fix is offered again and changes the file again', fixed);
    }
    const others = remains ? after.results.filter((r) => r !== remains) : after.results;
    for (const n of newFindings(before, result, others.filter((r) => r.ruleId !== REVEALS[result.ruleId]), lines, newLines, spans)) fail(result.ruleId, 'new-finding', n, fixed);
  }
  const passes = fixable.length > 0 ? fixAll(text, linter, baseHealth, before, (ruleId, check, detail, after) => fail(ruleId, check, detail, after)) : 0;
  return { path, applied, passes, failures };
}

/** Applies all non-overlapping fixes, repeatedly, until nothing changes; returns the passes taken. */
function fixAll(text: string, linter: FileLinter, baseHealth: Health, before: readonly Result[], fail: (ruleId: string, check: FixCheck, detail: string, after: string) => void): number {
  let current = text;
  let results = before;
  for (let pass = 1; pass <= MAX_PASSES + 1; pass++) {
    const lines = lineIndex(current);
    const chosen = chooseFixes(results, lines);
    const next = chosen.length > 0 ? applyEdits(current, chosen.flatMap((r) => r.fix!.edits), lines) : current;
    if (next === current) {
      const counts = (rs: readonly Result[]) => rs.reduce((m, r) => m.set(r.ruleId, (m.get(r.ruleId) ?? 0) + 1), new Map<string, number>());
      const was = counts(before);
      const fixableWas = counts(before.filter((r) => r.fix && editProblems(r.fix.edits, lineIndex(text)).length === 0));
      for (const [ruleId, n] of counts(results)) {
        if (ruleId === 'bollwerk/parse-error') continue;
        const revealed = before.some((r) => r.fix && REVEALS[r.ruleId] === ruleId);
        if (n > (was.get(ruleId) ?? 0)) {
          if (!revealed) fail(ruleId, 'new-finding', `all fixes together: ${ruleId} ${was.get(ruleId) ?? 0} → ${n} findings`, current);
        } else if (n > (was.get(ruleId) ?? 0) - (fixableWas.get(ruleId) ?? 0)) fail(ruleId, 'finding-remains', `all fixes together: ${ruleId} ${was.get(ruleId)} → ${n} findings, ${fixableWas.get(ruleId)} were fixable`, current);
      }
      return pass - 1;
    }
    if (pass > MAX_PASSES) {
      fail(chosen[0]!.ruleId, 'no-fixed-point', `still changing after ${MAX_PASSES} passes (${[...new Set(chosen.map((r) => r.ruleId))].join(', ')})`, next);
      return pass - 1;
    }
    const { report, crashes } = linter.lint(next);
    if (crashes.length > 0) fail(chosen[0]!.ruleId, 'crash', `all fixes together: ${crashes.join('; ')}`, next);
    const parse = parseProblems(baseHealth, health(report, lineIndex(next)), undefined);
    if (parse) {
      fail(chosen.map((r) => r.ruleId).join('+'), 'parse', `all fixes together: ${parse.detail}`, next);
      return pass;
    }
    current = next;
    results = report.results;
  }
  return MAX_PASSES;
}

/** The fixes of a pass: in result order, skipping any that overlaps (or inserts at the same point as) an earlier one. */
function chooseFixes(results: readonly Result[], lines: LineIndex): Result[] {
  const taken: [number, number][] = [];
  const chosen: Result[] = [];
  for (const r of results) {
    if (!r.fix || editProblems(r.fix.edits, lines).length > 0) continue;
    const spans = r.fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)] as [number, number]);
    if (spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || s === ts || s === te || e === ts))) continue;
    taken.push(...spans);
    chosen.push(r);
  }
  return chosen;
}
