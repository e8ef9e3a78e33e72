// Conversions that Sprig's functions share, after Masterminds/sprig v3 (strval, strslice, empty,
// the numeric casts of spf13/cast) and reflect.DeepEqual. Sprig: MIT licence, Copyright (C) 2013-2020
// Masterminds; spf13/cast: MIT licence, Copyright (c) 2014 Steve Francia.
import { formatValue } from '../template/fmt';
import { GoStruct, isGoMap, utf8String } from '../template/values';
import { parseGoFloat, parseGoInt } from '../template/numbers';

/** strval: strings as they are, bytes decoded, Stringers through String(), everything else as %v. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return utf8String(v);
  if (v === undefined || v === null) return '<nil>';
  return formatValue(v);
}

/** strslice: a list of strings from a slice (nil elements dropped) or one value. */
export function strslice(v: unknown): string[] {
  const u = v instanceof GoStruct && v.options.underlying !== undefined ? v.options.underlying : v;
  if (Array.isArray(u)) return u.filter((x) => x !== null && x !== undefined).map(strval);
  if (u === null || u === undefined) return [];
  return [strval(u)];
}

/** Sprig's empty: nil, false, 0, "" and empty slices and maps are empty; structs never. */
export function empty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case 'boolean': return !v;
    case 'bigint': return v === 0n;
    case 'number': return v === 0;
    case 'string': return v.length === 0;
    case 'function': return false;
  }
  if (v instanceof GoStruct) return v.options.underlying !== undefined ? empty(v.options.underlying) : false;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  return Object.keys(v as object).length === 0;
}

const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);

/** Wraps to int64 as Go's integer arithmetic does. */
export function wrapInt64(n: bigint): bigint {
  return BigInt.asIntN(64, n);
}

/** cast.ToInt64: numbers truncated, strings parsed (base prefixes, a ".0" tail allowed), bools 0/1, anything else 0. */
export function toInt64(v: unknown): bigint {
  switch (typeof v) {
    case 'bigint': return v;
    case 'number': return Number.isFinite(v) ? wrapInt64(BigInt(Math.trunc(v))) : minInt64;
    case 'boolean': return v ? 1n : 0n;
    case 'string': {
      const n = parseGoInt(trimZeroDecimal(v));
      return n !== undefined && n >= minInt64 && n <= maxInt64 ? n : 0n;
    }
  }
  return 0n;
}

/** cast's trimZeroDecimal: "12.000" → "12". */
function trimZeroDecimal(s: string): string {
  const m = /^(.*)\.0+$/.exec(s);
  return m && m[1] !== '' ? m[1]! : s;
}

/** cast.ToFloat64: numbers as floats, strings parsed, bools 0/1, anything else 0. */
export function toFloat64(v: unknown): number {
  switch (typeof v) {
    case 'bigint': return Number(v);
    case 'number': return v;
    case 'boolean': return v ? 1 : 0;
    case 'string': return parseGoFloat(v) ?? 0;
  }
  return 0;
}

/** reflect.DeepEqual over template values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return a === b || (a === null && b === undefined) || (a === undefined && b === null);
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (isGoMap(a)) {
    if (!isGoMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  if (a instanceof GoStruct && b instanceof GoStruct) {
    return a.typeName === b.typeName && deepEqual({ ...a.fields }, { ...b.fields });
  }
  return false;
}

/** The elements of a slice value, or undefined for other kinds. */
export function sliceOf(v: unknown): unknown[] | undefined {
  const u = v instanceof GoStruct && v.options.underlying !== undefined ? v.options.underlying : v;
  if (Array.isArray(u)) return u;
  if (u instanceof Uint8Array) return Array.from(u, (x) => BigInt(x));
  return undefined;
}

/** A new empty map with no prototype. */
export function newMap(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}
