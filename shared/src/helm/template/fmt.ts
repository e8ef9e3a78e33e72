// Ported from Go's src/fmt/print.go and src/fmt/format.go: Sprint, Sprintln and Sprintf with
// their verbs, flags, widths, precisions and error forms (%!v(MISSING), %!(EXTRA …), %!d(string=x)).
// Copyright 2009 The Go Authors; BSD licence, see LICENSE-GO.md.
// Differences: %p prints a fixed stand-in address (a rendered chart must not change between runs);
// %x/%X on floats and complex numbers are not supported (they print as %g).
import { formatFloat } from './float';
import { goQuote, goQuoteRune, isPrint } from './quote';
import { GoStruct, isGoMap, sortedKeys, typeName, utf8Bytes } from './values';

interface Flags {
  plus: boolean; minus: boolean; sharp: boolean; space: boolean; zero: boolean;
  plusV: boolean; sharpV: boolean;
  wid: number; widPresent: boolean; prec: number; precPresent: boolean;
}

function clearFlags(): Flags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false, wid: 0, widPresent: false, prec: 0, precPresent: false };
}

/** fmt.Sprint: operands in their default format; a space between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.out.push(' ');
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.out.join('');
}

/** fmt.Sprintln: operands separated by spaces, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.out.push(' ');
    p.printArg(arg, 'v');
  });
  p.out.push('\n');
  return p.out.join('');
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.out.join('');
}

/** The default (%v) text of one value, as {{ }} prints it. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  const p = new Printer();
  p.printArg(v, 'v');
  return p.out.join('');
}

class Printer {
  readonly out: string[] = [];
  f: Flags = clearFlags();
  private reordered = false;
  private goodArgNum = true;

  doPrintf(format: string, a: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    let i = 0;
    formatLoop: while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.out.push(format.slice(lasti, i));
      if (i >= end) break;
      i++; // the '%'
      this.f = clearFlags();
      simple: for (; i < end; i++) {
        const c = format[i]!;
        switch (c) {
          case '#': this.f.sharp = true; break;
          case '0': this.f.zero = true; break;
          case '+': this.f.plus = true; break;
          case '-': this.f.minus = true; break;
          case ' ': this.f.space = true; break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v') {
                this.f.sharpV = this.f.sharp;
                this.f.sharp = false;
                this.f.plusV = this.f.plus;
                this.f.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      ({ argNum, i, afterIndex } = this.argNumber(argNum, format, i, a.length));
      if (i < end && format[i] === '*') {
        i++;
        const r = intFromArg(a, argNum);
        this.f.wid = r.num;
        this.f.widPresent = r.isInt;
        argNum = r.newArgNum;
        if (!this.f.widPresent) this.out.push('%!(BADWIDTH)');
        if (this.f.wid < 0) {
          this.f.wid = -this.f.wid;
          this.f.minus = true;
          this.f.zero = false;
        }
        afterIndex = false;
      } else {
        const r = parseNum(format, i, end);
        this.f.wid = r.num;
        this.f.widPresent = r.isNum;
        i = r.newi;
        if (afterIndex && this.f.widPresent) this.goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        ({ argNum, i, afterIndex } = this.argNumber(argNum, format, i, a.length));
        if (i < end && format[i] === '*') {
          i++;
          const r = intFromArg(a, argNum);
          this.f.prec = r.num;
          this.f.precPresent = r.isInt;
          argNum = r.newArgNum;
          if (this.f.prec < 0) {
            this.f.prec = 0;
            this.f.precPresent = false;
          }
          if (!this.f.precPresent) this.out.push('%!(BADPREC)');
          afterIndex = false;
        } else {
          const r = parseNum(format, i, end);
          this.f.prec = r.num;
          this.f.precPresent = r.isNum;
          i = r.newi;
          if (!this.f.precPresent) {
            this.f.prec = 0;
            this.f.precPresent = true;
          }
        }
      }
      if (!afterIndex) ({ argNum, i, afterIndex } = this.argNumber(argNum, format, i, a.length));
      if (i >= end) {
        this.out.push('%!(NOVERB)');
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;
      if (verb === '%') this.out.push('%');
      else if (!this.goodArgNum) this.badArgNum(verb);
      else if (argNum >= a.length) this.out.push(`%!${verb}(MISSING)`);
      else {
        if (verb === 'v') {
          this.f.sharpV = this.f.sharp;
          this.f.sharp = false;
          this.f.plusV = this.f.plus;
          this.f.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!this.reordered && argNum < a.length) {
      this.f = clearFlags();
      this.out.push('%!(EXTRA ');
      a.slice(argNum).forEach((arg, k) => {
        if (k > 0) this.out.push(', ');
        if (arg === null || arg === undefined) this.out.push('<nil>');
        else {
          this.out.push(typeName(arg), '=');
          this.printArg(arg, 'v');
        }
      });
      this.out.push(')');
    }
  }

  private argNumber(argNum: number, format: string, i: number, numArgs: number): { argNum: number; i: number; afterIndex: boolean } {
    if (format.length <= i || format[i] !== '[') return { argNum, i, afterIndex: false };
    this.reordered = true;
    const { index, wid, ok } = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return { argNum: index, i: i + wid, afterIndex: true };
    this.goodArgNum = false;
    return { argNum, i: i + wid, afterIndex: ok };
  }

  private badArgNum(verb: string): void {
    this.out.push(`%!${verb}(BADINDEX)`);
  }

  private badVerb(verb: string, arg: unknown): void {
    this.out.push('%!', verb, '(');
    if (arg === null || arg === undefined) this.out.push('<nil>');
    else {
      this.out.push(typeName(arg), '=');
      this.printArg(arg, 'v');
    }
    this.out.push(')');
  }

  printArg(arg: unknown, verb: string): void {
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtString(typeName(arg), 's');
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, verb);
      return;
    }
    this.printValue(arg, verb, 0);
  }

  private printValue(v: unknown, verb: string, depth: number): void {
    if (v === null || v === undefined) {
      if (depth === 0) this.printArg(v, verb);
      else if (verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, v);
      return;
    }
    switch (typeof v) {
      case 'boolean':
        if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
        else this.badVerb(verb, v);
        return;
      case 'bigint':
        this.fmtInteger(v, verb, v);
        return;
      case 'number':
        this.fmtFloatVerb(v, verb);
        return;
      case 'string':
        this.fmtString(v, verb);
        return;
      case 'function':
        this.fmtPointer(v, verb);
        return;
    }
    if (v instanceof GoStruct) {
      if (v.options.stringer && 'vsxXq'.includes(verb) && !this.f.sharpV) {
        this.fmtString(v.options.stringer(), verb);
        return;
      }
      if (v.options.underlying !== undefined) {
        this.printValue(v.options.underlying, verb, depth);
        return;
      }
      if (v.options.pointer) {
        if (depth > 0) {
          this.fmtPointer(v, verb);
          return;
        }
        this.out.push('&');
      }
      this.out.push('{');
      Object.entries(v.fields).filter(([, x]) => typeof x !== 'function').forEach(([name, x], i) => {
        if (i > 0) this.out.push(' ');
        if (this.f.plusV) this.out.push(name, ':');
        this.printValue(x, verb, depth + 1);
      });
      this.out.push('}');
      return;
    }
    if (v instanceof Uint8Array) {
      this.fmtBytes(v, verb);
      return;
    }
    if (Array.isArray(v)) {
      this.out.push('[');
      v.forEach((x, i) => {
        if (i > 0) this.out.push(' ');
        this.printValue(x, verb, depth + 1);
      });
      this.out.push(']');
      return;
    }
    if (isGoMap(v)) {
      this.out.push('map[');
      sortedKeys(v).forEach((k, i) => {
        if (i > 0) this.out.push(' ');
        this.printValue(k, verb, depth + 1);
        this.out.push(':');
        this.printValue(v[k], verb, depth + 1);
      });
      this.out.push(']');
      return;
    }
    this.pad(String(v));
  }

  private fmtPointer(v: unknown, verb: string): void {
    // a fixed address: the output must not differ between runs
    const address = '0xc000010000';
    if (verb === 'v' || verb === 'p') this.pad(address);
    else if (verb === 'x' || verb === 'X' || verb === 'd' || verb === 'o' || verb === 'b') this.fmtInteger(0xc000010000n, verb, v);
    else this.badVerb(verb, v);
  }

  /** Pads to the width with spaces (or zeros, with the 0 flag and no minus), counting runes. */
  private pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.out.push(s);
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (width <= 0) {
      this.out.push(s);
      return;
    }
    const padding = (this.f.zero && !this.f.minus ? '0' : ' ').repeat(width);
    if (this.f.minus) this.out.push(s, padding);
    else this.out.push(padding, s);
  }

  private truncate(s: string): string {
    if (this.f.precPresent) {
      const runes = Array.from(s);
      if (runes.length > this.f.prec) return runes.slice(0, this.f.prec).join('');
    }
    return s;
  }

  private fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.pad(goQuote(s));
        else this.pad(this.truncate(s));
        return;
      case 's': this.pad(this.truncate(s)); return;
      case 'x': this.fmtSbx(utf8Bytes(this.truncate(s)), '0123456789abcdefx'); return;
      case 'X': this.fmtSbx(utf8Bytes(this.truncate(s)), '0123456789ABCDEFX'); return;
      case 'q': this.fmtQ(s); return;
      default: this.badVerb(verb, s);
    }
  }

  private fmtBytes(b: Uint8Array, verb: string): void {
    switch (verb) {
      case 'v': case 'd': {
        this.out.push('[');
        b.forEach((x, i) => {
          if (i > 0) this.out.push(' ');
          this.fmtInteger(BigInt(x), verb === 'v' ? 'd' : verb, x);
        });
        this.out.push(']');
        return;
      }
      case 's': this.pad(this.truncate(new TextDecoder().decode(b))); return;
      case 'x': this.fmtSbx(b, '0123456789abcdefx'); return;
      case 'X': this.fmtSbx(b, '0123456789ABCDEFX'); return;
      case 'q': this.fmtQ(new TextDecoder().decode(b)); return;
      default: this.printValue(Array.from(b, (x) => BigInt(x)), verb, 0);
    }
  }

  /** format.go fmtSbx: hex of bytes, with "% x" spacing and "#" prefixes. */
  private fmtSbx(bytes: Uint8Array, digits: string): void {
    let length = bytes.length;
    if (this.f.precPresent && this.f.prec < length) length = this.f.prec;
    const parts: string[] = [];
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) parts.push(' ');
      if (this.f.sharp && (this.f.space || i === 0)) parts.push('0', digits[16]!);
      const c = bytes[i]!;
      parts.push(digits[c >> 4]!, digits[c & 0xf]!);
    }
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(parts.join(''));
    this.f.zero = zero;
  }

  private fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.f.sharp && canBackquote(s)) this.pad('`' + s + '`');
    else this.pad(goQuote(s, this.f.plus));
  }

  private fmtInteger(n: bigint, verb: string, arg: unknown): void {
    switch (verb) {
      case 'v': case 'd': this.fmtIntegerBase(n, 10, verb, '0123456789abcdefx'); return;
      case 'b': this.fmtIntegerBase(n, 2, verb, '0123456789abcdefx'); return;
      case 'o': case 'O': this.fmtIntegerBase(n, 8, verb, '0123456789abcdefx'); return;
      case 'x': this.fmtIntegerBase(n, 16, verb, '0123456789abcdefx'); return;
      case 'X': this.fmtIntegerBase(n, 16, verb, '0123456789ABCDEFX'); return;
      case 'c': this.pad(String.fromCodePoint(validRune(n))); return;
      case 'q': this.pad(goQuoteRune(validRune(n), this.f.plus)); return;
      case 'U': {
        const hex = (n < 0n ? -n : n).toString(16).toUpperCase().padStart(Math.max(4, this.f.precPresent ? this.f.prec : 0), '0');
        let s = `U+${hex}`;
        const r = validRune(n);
        if (this.f.sharp && n >= 0n && n <= 0x10ffffn && isPrint(String.fromCodePoint(r))) s += ` '${String.fromCodePoint(r)}'`;
        const zero = this.f.zero;
        this.f.zero = false;
        this.pad(s);
        this.f.zero = zero;
        return;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        // Go prints an integer with a float verb as a bad verb
        this.badVerb(verb, arg);
        return;
      default: this.badVerb(verb, arg);
    }
  }

  /** format.go fmtInteger. */
  private fmtIntegerBase(value: bigint, base: number, verb: string, digits: string): void {
    const negative = value < 0n;
    const u = negative ? -value : value;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const zero = this.f.zero;
        this.f.zero = false;
        this.pad('');
        this.f.zero = zero;
        return;
      }
    } else if (this.f.zero && !this.f.minus && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let s = u.toString(base);
    if (digits[10] === 'A') s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.f.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8 && s[0] !== '0') s = '0' + s;
      else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.f.plus) s = '+' + s;
    else if (this.f.space) s = ' ' + s;
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = zero;
  }

  private fmtFloatVerb(v: number, verb: string): void {
    switch (verb) {
      case 'v': this.fmtFloat(v, 'g', -1); return;
      case 'b': case 'g': case 'G': case 'x': case 'X':
        this.fmtFloat(v, verb === 'G' || verb === 'X' ? 'G' : 'g', this.f.precPresent ? this.f.prec : -1);
        return;
      case 'f': case 'e': case 'E': case 'F':
        this.fmtFloat(v, verb === 'F' ? 'f' : verb, this.f.precPresent ? this.f.prec : 6);
        return;
      default: this.badVerb(verb, v);
    }
  }

  /** format.go fmtFloat: sign handling, padding with zeros after the sign, Inf and NaN. */
  private fmtFloat(v: number, verb: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): void {
    let num = formatFloat(v, verb, prec);
    if (num[0] === '-' || num[0] === '+') {
      // sign already present
    } else num = '+' + num;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const zero = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = zero;
      return;
    }
    if (this.f.sharp && verb !== 'f' && !num.includes('.')) {
      // %#g keeps a decimal point
      const e = num.search(/[eE]/);
      num = e < 0 ? num + '.' : num.slice(0, e) + '.' + num.slice(e);
    }
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && !this.f.minus && this.f.widPresent && this.f.wid > num.length) {
        this.out.push(num[0]!, '0'.repeat(this.f.wid - num.length), num.slice(1));
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }
}

