// Sprig's string functions (Masterminds/sprig v3 strings.go, with Masterminds/goutils and
// huandu/xstrings for abbreviations, wrapping and case changes). Sprig: MIT licence, Copyright (C)
// 2013-2020 Masterminds; goutils: Apache 2.0; xstrings: MIT licence, Copyright (c) 2015 Huan Du.
import { fail } from '../template/exec';
import { sprint, sprintf } from '../template/fmt';
import { type FuncMap, goFunc } from '../template/func';
import { utf8Bytes, utf8String } from '../template/values';
import { newMap, strslice, strval } from './convert';

const isSpaceRune = (r: string): boolean => /^\s$/u.test(r) || r === '\u0085';

/** Byte slice of a string as Go's s[a:b] (panics become errors). */
function byteSlice(s: string, from: number, to?: number): string {
  const b = utf8Bytes(s);
  const end = to ?? b.length;
  if (from < 0 || end > b.length || from > end) fail(`runtime error: slice bounds out of range [${from}:${end}] with length ${b.length}`);
  return utf8String(b.slice(from, end));
}

function byteLen(s: string): number {
  return utf8Bytes(s).length;
}

/** goutils.AbbreviateFull. */
function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) fail('minimum abbreviation width is 4');
  const len = byteLen(str);
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return byteSlice(str, 0, maxWidth - 3) + '...';
  if (maxWidth < 7) fail('minimum abbreviation width with offset is 7');
  if (offset + maxWidth - 3 < len) return '...' + abbreviateFull(byteSlice(str, offset), 0, maxWidth - 3);
  return '...' + byteSlice(str, len - (maxWidth - 3));
}

/** strings.Title: the first letter of each word upper-cased (words split at non-letters/digits/underscore). */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const r of s) {
    out += isSeparator(prev) ? r.toUpperCase() : r;
    prev = r;
  }
  return out;
}

function isSeparator(r: string): boolean {
  const c = r.codePointAt(0)!;
  if (c <= 0x7f) {
    if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r === '_') return false;
    return true;
  }
  if (/^\p{L}|\p{Nd}$/u.test(r)) return false;
  return isSpaceRune(r);
}

/** goutils.Uncapitalize / Initials / SwapCase: words separated by white space. */
function uncapitalize(s: string): string {
  let prevSpace = true;
  let out = '';
  for (const r of s) {
    out += prevSpace ? r.toLowerCase() : r;
    prevSpace = isSpaceRune(r);
  }
  return out;
}

function initials(s: string): string {
  let prevSpace = true;
  let out = '';
  for (const r of s) {
    if (prevSpace && !isSpaceRune(r)) out += r;
    prevSpace = isSpaceRune(r);
  }
  return out;
}

function swapCase(s: string): string {
  let wasSpace = true;
  let out = '';
  for (const r of s) {
    const upper = r.toUpperCase();
    const lower = r.toLowerCase();
    let x = r;
    if (r === upper && r !== lower) x = lower;
    else if (r === lower && r !== upper) x = wasSpace ? upper : upper;
    out += x;
    wasSpace = isSpaceRune(r);
  }
  return out;
}

/** goutils.WrapCustom: breaks lines at spaces so that none is longer than the width (long words kept whole unless wrapLongWords). */
function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const runes = Array.from(str);
  const inputLineLength = runes.length;
  let offset = 0;
  const out: string[] = [];
  while (inputLineLength - offset > wrapLength) {
    if (runes[offset] === ' ') {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    let spaceToWrapAt = runes.slice(offset, end).lastIndexOf(' ') + offset;
    if (spaceToWrapAt >= offset) {
      out.push(runes.slice(offset, spaceToWrapAt).join(''), newLine);
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      out.push(runes.slice(offset, wrapLength + offset).join(''), newLine);
      offset += wrapLength;
    } else {
      spaceToWrapAt = runes.indexOf(' ', wrapLength + offset);
      if (spaceToWrapAt >= 0) {
        out.push(runes.slice(offset, spaceToWrapAt).join(''), newLine);
        offset = spaceToWrapAt + 1;
      } else {
        out.push(runes.slice(offset).join(''));
        offset = inputLineLength;
      }
    }
  }
  out.push(runes.slice(offset).join(''));
  return out.join('');
}

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

function runeType(r: string): WordType {
  if (/^\p{Nd}$/u.test(r)) return 'number';
  if (/^\p{Lu}$/u.test(r)) return 'upper';
  if (/^\p{L}$/u.test(r)) return 'alphabet';
  if (r === '_' || r === '-' || r === '.' || isSpaceRune(r)) return 'connector';
  if (/^\p{P}$/u.test(r)) return 'punct';
  return 'other';
}

