/** Names and values of ENV/ARG/LABEL properties (dockerfile-ast 0.7 semantics), on document offsets. */
import { leadingNonWhitespace, type PropertySpan } from './dockerfile-properties';
import { nameValue, word, type Word } from './dockerfile-words';

const LINE_BREAK = /[\r\n]/;

/** The value of a property's raw text: quotes removed when they enclose it, escapes and continuations resolved. */
export function unescapeValue(raw: string, escape: string): string {
  // nothing to remove: no escape character, no line break, no leading blank or quote
  const c = raw.charAt(0);
  if (c !== ' ' && c !== '\t' && c !== '"' && c !== "'" && raw.indexOf(escape) === -1 && !LINE_BREAK.test(raw)) return raw;
  return unescapeSlow(raw, escape);
}

/** Per escape character: a run of characters that unescapeSlow copies as they are. */
const PLAIN_RUN: ReadonlyMap<string, RegExp> = new Map([
  ['\\', /[^\\ \t\r\n#]+/y],
  ['`', /[^` \t\r\n#]+/y],
]);

/** The general case of unescapeValue, character by character. */
function unescapeSlow(raw: string, escape: string): string {
  let escaped = false;
  const skip = leadingNonWhitespace(raw, escape);
  if (skip !== 0 && raw.charAt(skip) === '#') escaped = true;
  let value = raw.substring(skip);
  const first = value.charAt(0);
  const last = value.charAt(value.length - 1);
  const literal = first === "'" || first === '"';
  const inSingle = first === "'" && last === "'";
  let inDouble = false;
  if (first === '"') {
    for (let i = 1; i < value.length; i++) {
      if (value.charAt(i) === escape) i++;
      else if (value.charAt(i) === '"' && i === value.length - 1) inDouble = true;
    }
  }
  if (inSingle || inDouble) value = value.substring(1, value.length - 1);
  let commentCheck = -1;
  let out = '';
  const plain = PLAIN_RUN.get(escape);
  parseValue: for (let i = 0; i < value.length; i++) {
    // outside a continuation, characters that mean nothing here are copied as they are (the default
    // case below): a run of them in one step instead of through the switch, character by character
    if (plain && !escaped) {
      plain.lastIndex = i;
      if (plain.test(value)) {
        out += value.slice(i, plain.lastIndex);
        i = plain.lastIndex;
        if (i === value.length) break;
      }
    }
    let char = value.charAt(i);
    switch (char) {
      case escape:
        if (i + 1 === value.length) {
          out += escape;
          break parseValue;
        }
        char = value.charAt(i + 1);
        if (char === ' ' || char === '\t') {
          whitespaceCheck: for (let j = i + 2; j < value.length; j++) {
            const char2 = value.charAt(j);
            switch (char2) {
              case ' ':
              case '\t':
                break;
              case '\r':
              case '\n':
                if (char2 === '\r') j++;
                escaped = true;
                i = j;
                continue parseValue;
              default:
                if (!inDouble && !inSingle && !literal) {
                  if (char2 === escape) {
                    out += char;
                    i = i + 1;
                  } else {
                    out += char + char2;
                    i = j;
                  }
                  continue parseValue;
                }
                break whitespaceCheck;
            }
          }
        }
        if (inDouble) {
          if (char === '\r' || char === '\n') {
            escaped = true;
            i += char === '\r' ? 2 : 1; // an escaped line break (CRLF counts as one)
          } else if (char !== '"') {
            if (char === escape) i++;
            out += escape;
          }
          continue parseValue;
        } else if (inSingle || literal) {
          if (char === '\r' || char === '\n') {
            escaped = true;
            i += char === '\r' ? 2 : 1;
          } else {
            out += escape;
          }
          continue parseValue;
        } else if (char === escape) {
          out += escape;
          i++;
        } else if (char === '\r' || char === '\n') {
          escaped = true;
          i += char === '\r' ? 2 : 1;
        } else {
          out += char;
          i++;
        }
        break;
      case ' ':
      case '\t':
        if (escaped && commentCheck === -1) commentCheck = i;
        out += char;
        break;
      case '\r':
      case '\n':
        if (char === '\r') i++;
        if (escaped && commentCheck !== -1) {
          out = out.substring(0, out.length - (i - commentCheck - 1));
          commentCheck = -1;
        }
        break;
      case '#':
        if (escaped) {
          if (commentCheck !== -1) {
            out = out.substring(0, out.length - (i - commentCheck));
            commentCheck = -1;
          }
          for (let j = i + 1; j < value.length; j++) {
            const d = value.charAt(j);
            if (d === '\r' || d === '\n') {
              i = d === '\r' ? j + 1 : j;
              break;
            }
          }
          continue parseValue;
        }
        out += char;
        break;
      default:
        if (escaped) {
          escaped = false;
          commentCheck = -1;
        }
        out += char;
        break;
    }
  }
  return out;
}

function nameEnd(word: Word): number {
  const value = word.value;
  const index = value.indexOf('=');
  if (index !== -1) {
    const initial = value.charAt(0);
    const before = value.charAt(index - 1);
    if ((initial === '"' && before === '"') || (initial === "'" && before === "'") || (initial !== '"' && initial !== "'")) return word.start + index;
  }
  return word.end;
}

/** One property from a `name=value` word, or from a name word and a value word (`ENV name value`). */
export function property(text: string, escape: string, arg: Word, arg2?: Word): PropertySpan {
  const nameStart = arg.start;
  const nEnd = nameEnd(arg);
  const name = unescapeValue(text.substring(nameStart, nEnd), escape);
  if (arg2) {
    return nameValue(name, unescapeValue(text.substring(arg2.start, arg2.end), escape), nameStart, arg2.end, nameStart, nEnd, arg2.start, arg2.end);
  }
  if (nEnd === arg.end) return nameValue(name, null, arg.start, arg.end, nameStart, nEnd, -1, -1);
  const valueStart = arg.start + arg.value.indexOf('=') + 1;
  return nameValue(name, unescapeValue(text.substring(valueStart, arg.end), escape), arg.start, arg.end, nameStart, nEnd, valueStart, arg.end);
}

/** The properties of an ENV, ARG or LABEL given its property words. */
export function properties(text: string, escape: string, args: readonly Word[]): PropertySpan[] {
  const a0 = args[0];
  if (!a0) return [];
  if (args.length === 1) return [property(text, escape, a0)];
  if (args.length === 2) {
    return a0.value.indexOf('=') === -1 ? [property(text, escape, a0, args[1])] : [property(text, escape, a0), property(text, escape, args[1]!)];
  }
  if (a0.value.indexOf('=') === -1) {
    const first = args[1]!;
    const last = args[args.length - 1]!;
    return [property(text, escape, a0, word(text.substring(first.start, last.end), first.start, last.end))];
  }
  return args.map((a) => property(text, escape, a));
}
