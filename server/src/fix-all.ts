import { applyEdits, rangesOverlap } from '../../shared/src/text';
import type { Result, TextEdit } from '../../shared/src/types';

/** The fixes of one pass: every fix whose edits overlap no earlier chosen fix, in document order. */
export function nonOverlappingEdits(results: readonly Result[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const fixes = results.flatMap((r) => (r.fix && r.fix.edits.length ? [r.fix.edits] : []));
  for (const edits of fixes) {
    if (edits.some((e) => chosen.some((c) => rangesOverlap(c.range, e.range)))) continue;
    chosen.push(...edits);
  }
  return chosen;
}

/**
 * Applies every fix repeatedly until no fix is left or the text stops changing (a fixed point),
 * at most `maxPasses` times. A fix that breaks (overlapping edits) ends the loop with the text so far.
 */
export function fixAllText(text: string, lint: (text: string) => readonly Result[], maxPasses = 10): string {
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const edits = nonOverlappingEdits(lint(current));
    if (edits.length === 0) break;
    let next: string;
    try {
      next = applyEdits(current, edits);
    } catch {
      break;
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

/** One minimal edit turning `before` into `after` (common prefix and suffix kept), or none when equal. */
export function minimalEdit(before: string, after: string, positionAt: (offset: number) => { line: number; character: number }): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return [{ range: { start: positionAt(start), end: positionAt(endB) }, newText: after.slice(start, endA) }];
}
