// Sprig's number functions (Masterminds/sprig v3 numeric.go): integer arithmetic through
// cast.ToInt64, float arithmetic through shopspring/decimal, seq/until/untilStep, round.
// Sprig: MIT licence, Copyright (C) 2013-2020 Masterminds.
import { fail } from '../template/exec';
import { type FuncMap, goFunc } from '../template/func';
import { toFloat64, toInt64, wrapInt64 } from './convert';

/** A decimal number: mantissa × 10^exp, made from a float's shortest digits as decimal.NewFromFloat does. */
interface Decimal {
  m: bigint;
  e: number;
}

function toDecimal(f: number): Decimal {
  if (!Number.isFinite(f)) fail(`Cannot create a Decimal from ${f}`);
  const [mant, exp] = f.toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '').replace('-', '');
  const frac = (mant.split('.')[1] ?? '').length;
  return { m: BigInt((f < 0 ? '-' : '') + digits), e: Number(exp) - frac };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e];
}

function decToFloat(d: Decimal): number {
  return Number(`${d.m}e${d.e}`);
}

type DecOp = (a: Decimal, b: Decimal) => Decimal;

const decAdd: DecOp = (a, b) => {
  const [x, y, e] = align(a, b);
  return { m: x + y, e };
};
const decSub: DecOp = (a, b) => {
  const [x, y, e] = align(a, b);
  return { m: x - y, e };
};
const decMul: DecOp = (a, b) => ({ m: a.m * b.m, e: a.e + b.e });
/** decimal.Div: rounded half away from zero to 16 decimal places (DivisionPrecision). */
const decDiv: DecOp = (a, b) => {
  if (b.m === 0n) fail('decimal division by 0');
  const scale = 16;
  // a/b = (a.m / b.m) × 10^(a.e - b.e); compute with `scale` fractional digits
  const shift = scale + a.e - b.e;
  let num = a.m;
  let den = b.m;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const neg = num < 0n !== den < 0n;
  const an = num < 0n ? -num : num;
  const ad = den < 0n ? -den : den;
  let q = an / ad;
  if ((an % ad) * 2n >= ad) q += 1n;
  return { m: neg ? -q : q, e: -scale };
};

/** execDecimalOp: folds the arguments (cast to float64) with a decimal operation. */
function decimalFold(first: unknown, rest: unknown[], op: DecOp): number {
  let acc = toDecimal(toFloat64(first));
  for (const x of rest) acc = op(acc, toDecimal(toFloat64(x)));
  return decToFloat(acc);
}

/** untilStep: start, start+step, … up to (not including) stop. */
export function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const v: bigint[] = [];
  const limit = 10_000_000;
  if (stop < start) {
    if (step >= 0n) return v;
    for (let i = start; i > stop; i += step) {
      v.push(i);
      if (v.length > limit) fail('untilStep: too many elements');
    }
    return v;
  }
  if (step <= 0n) return v;
  for (let i = start; i < stop; i += step) {
    v.push(i);
    if (v.length > limit) fail('untilStep: too many elements');
  }
  return v;
}

function seq(...params: bigint[]): string {
  let increment = 1n;
  const join = (v: bigint[]): string => v.join(' ');
  switch (params.length) {
    case 1: {
      const start = 1n;
      const end = params[0]!;
      if (end < start) increment = -1n;
      return join(untilStep(start, end + increment, increment));
    }
    case 3: {
      const [start, step, end] = params as [bigint, bigint, bigint];
      if (end < start) {
        increment = -1n;
        if (step > 0n) return '';
      }
      return join(untilStep(start, end + increment, step));
    }
    case 2: {
      const [start, end] = params as [bigint, bigint];
      const step = end < start ? -1n : 1n;
      return join(untilStep(start, end + step, step));
    }
    default:
      return '';
  }
}

function round(a: unknown, p: bigint, ...rOpt: number[]): number {
  const roundOn = rOpt.length > 0 ? rOpt[0]! : 0.5;
  const val = toFloat64(a);
  const pow = 10 ** Number(p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function intDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) fail('runtime error: integer divide by zero');
  return wrapInt64(a / b);
}

