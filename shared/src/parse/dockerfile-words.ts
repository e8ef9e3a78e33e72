/**
 * The word splitting of Dockerfile instruction arguments, on document offsets. The semantics follow
 * dockerfile-ast 0.7 (what the rules were written and tested against): line continuations, comment
 * lines inside continuations, the escape character and the `\$` that keeps its backslash.
 */

/** Document offsets of a `name=value` part: a flag, a parser directive, a property. */
export interface NameValueOffsets {
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** A `name[=value]` part with its name and value (escapes removed); `value` is null without one. */
export interface NameValuePart extends NameValueOffsets {
  readonly name: string;
  readonly value: string | null;
}

/** One argument: its value after escapes are removed and its document offsets. */
export interface Word {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A class, not object literals: words are made in several places, and literals of the same shape
 * share V8's hidden classes with each other and with other `{ value, start, end }` objects, whose
 * changes made V8 discard optimised parser and tokenizer code during a cold scan.
 */
class Span implements Word {
  constructor(
    readonly value: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** A new word. */
export function word(value: string, start: number, end: number): Word {
  return new Span(value, start, end);
}

/**
 * A `name[=value]` part (a flag, a property) on document offsets; `valueStart` is -1 without a value.
 * A class for the reason given at Span: flags were built by spreading a partial literal, and each
 * flag came out with a hidden class of its own, so every read of a flag's name or value went
 * through V8's megamorphic lookup and missed (700 misses per property over the corpus's Dockerfiles).
 */
class NameValue implements NameValuePart {
  constructor(
    readonly name: string,
    readonly value: string | null,
    readonly start: number,
    readonly end: number,
    readonly nameStart: number,
    readonly nameEnd: number,
    readonly valueStart: number,
    readonly valueEnd: number,
  ) {}
}

/** A new `name[=value]` part. */
export function nameValue(name: string, value: string | null, start: number, end: number, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): NameValuePart {
  return new NameValue(name, value, start, end, nameStart, nameEnd, valueStart, valueEnd);
}

const isWs = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const LINE_BREAK = /[\r\n]/;
const NON_BLANK = /[^ \t]+/g;

/** The runs of characters other than blanks of `s` (which starts at document offset `from`). */
export function blankSeparated(s: string, from: number): Word[] {
  const words: Word[] = [];
  NON_BLANK.lastIndex = 0;
  for (let m = NON_BLANK.exec(s); m !== null; m = NON_BLANK.exec(s)) words.push(word(m[0], from + m.index, from + m.index + m[0].length));
  return words;
}
const isNl = (c: string): boolean => c === '\r' || c === '\n';
/** Per escape character: a run of characters that escapedWords takes as they are (neither blank nor the escape). */
const ORDINARY_RUN: ReadonlyMap<string, RegExp> = new Map([
  ['\\', /[^\\ \t\r\n]+/y],
  ['`', /[^` \t\r\n]+/y],
]);
/** A run of blanks. */
const BLANK_RUN = /[ \t]+/y;

/** Splits `text[from, to)` (the text after the keyword) into arguments. */
export function splitWords(text: string, from: number, to: number, escape: string): Word[] {
  const s = text.slice(from, to);
  // one line without escape characters (the common case): the words are the runs of non-blanks
  if (s.indexOf(escape) === -1 && !LINE_BREAK.test(s)) return blankSeparated(s, from);
  return escapedWords(s, from, escape);
}

/** The general case of splitWords: escapes, continuations and comment lines, character by character. */
function escapedWords(s: string, from: number, escape: string): Word[] {
  const args: Word[] = [];
  const push = (value: string, a: number, b: number): void => {
    args.push(word(value, from + a, from + b));
  };
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  let arg = '';
  // while false, the word is the plain text from `found` (no escape met yet): sliced instead of built
  let dirty = false;
  const ordinary = ORDINARY_RUN.get(escape);
  for (let i = 0; i < s.length; i++) {
    const char = s[i]!;
    if (isWs(char)) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (isNl(char)) {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
      } else if (found !== -1) {
        push(dirty ? arg : s.substring(found, i), found, escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        arg = '';
        dirty = false;
        found = -1;
      }
      // the blanks that follow a blank change nothing (the state is as this one left it): skipped in
      // one step, such as the indentation after a line continuation
      if (char === ' ' || char === '\t') {
        BLANK_RUN.lastIndex = i + 1;
        if (BLANK_RUN.test(s)) i = BLANK_RUN.lastIndex - 1;
      }
    } else if (char === escape) {
      if (!dirty) {
        arg = found === -1 ? '' : s.substring(found, i);
        dirty = true;
      }
      const next = s.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        const after = afterEscapedBlank(s, i + 2);
        if (after?.lineBreak) {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1) escapeMarker = i;
          i = after.at;
        } else if (after) {
          escapeMarker = i;
          if (found === -1) i = after.at - 1;
        }
      } else if (next === '\r') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(arg, found, escapeMarker);
          arg = '';
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '$') arg += char + next;
        else if (next === '') break;
        else arg += next;
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(arg, found, escapeMarker);
          arg = '';
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        if (dirty) arg += char;
        if (found === -1) found = i;
      }
      start = false;
    }
    // in a word or a comment, the characters that follow up to a blank or the escape change nothing
    // but the word's text (with the state left as above): taken in one step
    if (ordinary && (comment || found !== -1) && !isWs(char) && char !== escape) {
      ordinary.lastIndex = i + 1;
      if (ordinary.test(s)) {
        const j = ordinary.lastIndex;
        if (dirty && !comment) arg += s.slice(i + 1, j);
        i = j - 1;
      }
    }
  }
  if (found !== -1) push(dirty ? arg : s.substring(found), found, escapeMarker === -1 ? s.length : escapeMarker);
  return args;
}

/**
 * The pieces of text that make up the arguments when they span several lines: each line's part
 * from its start (or the first argument) to its last argument character, comment lines left out.
 */
export function argumentPieces(text: string, lineStartOf: (offset: number) => number, args: readonly Word[], escape: string): [number, number][] {
  const first = args[0];
  const last = args[args.length - 1];
  if (!first || !last) return [];
  if (!/[\r\n]/.test(text.slice(first.start, last.end))) return [[first.start, last.end]];
  const s = text.slice(first.start, last.end);
  const offset = first.start;
  const pieces: [number, number][] = [];
  let end = -1;
  let startAt: number | null = first.start;
  let comment = false;
  const close = (): void => {
    if (startAt !== null) pieces.push([startAt, offset + end + 1]);
  };
  for (let i = 0; i < s.length; i++) {
    const char = s[i]!;
    if (char === escape) {
      const next = s.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        const after = afterEscapedBlank(s, i + 2);
        if (after?.lineBreak) {
          close();
          startAt = null;
          comment = false;
          i = after.at;
        }
      } else if (next === '\r') {
        close();
        startAt = null;
        comment = false;
        i += 2;
      } else if (next === '\n') {
        close();
        startAt = null;
        comment = false;
        i++;
      } else {
        i++;
      }
    } else if (isNl(char)) {
      if (comment) {
        startAt = null;
        comment = false;
      }
    } else if (!comment) {
      if (startAt === null) {
        if (char === '#') {
          comment = true;
          continue;
        }
        const lineStart = lineStartOf(offset + i);
        if (offset + i !== lineStart) startAt = lineStart;
      }
      end = i;
    }
  }
  if (startAt === null) pieces.push([offset + end, offset + end + 1]);
  else pieces.push([startAt, offset + end + 1]);
  return pieces;
}

/**
 * After an escape character and a blank: where the blanks from `from` on end. A line break there
 * (`at`: its last character) makes the escape a line continuation; another character (`at`: it)
 * does not; undefined at the end of the text.
 */
function afterEscapedBlank(s: string, from: number): { readonly lineBreak: boolean; readonly at: number } | undefined {
  for (let j = from; j < s.length; j++) {
    const c = s[j];
    if (c === ' ' || c === '\t') continue;
    if (c === '\r' || c === '\n') return { lineBreak: true, at: c === '\r' ? j + 1 : j };
    return { lineBreak: false, at: j };
  }
  return undefined;
}
