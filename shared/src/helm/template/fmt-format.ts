// Ported from Go's src/fmt/format.go: padding, integers, floats, hex of bytes and quoting under the
// flags, width and precision of one verb. Copyright 2009 The Go Authors; BSD licence, see LICENSE-GO.md.
import { formatFloat } from './float';
import { goQuote, isPrint } from './quote';

/** The flags, width and precision of the verb being printed. */
export interface Flags {
  plus: boolean; minus: boolean; sharp: boolean; space: boolean; zero: boolean;
  plusV: boolean; sharpV: boolean;
  wid: number; widPresent: boolean; prec: number; precPresent: boolean;
}

/** No flags, no width, no precision. */
export function clearFlags(): Flags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false, wid: 0, widPresent: false, prec: 0, precPresent: false };
}

/** Digits for integer verbs; index 16 is the letter after "0" of a # prefix. */
export const lowerDigits = '0123456789abcdefx';
/** Upper-case digits for %X. */
export const upperDigits = '0123456789ABCDEFX';

/** Pads to the width with spaces (or zeros, with the 0 flag and no minus), counting runes. */
export function padText(s: string, f: Flags, zero = f.zero): string {
  if (!f.widPresent || f.wid === 0) return s;
  const width = f.wid - runeCount(s);
  if (width <= 0) return s;
  const padding = (zero && !f.minus ? '0' : ' ').repeat(width);
  return f.minus ? s + padding : padding + s;
}

/** The string cut to the precision in runes. */
export function truncateText(s: string, f: Flags): string {
  if (f.precPresent) {
    const runes = Array.from(s);
    if (runes.length > f.prec) return runes.slice(0, f.prec).join('');
  }
  return s;
}

/** fmtSbx: hex of bytes, with "% x" spacing and "#" prefixes. */
export function hexText(bytes: Uint8Array, digits: string, f: Flags): string {
  let length = bytes.length;
  if (f.precPresent && f.prec < length) length = f.prec;
  const parts: string[] = [];
  for (let i = 0; i < length; i++) {
    if (f.space && i > 0) parts.push(' ');
    if (f.sharp && (f.space || i === 0)) parts.push('0', digits[16]!);
    const c = bytes[i]!;
    parts.push(digits[c >> 4]!, digits[c & 0xf]!);
  }
  return padText(parts.join(''), f, false);
}

/** fmtQ: %q (and %#q in back quotes when it can). */
export function quotedText(s: string, f: Flags): string {
  s = truncateText(s, f);
  if (f.sharp && canBackquote(s)) return padText('`' + s + '`', f);
  return padText(goQuote(s, f.plus), f);
}

/** fmtInteger: sign, precision or zero padding, # prefixes, then padding. */
export function integerText(value: bigint, base: number, verb: string, digits: string, f: Flags): string {
  const negative = value < 0n;
  const u = negative ? -value : value;
  let prec = 0;
  if (f.precPresent) {
    prec = f.prec;
    // precision 0 and value 0 print nothing but padding
    if (prec === 0 && u === 0n) return padText('', f, false);
  } else if (f.zero && !f.minus && f.widPresent) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  let s = u.toString(base);
  if (digits[10] === 'A') s = s.toUpperCase();
  if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
  if (f.sharp) {
    if (base === 2) s = '0b' + s;
    else if (base === 8 && s[0] !== '0') s = '0' + s;
    else if (base === 16) s = '0' + digits[16] + s;
  }
  if (verb === 'O') s = '0o' + s;
  if (negative) s = '-' + s;
  else if (f.plus) s = '+' + s;
  else if (f.space) s = ' ' + s;
  return padText(s, f, false);
}

/** fmtUnicode: U+0078, with #: U+0078 'x'. */
export function unicodeText(n: bigint, f: Flags): string {
  const hex = (n < 0n ? -n : n).toString(16).toUpperCase().padStart(Math.max(4, f.precPresent ? f.prec : 0), '0');
  let s = `U+${hex}`;
  const r = validRune(n);
  if (f.sharp && n >= 0n && n <= 0x10ffffn && isPrint(String.fromCodePoint(r))) s += ` '${String.fromCodePoint(r)}'`;
  return padText(s, f, false);
}

/** fmtFloat: sign handling, zeros after the sign, Inf and NaN never zero-padded. */
export function floatText(v: number, verb: 'e' | 'E' | 'f' | 'g' | 'G', prec: number, f: Flags): string {
  let num = formatFloat(v, verb, prec);
  if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return padText(num, f, false);
  }
  if (f.sharp && verb !== 'f' && !num.includes('.')) {
    // %#g keeps a decimal point
    const e = num.search(/[eE]/);
    num = e < 0 ? num + '.' : num.slice(0, e) + '.' + num.slice(e);
  }
  if (f.plus || num[0] !== '+') {
    if (f.zero && !f.minus && f.widPresent && f.wid > num.length) return num[0]! + '0'.repeat(f.wid - num.length) + num.slice(1);
    return padText(num, f);
  }
  return padText(num.slice(1), f);
}

/** An integer as a rune, U+FFFD when it is none. */
export function validRune(n: bigint): number {
  if (n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn)) return 0xfffd;
  return Number(n);
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) n++;
  }
  return n;
}

function canBackquote(s: string): boolean {
  for (const r of s) {
    if (r === '`' || r === '\ufffd') return false;
    const c = r.codePointAt(0)!;
    if (c < 0x20 && r !== '\t') return false;
    if (c === 0x7f) return false;
  }
  return true;
}
