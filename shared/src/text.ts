import type { Position, Range, TextEdit } from 'vscode-languageserver-types';

/**
 * Line index over a text: offset ⇄ LSP position (0-based line, UTF-16 character), as
 * `TextDocument.positionAt` does, built once per text.
 */
export interface LineIndex {
  readonly text: string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeOf(start: number, end: number): Range;
  /** Text of a line without its line break. */
  lineText(line: number): string;
  readonly lineCount: number;
}

/** Builds a line index for `text`. */
export function lineIndex(text: string): LineIndex {
  const starts = [0];
  if (!text.includes('\r')) {
    // the common case, on every file and keystroke: indexOf is native and many times faster than a character loop
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
  }
  const positionAt = (offset: number): Position => {
    const o = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between \r and \n (yaml reports errors there in CRLF files) is the line's end.
    return { line: lo, character: Math.min(o, lineEnd(lo)) - (starts[lo] ?? 0) };
  };
  const lineEnd = (line: number): number => {
    const next = starts[line + 1];
    if (next === undefined) return text.length;
    let end = next;
    if (text.charCodeAt(end - 1) === 10) end--;
    if (text.charCodeAt(end - 1) === 13) end--;
    return end;
  };
  const offsetAt = (p: Position): number => {
    if (p.line >= starts.length) return text.length;
    if (p.line < 0) return 0;
    const start = starts[p.line] ?? 0;
    return Math.min(start + Math.max(0, p.character), lineEnd(p.line));
  };
  return {
    text,
    positionAt,
    offsetAt,
    rangeOf: (start, end) => ({ start: positionAt(start), end: positionAt(end) }),
    lineText: (line) => text.slice(starts[line] ?? text.length, lineEnd(line)),
    lineCount: starts.length,
  };
}

/** Compares two positions. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * Applies non-overlapping text edits to `text`. Throws on overlapping edits: a rule that
 * produces them has a bug, and the caller reports it instead of writing a broken file.
 */
export function applyEdits(text: string, edits: readonly TextEdit[], index: LineIndex = lineIndex(text)): string {
  const spans = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let last = 0;
  for (const s of spans) {
    if (s.start < last) throw new Error('overlapping edits');
    out += text.slice(last, s.start) + s.newText;
    last = s.end;
  }
  return out + text.slice(last);
}

/** True when two ranges share at least one character (or touch at an insertion point). */
export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0
    || comparePositions(a.start, b.start) === 0;
}

/** The line break style used by a text. */
export function eol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Fills `{name}` placeholders. */
export function format(template: string, args: Readonly<Record<string, string | number>> = {}): string {
  // Called twice per finding (en, de): a plain scan instead of a regex with a callback.
  let open = template.indexOf('{');
  if (open < 0) return template;
  let out = '';
  let last = 0;
  while (open >= 0) {
    const close = template.indexOf('}', open + 1);
    if (close < 0) break;
    const key = template.slice(open + 1, close);
    if (WORD.test(key) && key in args) {
      out += template.slice(last, open) + String(args[key]);
      last = close + 1;
      open = template.indexOf('{', last);
    } else open = template.indexOf('{', open + 1);
  }
  return last === 0 ? template : out + template.slice(last);
}

const WORD = /^\w+$/;
