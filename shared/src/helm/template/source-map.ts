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

/** A place in a template's text: the action that called a named template (include, template) or tpl. */
export interface CallSite {
  readonly source: Source;
  readonly offset: number;
}

/**
 * Where a run of output came from: template text, or an action (with the values node it printed,
 * when known). Output of a nested execution (include, template, tpl) keeps the origins inside it
 * and names the call that produced it in `via` (the outermost call, in the executed template).
 */
export type OutputOrigin =
  | { readonly kind: 'text'; readonly source: Source; readonly offset: number; readonly via?: CallSite }
  | { readonly kind: 'action'; readonly source: Source; readonly offset: number; readonly value?: ValueRef; readonly via?: CallSite };

/** A run of output `[start, end)` with its origin. */
export interface OutputSegment {
  readonly start: number;
  readonly end: number;
  readonly origin: OutputOrigin;
}

/** The output of a nested execution (include, tpl) with its segments. */
export interface NestedRun {
  readonly text: string;
  readonly segments: readonly OutputSegment[];
}

/** Collects the segments of one execution in output order. */
export class SourceRecorder {
  readonly segments: OutputSegment[] = [];
  private length = 0;
  /** Nested executions that finished, in order; the call that started one takes its run off. */
  readonly nested: NestedRun[];
  /** Strings that nested executions returned, with their segments: a variable holding one prints with them. */
  readonly strings: Map<string, readonly OutputSegment[]>;

  /** A recorder of its own segments; one of a nested execution shares the outer one's tables. */
  constructor(outer?: SourceRecorder) {
    this.nested = outer ? outer.nested : [];
    this.strings = outer ? outer.strings : new Map();
  }

  /** Records `text` as the next run of output. */
  add(text: string, origin: OutputOrigin): void {
    if (text.length === 0) return;
    this.segments.push({ start: this.length, end: this.length + text.length, origin });
    this.length += text.length;
  }

  /** Records `text` as the next run of output with its own segments (offsets relative to `text`, covering it). */
  addMapped(text: string, segments: readonly OutputSegment[]): void {
    for (const s of segments) this.segments.push({ start: this.length + s.start, end: this.length + s.end, origin: s.origin });
    this.length += text.length;
  }
}

/** An origin with the call that produced it: the outermost call wins, so each level overwrites it. */
export function withVia(origin: OutputOrigin, via: CallSite): OutputOrigin {
  return { ...origin, via };
}

const isBlank = (c: string): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r';

/**
 * The segments of `to`, a text made from `from` by adding and removing blanks only (`nindent`,
 * `indent`, `trim` and their kin), found by matching the two texts character by character: runs
 * of template text keep their exact offsets line by line, a printed action keeps one segment over
 * its whole (re-indented) block, and added blanks get `fill`. Undefined when `to` differs in more
 * than blanks, or when nothing of `from` is in it.
 */
export function alignSegments(from: string, segments: readonly OutputSegment[], to: string, fill: OutputOrigin): OutputSegment[] | undefined {
  const out: OutputSegment[] = [];
  let filled = 0;
  const push = (start: number, end: number, origin: OutputOrigin): void => {
    if (start > filled) out.push({ start: filled, end: start, origin: fill });
    out.push({ start, end, origin });
    filled = end;
  };
  let i = 0;
  let j = 0;
  let k = 0;
  // the current run: output start, source start, the segment it belongs to
  let runTo = -1;
  let runFrom = -1;
  let runSeg: OutputSegment | undefined;
  let runEnd = -1;
  const close = (): void => {
    if (runSeg === undefined) return;
    const o = runSeg.origin;
    push(runTo, runEnd, o.kind === 'text' ? { ...o, offset: o.offset + (runFrom - runSeg.start) } : o);
    runSeg = undefined;
  };
  while (i < from.length && j < to.length) {
    const a = from.charCodeAt(i);
    const b = to.charCodeAt(j);
    if (a === b) {
      while (k < segments.length && segments[k]!.end <= i) k++;
      const seg = segments[k];
      if (seg === undefined || seg.start > i) {
        close();
        i++;
        j++;
        continue;
      }
      // a text run goes on while both texts advance together; an action's run spans its block
      const contiguous = runSeg === seg && (seg.origin.kind === 'action' || (runEnd === j && runFrom + (j - runTo) === i));
      if (!contiguous) {
        close();
        runSeg = seg;
        runTo = j;
        runFrom = i;
      }
      runEnd = j + 1;
      i++;
      j++;
    } else if (isBlank(to[j]!)) j++;
    else if (isBlank(from[i]!)) i++;
    else return undefined;
  }
  for (; i < from.length; i++) if (!isBlank(from[i]!)) return undefined;
  for (; j < to.length; j++) if (!isBlank(to[j]!)) return undefined;
  close();
  if (out.length === 0) return undefined;
  if (filled < to.length) out.push({ start: filled, end: to.length, origin: fill });
  return out;
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
