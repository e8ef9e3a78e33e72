// Number constants of templates, ported from Go's src/text/template/parse/node.go (newNumber) and
// the parts of src/strconv (ParseInt/ParseUint with base 0, ParseFloat, UnquoteChar) that it uses.
// Copyright 2011 The Go Authors; BSD licence, see LICENSE-GO.md.
import { unquoteChar } from './quote';

/** A number constant with the interpretations that fit it. */
export interface ParsedNumber {
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  readonly int: bigint;
  readonly float: number;
}

const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);
const maxUint64 = (1n << 64n) - 1n;

/** Parses a number, character or complex constant as Go's parser does; a string is an error message. */
export function parseNumber(text: string, typ: 'number' | 'charConstant' | 'complex'): ParsedNumber | string {
  if (typ === 'charConstant') {
    let r: { value: number; next: number };
    try {
      r = unquoteChar(text, 1, "'");
    } catch {
      return 'invalid syntax';
    }
    if (text.slice(r.next) !== "'") return `malformed character constant: ${text}`;
    return { text, isInt: true, isUint: true, isFloat: true, isComplex: false, int: BigInt(r.value), float: r.value };
  }
  if (typ === 'complex' || text.endsWith('i')) {
    // complex constants are not supported by the renderer: an error names them
    return `complex number constants are not supported: ${JSON.stringify(text)}`;
  }
  const u = parseGoInt(text);
  let isInt = u !== undefined && u >= minInt64 && u <= maxInt64;
  // strconv.ParseUint takes no sign; -0 still counts as unsigned (Go's special case)
  let isUint = u !== undefined && !/^[+-]/.test(text) && u >= 0n && u <= maxUint64;
  if (isInt && u === 0n) isUint = true;
  let int = isInt ? u! : 0n;
  let isFloat = false;
  let float = 0;
  if (isInt) {
    isFloat = true;
    float = Number(int);
  } else if (isUint) {
    isFloat = true;
    float = Number(u);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      // parsed as a float but looks like an integer: an integer too large for int64
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${JSON.stringify(text)}`;
      isFloat = true;
      float = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        isInt = true;
        int = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) isUint = true;
    }
  }
  if (!isInt && !isUint && !isFloat) return `illegal number syntax: ${JSON.stringify(text)}`;
  return { text, isInt, isUint, isFloat, isComplex: false, int, float };
}

/** strconv.ParseInt(text, 0, ∞): sign, 0x/0o/0b/0 prefixes, underscores only after a prefix. */
export function parseGoInt(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  if (s.length > 1 && s[0] === '0') {
    const p = s[1]!.toLowerCase();
    if (p === 'x' || p === 'o' || p === 'b') {
      base = p === 'x' ? 16 : p === 'o' ? 8 : 2;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  if (s.includes('_')) {
    if (!underscoreOK(text.replace(/^[+-]/, ''))) return undefined;
    s = s.replace(/_/g, '');
  }
  if (s === '') return undefined;
  const digits = '0123456789abcdef'.slice(0, base);
  let v = 0n;
  for (const c of s.toLowerCase()) {
    const d = digits.indexOf(c);
    if (d < 0) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  return neg ? -v : v;
}

/** strconv's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'xXbBoO'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseFloat(text, 64) for decimal and hexadecimal floats; undefined when the syntax is wrong. */
export function parseGoFloat(text: string): number | undefined {
  let s = text;
  if (s.includes('_')) {
    if (!underscoreOK(s.replace(/^[+-]/, ''))) return undefined;
    s = s.replace(/_/g, '');
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (m && (m[2] !== '' || m[3] !== '')) {
    const mant = parseInt(`${m[2]}${m[3]}` || '0', 16);
    const v = mant * 2 ** (Number(m[4]) - 4 * m[3]!.length);
    return m[1] === '-' ? -v : v;
  }
  const lower = s.toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower === 'nan') return NaN;
  return undefined;
}