/**
 * Splits a string into words as xstrings' case conversions do: connectors (_ - . space) and case
 * changes separate words ("HTTPServer" → HTTP, Server); a digit run followed by a small letter
 * starts a word and takes the letters and digits after it ("Duration2m3s" → Duration, 2m3s), one
 * followed by a capital stays with its word ("Bld4Floor" → Bld4, Floor).
 */
function words(s: string): string[] {
  const out: string[] = [];
  const runes = Array.from(s);
  let cur = '';
  let numberWord = false;
  const push = (): void => {
    if (cur !== '') out.push(cur);
    cur = '';
    numberWord = false;
  };
  for (let i = 0; i < runes.length; i++) {
    const r = runes[i]!;
    const t = runeType(r);
    if (t === 'connector') {
      push();
      continue;
    }
    const prev = cur === '' ? 'invalid' : runeType(runes[i - 1]!);
    if (t === 'upper') {
      const next = i + 1 < runes.length ? runeType(runes[i + 1]!) : 'invalid';
      if (prev === 'alphabet' || prev === 'number' || (prev === 'upper' && next === 'alphabet')) push();
    } else if (t === 'number' && !numberWord && (prev === 'alphabet' || prev === 'upper')) {
      let j = i;
      while (j < runes.length && runeType(runes[j]!) === 'number') j++;
      if (j < runes.length && runeType(runes[j]!) === 'alphabet') {
        push();
        numberWord = true;
      }
    } else if (t === 'number' && cur === '') numberWord = true;
    cur += r;
  }
  push();
  return out;
}

/** xstrings.ToSnakeCase / ToKebabCase. */
function toLowerWords(s: string, connector: string): string {
  return words(s).map((w) => w.toLowerCase()).join(connector);
}

/** xstrings.ToCamelCase: '_' removed and the next letter capitalised; other letters lower-cased; leading '_' kept. */
function toCamelCase(str: string): string {
  if (str === '') return '';
  const runes = Array.from(str);
  let i = 0;
  let out = '';
  while (i < runes.length && runes[i] === '_') out += runes[i++];
  if (i >= runes.length) return out;
  let r0 = runes[i++]!.toUpperCase();
  if (i >= runes.length) return out + r0;
  for (; i < runes.length; i++) {
    const r1 = r0;
    r0 = runes[i]!;
    if (r1 === '_' && r0 === '_') {
      out += r1;
      continue;
    }
    r0 = r1 === '_' ? r0.toUpperCase() : r0.toLowerCase();
    if (r1 !== '_') out += r1;
  }
  return out + r0;
}

/** Sprig's quote: each non-nil argument as %q, space-separated. */
function quote(...args: unknown[]): string {
  return args.filter((a) => a !== null && a !== undefined).map((a) => sprintf('%q', [strval(a)])).join(' ');
}

function squote(...args: unknown[]): string {
  return args.filter((a) => a !== null && a !== undefined).map((a) => `'${strval(a)}'`).join(' ');
}

function cat(...args: unknown[]): string {
  const v = args.filter((a) => a !== null && a !== undefined);
  return sprint(v.flatMap((x, i) => (i > 0 ? [' ', x] : [x]))).replace(/^\s+|\s+$/g, '');
}

function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(Array.from(cutset));
  const runes = Array.from(s);
  let a = 0;
  let b = runes.length;
  if (left) while (a < b && set.has(runes[a]!)) a++;
  if (right) while (b > a && set.has(runes[b - 1]!)) b--;
  return runes.slice(a, b).join('');
}

function goTrimSpace(s: string): string {
  return s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');
}

function splitMap(parts: string[]): Record<string, unknown> {
  const m = newMap();
  parts.forEach((p, i) => {
    m[`_${i}`] = p;
  });
  return m;
}

/** strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const runes = Array.from(s);
    if (n < 0 || n >= runes.length) return runes;
    return [...runes.slice(0, n - 1), runes.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** strings.Repeat(" ", n), which panics on a negative count. */
function spaces(n: bigint): string {
  if (n < 0n) fail('strings: negative Repeat count');
  if (n > 1_000_000n) fail('strings: Repeat output length overflow');
  return ' '.repeat(Number(n));
}

function toNum(v: bigint): number {
  return Number(v);
}

const S = 'string' as const;
const I = 'int' as const;

