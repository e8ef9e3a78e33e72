/** Parts of instructions computed from their words: flags, exec-form JSON strings, `$` variable spans (dockerfile-ast 0.7 semantics). */
import { nameValue, word, type NameValuePart, type Word } from './dockerfile-words';

/** A `--name[=value]` flag on document offsets; `valueStart` is -1 when there is no `=`. */
export type FlagSpan = NameValuePart;

/** Where flags stop: the first word without `--` (ADD, COPY, FROM, RUN), `CMD`/`NONE` (HEALTHCHECK); null when the keyword takes no flags. */
export function flagStop(keyword: string): ((value: string) => boolean) | null {
  switch (keyword) {
    case 'ADD':
    case 'COPY':
    case 'FROM':
    case 'RUN':
      return (v) => v.indexOf('--') === -1;
    case 'HEALTHCHECK':
      return (v) => {
        const u = v.toUpperCase();
        return u === 'CMD' || u === 'NONE';
      };
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
    case 'VOLUME':
      return () => true;
    default:
      return null;
  }
}

/** The flags among the leading words. */
export function readFlags(text: string, words: readonly Word[], stop: (value: string) => boolean): FlagSpan[] {
  const flags: FlagSpan[] = [];
  for (const arg of words) {
    const value = arg.value;
    if (stop(value)) break;
    if (value.indexOf('--') !== 0) continue;
    const raw = text.substring(arg.start, arg.end);
    const nameIndex = value.indexOf('=');
    const index = raw.indexOf('=');
    let dashes = 0;
    let startIndex = -1;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c === '\\' || c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
      if (c === '-' && dashes < 2) {
        dashes++;
        continue;
      }
      startIndex = i;
      break;
    }
    const nameStart = arg.start + startIndex;
    if (index === -1) flags.push(nameValue(value.substring(2), null, arg.start, arg.end, nameStart, arg.end, -1, -1));
    else if (index === value.length - 1) flags.push(nameValue(value.substring(2, index), '', arg.start, arg.end, nameStart, arg.start + index, arg.end, arg.end));
    else flags.push(nameValue(value.substring(2, nameIndex), value.substring(nameIndex + 1), arg.start, arg.end, nameStart, arg.start + index, arg.start + index + 1, arg.end));
  }
  return flags;
}

/** A JSON string of an exec-form array: its text with the quotes (escapes resolved) and offsets including the quotes. */
export interface JsonSpan {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** A run of characters inside a JSON string that jsonStrings adds to the string as they are. */
const IN_STRING = /[^"\\ \t]+/y;

/** The strings of an exec-form `["a", "b"]` argument list, up to the first syntax error. */
export function jsonStrings(text: string, args: readonly Word[]): JsonSpan[] {
  const first = args[0];
  const lastArg = args[args.length - 1];
  if (!first || !lastArg) return [];
  if (args.length === 1 && first.value === '[]') return [];
  if (args.length === 2 && first.value === '[' && args[1]!.value === ']') return [];
  const s = text.substring(first.start, lastArg.end);
  const base = first.start;
  const out: JsonSpan[] = [];
  let start = -1;
  let last = '';
  let quoted = false;
  let arg = '';
  argsCheck: for (let i = 0; i < s.length; i++) {
    // inside a string only `"`, `\` and blanks mean something (the others are added as they are, in
    // the default case below): a run of them in one step instead of through the switch
    if (quoted) {
      IN_STRING.lastIndex = i;
      if (IN_STRING.test(s)) {
        arg += s.slice(i, IN_STRING.lastIndex);
        i = IN_STRING.lastIndex;
        if (i === s.length) break;
      }
    }
    const char = s[i]!;
    switch (char) {
      case '[':
        if (last === '') last = '[';
        else if (quoted) arg += char;
        else break argsCheck;
        break;
      case '"':
        if (last === '[' || last === ',') {
          start = i;
          quoted = true;
          last = '"';
          arg += char;
          continue;
        } else if (last === '"' && quoted) {
          arg += char;
          quoted = false;
          out.push(word(arg, base + start, base + i + 1));
          arg = '';
        } else break argsCheck;
        break;
      case ',':
        if (quoted) arg += char;
        else if (last === '"') last = ',';
        else break argsCheck;
        break;
      case ']':
        if (quoted) arg += char;
        else if (last !== '') break argsCheck;
        break;
      case ' ':
      case '\t':
        break;
      case '\\':
        if (quoted) {
          const next = s.charAt(i + 1);
          if (next === '"' || next === '\\') {
            arg += next;
            i++;
            continue;
          }
          if (next === ' ' || next === '\t') {
            let j = i + 2;
            while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
            if (s[j] === '\r' || s[j] === '\n') {
              i = s[j] === '\r' ? j + 1 : j;
              continue argsCheck;
            }
            break argsCheck;
          }
          if (next === '\r') i++;
          i++;
          continue;
        } else {
          let j = i + 1;
          while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
          if (s[j] === '\r' || s[j] === '\n') {
            i = s[j] === '\r' ? j + 1 : j;
            continue argsCheck;
          }
        }
        break argsCheck;
      default:
        if (!quoted) break argsCheck;
        arg += char;
        break;
    }
  }
  return out;
}

/** Document offsets `[start, end)` of the `$name` and `${…}` variables of a word (for `:`/`@` inside them). */
export function variableSpans(text: string, word: Word, escape: string): [number, number][] {
  const arg = text.substring(word.start, word.end);
  const spans: [number, number][] = [];
  const at = word.start;
  variableLoop: for (let i = 0; i < arg.length; i++) {
    const c = arg[i];
    if (c === escape) {
      if (arg[i + 1] === '$') i++;
      continue;
    }
    if (c !== '$') continue;
    if (arg[i + 1] === '{') {
      const close = arg.indexOf('}', i + 2);
      if (close === -1) break variableLoop;
      spans.push([at + i, at + close + 1]);
      i = close;
      continue;
    }
    const next = arg.charAt(i + 1);
    if (next === ' ' || next === '\t' || next === '\r' || next === '\n' || i === arg.length - 1) continue;
    for (let j = i + 1; j < arg.length; j++) {
      const d = arg[j]!;
      if (d === '\r' || d === '\n' || d === ' ' || d === '\t') continue;
      if (d === escape) {
        spans.push([at + i, at + j]);
        break variableLoop;
      }
      if (d === '$' || d === "'" || d === '"' || !/^[a-z0-9_]$/i.test(d)) {
        spans.push([at + i, at + j]);
        i = j - 1;
        continue variableLoop;
      }
    }
    spans.push([at + i, at + arg.length]);
    break;
  }
  return spans;
}