function intMod(a: bigint, b: bigint): bigint {
  if (b === 0n) fail('runtime error: integer divide by zero');
  return a % b;
}

function maxInt(a: unknown, ...rest: unknown[]): bigint {
  let m = toInt64(a);
  for (const x of rest) {
    const v = toInt64(x);
    if (v > m) m = v;
  }
  return m;
}

function minInt(a: unknown, ...rest: unknown[]): bigint {
  let m = toInt64(a);
  for (const x of rest) {
    const v = toInt64(x);
    if (v < m) m = v;
  }
  return m;
}

const A = 'any' as const;

/** Sprig's number functions. */
export function numberFuncs(): FuncMap {
  return {
    add1: goFunc([A], undefined, (i: unknown) => wrapInt64(toInt64(i) + 1n)),
    add: goFunc([], A, (...i: unknown[]) => i.reduce<bigint>((s, x) => wrapInt64(s + toInt64(x)), 0n)),
    sub: goFunc([A, A], undefined, (a: unknown, b: unknown) => wrapInt64(toInt64(a) - toInt64(b))),
    div: goFunc([A, A], undefined, (a: unknown, b: unknown) => intDiv(toInt64(a), toInt64(b))),
    mod: goFunc([A, A], undefined, (a: unknown, b: unknown) => intMod(toInt64(a), toInt64(b))),
    mul: goFunc([A], A, (a: unknown, ...v: unknown[]) => v.reduce<bigint>((s, x) => wrapInt64(s * toInt64(x)), toInt64(a))),
    max: goFunc([A], A, maxInt),
    biggest: goFunc([A], A, maxInt),
    min: goFunc([A], A, minInt),
    add1f: goFunc([A], undefined, (i: unknown) => decimalFold(i, [1], decAdd)),
    addf: goFunc([], A, (...i: unknown[]) => decimalFold(0, i, decAdd)),
    subf: goFunc([A], A, (a: unknown, ...v: unknown[]) => decimalFold(a, v, decSub)),
    divf: goFunc([A], A, (a: unknown, ...v: unknown[]) => decimalFold(a, v, decDiv)),
    mulf: goFunc([A], A, (a: unknown, ...v: unknown[]) => decimalFold(a, v, decMul)),
    maxf: goFunc([A], A, (a: unknown, ...v: unknown[]) => v.reduce<number>((m, x) => Math.max(m, toFloat64(x)), toFloat64(a))),
    minf: goFunc([A], A, (a: unknown, ...v: unknown[]) => v.reduce<number>((m, x) => Math.min(m, toFloat64(x)), toFloat64(a))),
    floor: goFunc([A], undefined, (a: unknown) => Math.floor(toFloat64(a))),
    ceil: goFunc([A], undefined, (a: unknown) => Math.ceil(toFloat64(a))),
    round: goFunc([A, 'int'], 'float64', round),
    int: goFunc([A], undefined, toInt64),
    int64: goFunc([A], undefined, toInt64),
    float64: goFunc([A], undefined, toFloat64),
    atoi: goFunc(['string'], undefined, (s: string) => (/^[+-]?\d+$/.test(s) ? wrapInt64(BigInt(s)) : 0n)),
    toDecimal: goFunc([A], undefined, (v: unknown) => {
      const s = typeof v === 'string' ? v : String(v);
      return /^[+-]?[0-7]+$/.test(s) ? BigInt.asIntN(64, BigInt(`0o${s.replace(/^[+-]/, '')}`) * (s.startsWith('-') ? -1n : 1n)) : 0n;
    }),
    seq: goFunc([], 'int', seq),
    until: goFunc(['int'], undefined, (count: bigint) => untilStep(0n, count, count < 0n ? -1n : 1n)),
    untilStep: goFunc(['int', 'int', 'int'], undefined, untilStep),
  };
}
