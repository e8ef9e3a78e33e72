// Ported from Go's src/fmt/print.go: Sprint, Sprintln and Sprintf with their verbs, argument
// indexes and error forms (%!v(MISSING), %!(EXTRA …), %!d(string=x)); fmt-format.ts has format.go.
// Copyright 2009 The Go Authors; BSD licence, see LICENSE-GO.md.
// Differences: %p prints a fixed stand-in address (a rendered chart must not change between runs);
// %x/%X on floats and complex numbers are not supported (they print as %g).
import { type Flags, clearFlags, floatText, hexText, integerText, lowerDigits, padText, quotedText, truncateText, unicodeText, upperDigits, validRune } from './fmt-format';
import { goQuote, goQuoteRune } from './quote';
import { GoStruct, isGoMap, sortedKeys, typeName, utf8Bytes } from './values';

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

  /** Pads to the width (format.go pad). */
  private pad(s: string): void {
    this.out.push(padText(s, this.f));
  }

  private fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.pad(goQuote(s));
        else this.pad(truncateText(s, this.f));
        return;
      case 's': this.pad(truncateText(s, this.f)); return;
      case 'x': this.out.push(hexText(utf8Bytes(truncateText(s, this.f)), '0123456789abcdefx', this.f)); return;
      case 'X': this.out.push(hexText(utf8Bytes(truncateText(s, this.f)), '0123456789ABCDEFX', this.f)); return;
      case 'q': this.out.push(quotedText(s, this.f)); return;
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
      case 's': this.pad(truncateText(new TextDecoder().decode(b), this.f)); return;
      case 'x': this.out.push(hexText(b, '0123456789abcdefx', this.f)); return;
      case 'X': this.out.push(hexText(b, '0123456789ABCDEFX', this.f)); return;
      case 'q': this.out.push(quotedText(new TextDecoder().decode(b), this.f)); return;
      default: this.printValue(Array.from(b, (x) => BigInt(x)), verb, 0);
    }
  }

  private fmtInteger(n: bigint, verb: string, arg: unknown): void {
    switch (verb) {
      case 'v': case 'd': this.out.push(integerText(n, 10, verb, lowerDigits, this.f)); return;
      case 'b': this.out.push(integerText(n, 2, verb, lowerDigits, this.f)); return;
      case 'o': case 'O': this.out.push(integerText(n, 8, verb, lowerDigits, this.f)); return;
      case 'x': this.out.push(integerText(n, 16, verb, lowerDigits, this.f)); return;
      case 'X': this.out.push(integerText(n, 16, verb, upperDigits, this.f)); return;
      case 'c': this.pad(String.fromCodePoint(validRune(n))); return;
      case 'q': this.pad(goQuoteRune(validRune(n), this.f.plus)); return;
      case 'U': this.out.push(unicodeText(n, this.f)); return;
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        // Go prints an integer with a float verb as a bad verb
        this.badVerb(verb, arg);
        return;
      default: this.badVerb(verb, arg);
    }
  }

  private fmtFloatVerb(v: number, verb: string): void {
    switch (verb) {
      case 'v': this.out.push(floatText(v, 'g', -1, this.f)); return;
      case 'b': case 'g': case 'G': case 'x': case 'X':
        this.out.push(floatText(v, verb === 'G' || verb === 'X' ? 'G' : 'g', this.f.precPresent ? this.f.prec : -1, this.f));
        return;
      case 'f': case 'e': case 'E': case 'F':
        this.out.push(floatText(v, verb === 'F' ? 'f' : verb, this.f.precPresent ? this.f.prec : 6, this.f));
        return;
      default: this.badVerb(verb, v);
    }
  }


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
