/**
 * `name=value` properties of ENV, ARG and LABEL (and the legacy `ENV name value`), on document
 * offsets, with dockerfile-ast 0.7's semantics for quotes, escapes and continuations.
 */
import { blankSeparated, word, type NameValuePart, type Word } from './dockerfile-words';

const SPECIAL = /[\r\n'"]/;
/** Per escape character: a run of characters that escapedPropertyWords takes as they are. */
const ORDINARY_RUN: ReadonlyMap<string, RegExp> = new Map([
  ['\\', /[^\\ \t\r\n'"#$]+/y],
  ['`', /[^` \t\r\n'"#$]+/y],
]);

/** A property: its name and value after escapes are removed, and their document offsets; `value` is null when the property has no `=` and no value (`ARG name`). */
export type PropertySpan = NameValuePart;

const isWs = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Index of the first character that is neither blank nor a line continuation; -1 when none. */
export function leadingNonWhitespace(s: string, escape: string): number {
  whitespaceCheck: for (let i = 0; i < s.length; i++) {
    switch (s[i]) {
      case ' ':
      case '\t':
        continue;
      case escape:
        for (let j = i + 1; j < s.length; j++) {
          switch (s[j]) {
            case ' ':
            case '\t':
              continue;
            case '\r':
              i = j + 1;
              continue whitespaceCheck;
            case '\n':
              i = j;
              continue whitespaceCheck;
            default:
              return -1;
          }
        }
        return -1;
      default:
        return i;
    }
  }
  return -1;
}

function trailingNonWhitespace(s: string, escape: string): number {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i];
    if (c === ' ' || c === '\t') continue;
    if (c === '\n' || c === '\r') {
      if (c === '\n' && s[i - 1] === '\r') i--;
      for (let j = i - 1; j >= 0; j--) {
        const d = s[j];
        if (d === ' ' || d === '\t' || d === '\r' || d === '\n' || d === escape) continue;
        return j;
      }
      return s.length;
    }
    return i;
  }
  return s.length;
}

/** The words of a property instruction: quotes keep spaces, `${…}` keeps spaces, continuations join words. */
export function propertyWords(text: string, instructionStart: number, from: number, to: number, escape: string): Word[] {
  const full = text.slice(from, to);
  // one line without escapes, quotes or `${`: the words are the runs of non-blanks
  if (full.indexOf(escape) === -1 && !SPECIAL.test(full) && full.indexOf('${') === -1 && !SPECIAL.test(text.slice(instructionStart, from))) return blankSeparated(full, from);
  return escapedPropertyWords(text, instructionStart, full, from, escape);
}

/** The general case of propertyWords, character by character. */
function escapedPropertyWords(text: string, instructionStart: number, full: string, from: number, escape: string): Word[] {
  const start = leadingNonWhitespace(full, escape);
  if (start === -1) return [];
  const args: Word[] = [];
  const base = from + start;
  const push = (a: number, b: number): void => {
    args.push(word(content.substring(a, b), base + a, base + b));
  };
  let escaped = /[\r\n]/.test(text.substring(instructionStart, base));
  let endingEscape = false;
  let mark = -1;
  const content = full.slice(start, trailingNonWhitespace(full, escape) + 1);
  let argStart = escaped ? -1 : 0;
  let spaced = false;
  const spacedArgument = (): void => {
    if (argStart !== -1) push(argStart, mark);
  };
  const ordinary = ORDINARY_RUN.get(escape);
  argumentLoop: for (let i = 0; i < content.length; i++) {
    // inside an argument, characters that mean nothing here leave the state as it is (the default
    // case below): skipped in one step instead of through the switch, character by character
    if (ordinary && argStart !== -1 && !spaced && !escaped) {
      ordinary.lastIndex = i;
      if (ordinary.test(content)) {
        i = ordinary.lastIndex;
        if (i === content.length) break;
      }
    }
    const char = content[i]!;
    switch (char) {
      case escape:
        if (i + 1 === content.length) {
          endingEscape = true;
          break argumentLoop;
        }
        if (!escaped) mark = i;
        switch (content[i + 1]) {
          case ' ':
          case '\t':
            if (!isWs(content.charAt(i + 2))) {
              i = i + 1;
              continue argumentLoop;
            }
            whitespaceCheck: for (let j = i + 2; j < content.length; j++) {
              switch (content[j]) {
                case '\r':
                case '\n':
                  if (content[j] === '\r') j++;
                  escaped = true;
                  i = j;
                  continue argumentLoop;
                case ' ':
                case '\t':
                  break;
                default:
                  args.push(word(content.substring(argStart, i), base + argStart, base + i + 2));
                  argStart = j;
                  break whitespaceCheck;
              }
            }
            i = argStart - 1;
            continue argumentLoop;
          case '\r':
          case '\n':
            if (content[i + 1] === '\r') i++;
            escaped = true;
            i = i + 1;
            continue argumentLoop;
          case escape:
            if (argStart === -1) argStart = i;
            i = i + 1;
            continue argumentLoop;
          default:
            if (argStart === -1) argStart = i;
            continue argumentLoop;
        }
      case "'":
      case '"':
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        if (argStart === -1) argStart = i;
        for (let j = i + 1; j < content.length; j++) {
          const d = content[j];
          if (d === char) {
            if (content.charAt(j + 1) !== ' ' && content.charAt(j + 1) !== '') {
              i = j;
              continue argumentLoop;
            }
            push(argStart, j + 1);
            i = j;
            argStart = -1;
            continue argumentLoop;
          } else if (d === escape) j++;
        }
        break argumentLoop;
      case ' ':
      case '\t':
        if (escaped) {
          if (argStart !== -1) spaced = true;
        } else if (argStart !== -1) {
          push(argStart, i);
          argStart = -1;
        }
        break;
      case '\r':
      case '\n':
        if (char === '\r') i++;
        spaced = false;
        break;
      case '#':
        if (escaped) {
          for (let j = i + 1; j < content.length; j++) {
            const d = content[j];
            if (d === '\r' || d === '\n') {
              if (d === '\r') j++;
              i = j;
              spaced = false;
              continue argumentLoop;
            }
          }
          if (argStart !== -1) {
            push(argStart, mark);
            argStart = -1;
          }
          break argumentLoop;
        } else if (argStart === -1) {
          argStart = i;
        }
        break;
      default:
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        escaped = false;
        if (argStart === -1) argStart = i;
        if (char === '$' && content[i + 1] === '{') {
          let single = false;
          let double = false;
          let esc = false;
          for (let j = i + 1; j < content.length; j++) {
            const d = content[j];
            if (d === escape) esc = true;
            else if (d === '\r' || d === '\n') continue;
            else if (d === "'") {
              single = !single;
              esc = false;
            } else if (d === '"') {
              double = !double;
              esc = false;
            } else if (d === ' ' || d === '\t') {
              if (esc || single || double) continue;
              i = j - 1;
              continue argumentLoop;
            } else if (d === '}') {
              i = j;
              continue argumentLoop;
            } else esc = false;
          }
          break argumentLoop;
        }
        break;
    }
  }
  if (argStart !== -1 && argStart !== content.length) push(argStart, endingEscape ? content.length - 1 : content.length);
  return args;
}
