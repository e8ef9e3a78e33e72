import type { LineIndex } from '../../shared/src/text';
import type { Result, TextEdit } from '../../shared/src/types';

/** An edit as offsets in the text before it, with the length of its new text. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly newLength: number;
}

/** The edits of a fix as sorted offset spans. */
export function editSpans(edits: readonly TextEdit[], lines: LineIndex): Span[] {
  return edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newLength: e.newText.length }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Where an offset of the old text lands after the edits (offsets inside a replaced span stay). */
export function mapOffset(offset: number, spans: readonly Span[]): number {
  let delta = 0;
  for (const s of spans) if (s.end <= offset && s.start < offset) delta += s.newLength - (s.end - s.start);
  return offset + delta;
}

/** The edited regions in the new text, as one hull. */
export function editedHull(spans: readonly Span[]): { start: number; end: number } {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let delta = 0;
  for (const s of spans) {
    start = Math.min(start, s.start + delta);
    end = Math.max(end, s.start + delta + s.newLength);
    delta += s.newLength - (s.end - s.start);
  }
  return { start, end };
}

/** A finding's rule id and its range as offsets in the new text. */
export function mapFinding(r: Result, lines: LineIndex, spans: readonly Span[]): { ruleId: string; start: number; end: number } {
  return { ruleId: r.ruleId, start: mapOffset(lines.offsetAt(r.range.start), spans), end: mapOffset(lines.offsetAt(r.range.end), spans) };
}

/** A short line diff: the first changed line's number, removed lines with `-`, added ones with `+` (at most 6 each). */
export function shortDiff(before: string, after: string): string {
  if (before === after) return '(no change)';
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const cut = (lines: string[], sign: string): string[] => {
    const shown = lines.slice(0, 6).map((l) => `${sign} ${l.length > 160 ? `${l.slice(0, 160)}…` : l}`);
    return lines.length > 6 ? [...shown, `${sign} … ${lines.length - 6} more lines`] : shown;
  };
  const context = head > 0 ? [`  ${a[head - 1]!.slice(0, 160)}`] : [];
  return [`@@ line ${head + 1}`, ...context, ...cut(a.slice(head, a.length - tail), '-'), ...cut(b.slice(head, b.length - tail), '+')].join('\n');
}