/** Sprig's string functions. */
export function stringFuncs(): FuncMap {
  return {
    hello: goFunc([], undefined, () => 'Hello!'),
    upper: goFunc([S], undefined, (s: string) => s.toUpperCase()),
    lower: goFunc([S], undefined, (s: string) => s.toLowerCase()),
    title: goFunc([S], undefined, title),
    untitle: goFunc([S], undefined, uncapitalize),
    substr: goFunc([I, I, S], undefined, (start: bigint, end: bigint, s: string) => {
      const a = toNum(start);
      const b = toNum(end);
      if (a < 0) return byteSlice(s, 0, b);
      if (b < 0 || b > byteLen(s)) return byteSlice(s, a);
      return byteSlice(s, a, b);
    }),
    repeat: goFunc([I, S], undefined, (count: bigint, s: string) => {
      if (count < 0n) fail('strings: negative Repeat count');
      if (BigInt(s.length) * count > 10_000_000n) fail('strings: Repeat output length overflow');
      return s.repeat(toNum(count));
    }),
    trunc: goFunc([I, S], undefined, (c: bigint, s: string) => {
      const n = toNum(c);
      const len = byteLen(s);
      if (n < 0 && len + n > 0) return byteSlice(s, len + n);
      if (n >= 0 && len > n) return byteSlice(s, 0, n);
      return s;
    }),
    trim: goFunc([S], undefined, goTrimSpace),
    trimAll: goFunc([S, S], undefined, (a: string, b: string) => trimSet(b, a, true, true)),
    trimall: goFunc([S, S], undefined, (a: string, b: string) => trimSet(b, a, true, true)),
    trimSuffix: goFunc([S, S], undefined, (a: string, b: string) => (a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
    trimPrefix: goFunc([S, S], undefined, (a: string, b: string) => (b.startsWith(a) ? b.slice(a.length) : b)),
    nospace: goFunc([S], undefined, (s: string) => Array.from(s).filter((r) => !isSpaceRune(r)).join('')),
    initials: goFunc([S], undefined, initials),
    swapcase: goFunc([S], undefined, swapCase),
    snakecase: goFunc([S], undefined, (s: string) => toLowerWords(s, '_')),
    kebabcase: goFunc([S], undefined, (s: string) => toLowerWords(s, '-')),
    camelcase: goFunc([S], undefined, toCamelCase),
    abbrev: goFunc([I, S], undefined, (w: bigint, s: string) => (w < 4n ? s : abbreviateFull(s, 0, toNum(w)))),
    abbrevboth: goFunc([I, I, S], undefined, (l: bigint, r: bigint, s: string) => {
      if (r < 4n || (l > 0n && r < 7n)) return s;
      return abbreviateFull(s, toNum(l), toNum(r));
    }),
    wrap: goFunc([I, S], undefined, (l: bigint, s: string) => wrapCustom(s, toNum(l), '\n', false)),
    wrapWith: goFunc([I, S, S], undefined, (l: bigint, sep: string, s: string) => wrapCustom(s, toNum(l), sep, true)),
    contains: goFunc([S, S], undefined, (sub: string, s: string) => s.includes(sub)),
    hasPrefix: goFunc([S, S], undefined, (p: string, s: string) => s.startsWith(p)),
    hasSuffix: goFunc([S, S], undefined, (p: string, s: string) => s.endsWith(p)),
    quote: goFunc([], 'any', quote),
    squote: goFunc([], 'any', squote),
    cat: goFunc([], 'any', cat),
    indent: goFunc([I, S], undefined, (n: bigint, s: string) => {
      const pad = spaces(n);
      return pad + s.split('\n').join('\n' + pad);
    }),
    nindent: goFunc([I, S], undefined, (n: bigint, s: string) => {
      const pad = spaces(n);
      return '\n' + pad + s.split('\n').join('\n' + pad);
    }),
    replace: goFunc([S, S, S], undefined, (o: string, n: string, s: string) => (o === '' ? Array.from(s).map((r) => n + r).join('') + n : s.split(o).join(n))),
    plural: goFunc([S, S, I], undefined, (one: string, many: string, count: bigint) => (count === 1n ? one : many)),
    toString: goFunc(['any'], undefined, strval),
    toStrings: goFunc(['any'], undefined, strslice),
    split: goFunc([S, S], undefined, (sep: string, s: string) => splitMap(splitN(s, sep, -1))),
    splitn: goFunc([S, I, S], undefined, (sep: string, n: bigint, s: string) => splitMap(splitN(s, sep, toNum(n)))),
    splitList: goFunc([S, S], undefined, (sep: string, s: string) => splitN(s, sep, -1)),
    join: goFunc([S, 'any'], undefined, (sep: string, v: unknown) => strslice(v).join(sep)),
  };
}