function validRune(n: bigint): number {
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

function parseNum(s: string, start: number, end: number): { num: number; isNum: boolean; newi: number } {
  if (start >= end) return { num: 0, isNum: false, newi: end };
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end && s[i]! >= '0' && s[i]! <= '9'; i++) {
    if (num > 1e6) return { num: 0, isNum: false, newi: end }; // overflow
    num = num * 10 + (s.charCodeAt(i) - 48);
    isNum = true;
  }
  return { num, isNum, newi: i };
}

function parseArgNumber(format: string): { index: number; wid: number; ok: boolean } {
  if (format.length < 3) return { index: 0, wid: 1, ok: false };
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const { num, isNum, newi } = parseNum(format, 1, i);
      if (!isNum || newi !== i) return { index: 0, wid: i + 1, ok: false };
      return { index: num - 1, wid: i + 1, ok: true };
    }
  }
  return { index: 0, wid: 1, ok: false };
}

function intFromArg(a: readonly unknown[], argNum: number): { num: number; isInt: boolean; newArgNum: number } {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const v = a[argNum];
    if (typeof v === 'bigint') {
      isInt = true;
      num = Number(v);
      if (num > 1e6 || num < -1e6) {
        num = 0;
        isInt = false;
      }
    }
    newArgNum = argNum + 1;
  }
  return { num, isInt, newArgNum };
}
