/**
 * The source map of a template execution: each written run of output with where it came from,
 * recorded only when a recorder is passed to the execution (no cost otherwise).
 */
import type { Source } from './nodes';

/** A values node: the entry `key` of a map or slice, or the container itself when `key` is absent. */
export interface ValueRef {
  readonly container: object;
  readonly key?: string;
}

/** Where a run of output came from: template text, or an action (with the values node it printed, when known). */
export type OutputOrigin =
  | { readonly kind: 'text'; readonly source: Source; readonly offset: number }
  | { readonly kind: 'action'; readonly source: Source; readonly offset: number; readonly value?: ValueRef };

/** A run of output `[start, end)` with its origin. */
export interface OutputSegment {
  readonly start: number;
  readonly end: number;
  readonly origin: OutputOrigin;
}

/** Collects the segments of one execution in output order. */
export class SourceRecorder {
  readonly segments: OutputSegment[] = [];
  private length = 0;

  /** Records `text` as the next run of output. */
  add(text: string, origin: OutputOrigin): void {
    if (text.length === 0) return;
    this.segments.push({ start: this.length, end: this.length + text.length, origin });
    this.length += text.length;
  }
}

/** A 1-based line and column of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The segment holding output offset `at` (binary search), or undefined. */
export function segmentAt(segments: readonly OutputSegment[], at: number): OutputSegment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The template file, line and column of output offset `at`: inside text exactly, inside an action at its `{{`. */
export function templatePosition(segment: OutputSegment, at: number): { file: string; line: number; column: number } {
  const o = segment.origin;
  // an action is placed at its opening delimiter (its node starts at the pipeline)
  const offset = o.kind === 'text' ? o.offset + (at - segment.start) : Math.max(0, o.source.text.lastIndexOf('{{', o.offset));
  return { file: o.source.parseName, ...lineColumn(o.source.text, offset) };
}

/**
 * Deletes every occurrence of `needle` from an output and moves its segments to match
 * (Helm removes `<no value>` after execution).
 */
export function deleteAll(text: string, segments: readonly OutputSegment[], needle: string): { text: string; segments: OutputSegment[] } {
  if (!text.includes(needle)) return { text, segments: [...segments] };
  const cuts: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) cuts.push(i);
  // output offset → offset after the deletions before it
  const shift = (at: number): number => {
    let removed = 0;
    for (const c of cuts) {
      if (c >= at) break;
      removed += Math.min(needle.length, at - c);
    }
    return at - removed;
  };
  const out: OutputSegment[] = [];
  for (const s of segments) {
    const start = shift(s.start);
    const end = shift(s.end);
    if (end <= start) continue;
    // a text segment keeps its offset only while its start is untouched; the rest stays close enough for lines
    out.push({ start, end, origin: s.origin });
  }
  return { text: text.replaceAll(needle, ''), segments: out };
}
