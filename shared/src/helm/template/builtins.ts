// Ported from Go's src/text/template/funcs.go: the predefined functions (and, or, not, len, index,
// slice, print, printf, println, html, js, urlquery, call, eq, ne, lt, le, gt, ge).
// Copyright 2011 The Go Authors; BSD licence, see LICENSE-GO.md.
import { fail } from './exec';
import { sprint, sprintf, sprintln } from './fmt';
import { type FuncMap, type GoFunc, goFunc } from './func';
import { isPrint } from './quote';
import { GoStruct, isGoMap, isTrue, lengthOf, typeName, underlying, utf8Bytes, utf8String } from './values';

type BasicKind = 'invalid' | 'bool' | 'int' | 'float' | 'string' | 'complex';

function basicKind(v: unknown): BasicKind {
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'string': return 'string';
  }
  return 'invalid';
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

/** indirectInterface: a nil interface is no value; a named type is its underlying value. */
function ind(v: unknown): unknown {
  return v === null ? undefined : underlying(v);
}

function isNilValue(v: unknown): boolean {
  return v === undefined || v === null;
}

/** eq: arg1 == arg2 || arg1 == arg3 …, with Go's rules on basic kinds. */
export function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  arg1 = ind(arg1);
  if (arg2.length === 0) fail(errNoComparison);
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = ind(arg);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (arg1 !== undefined && arg !== undefined) fail(errBadComparison);
    } else if (k1 !== 'invalid') {
      truth = arg1 === arg;
    } else {
      // non-basic kinds: only nil compares
      const kindA = kindName(arg1);
      const kindB = kindName(arg);
      if (kindA !== kindB && arg1 !== undefined && arg !== undefined) {
        fail(`non-comparable types ${sprint([arg1])}: ${typeName(arg1)}, ${typeName(arg)}: ${sprint([arg])}`);
      }
      if (isNilValue(arg1) || isNilValue(arg)) truth = isNilValue(arg) === isNilValue(arg1);
      else if (Array.isArray(arg) || isGoMap(arg) || arg instanceof Uint8Array || typeof arg === 'function') {
        fail(`non-comparable type ${sprint([arg])}: ${typeName(arg)}`);
      } else truth = arg1 === arg;
    }
    if (truth) return true;
  }
  return false;
}

function kindName(v: unknown): string {
  if (v === undefined) return 'invalid';
  if (v === null) return 'interface';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof GoStruct) return 'struct';
  if (typeof v === 'function') return 'func';
  return 'map';
}

/** lt: arg1 < arg2 for basic kinds of the same kind. */
export function lt(arg1: unknown, arg2: unknown): boolean {
  arg1 = ind(arg1);
  arg2 = ind(arg2);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') fail(errBadComparisonType);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') fail(errBadComparisonType);
  if (k1 !== k2) fail(errBadComparison);
  if (k1 === 'bool') fail(errBadComparisonType);
  if (k1 === 'string') return compareBytes(arg1 as string, arg2 as string) < 0;
  return (arg1 as number) < (arg2 as number);
}

function compareBytes(a: string, b: string): number {
  return a < b ? (codePointLess(a, b) ? -1 : 1) : a === b ? 0 : codePointLess(a, b) ? -1 : 1;
}

function codePointLess(a: string, b: string): boolean {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return x.length < y.length;
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

/** index: item[i][j]… of slices, strings (a byte) and maps (zero value when missing). */
export function index(item: unknown, ...indexes: unknown[]): unknown {
  let v = underlying(item);
  if (v === undefined || v === null) fail('index of untyped nil');
  for (let ix of indexes) {
    ix = underlying(ix);
    if (v === null) fail('index of nil pointer');
    v = underlying(v);
    if (typeof v === 'string' || Array.isArray(v) || v instanceof Uint8Array) {
      const bytes = typeof v === 'string' ? utf8Bytes(v) : v;
      const x = indexArg(ix, bytes.length);
      if (x === bytes.length) fail(`index out of range: ${x}`);
      v = bytes instanceof Uint8Array ? BigInt(bytes[x]!) : bytes[x];
    } else if (isGoMap(v)) {
      if (ix === undefined || ix === null) fail('value is nil; should be of type string');
      if (typeof ix !== 'string') fail(`value has type ${typeName(ix)}; should be string`);
      v = Object.prototype.hasOwnProperty.call(v, ix) ? v[ix] : null;
    } else {
      fail(`can't index item of type ${typeName(v)}`);
    }
  }
  return v;
}

function indexArg(index: unknown, cap: number): number {
  if (index === undefined || index === null) fail('cannot index slice/array with nil');
  if (typeof index !== 'bigint') fail(`cannot index slice/array with type ${typeName(index)}`);
  if (index < 0n || index > BigInt(cap)) fail(`index out of range: ${index}`);
  return Number(index);
}

/** slice: item[i:j:k] of strings (by bytes) and slices. */
export function slice(item: unknown, ...indexes: unknown[]): unknown {
  const v = underlying(item);
  if (v === undefined || v === null) fail('slice of untyped nil');
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let len: number;
  let bytes: Uint8Array | undefined;
  if (typeof v === 'string') {
    if (indexes.length === 3) fail('cannot 3-index slice a string');
    bytes = utf8Bytes(v);
    len = bytes.length;
  } else if (Array.isArray(v) || v instanceof Uint8Array) len = v.length;
  else fail(`can't slice item of type ${typeName(v)}`);
  const idx = [0, len, len];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(underlying(ix), len);
  });
  if (idx[0]! > idx[1]!) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return utf8String(bytes.slice(idx[0], idx[1]));
  return (v as unknown[] | Uint8Array).slice(idx[0], idx[1]);
}

/** len of a string (bytes), slice or map. */
export function length(item: unknown): bigint {
  if (item === null) fail('len of nil pointer');
  if (item === undefined) fail('reflect: call of reflect.Value.Type on zero Value');
  const n = lengthOf(item);
  if (n === undefined) fail(`len of type ${typeName(item)}`);
  return BigInt(n);
}

/** The text of the arguments as html, js and urlquery see it: one string as is, else fmt.Sprint. */
export function evalArgs(args: readonly unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined ? '<no value>' : a)));
}

/** template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** template.JSEscapeString. */
export function jsEscape(s: string): string {
  const out: string[] = [];
  for (const r of s) {
    const c = r.codePointAt(0)!;
    switch (r) {
      case '\\': out.push('\\\\'); continue;
      case "'": out.push("\\'"); continue;
      case '"': out.push('\\"'); continue;
      case '<': out.push('\\u003C'); continue;
      case '>': out.push('\\u003E'); continue;
      case '&': out.push('\\u0026'); continue;
      case '=': out.push('\\u003D'); continue;
    }
    if (c < 0x20) out.push(`\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`);
    else if (c < 0x80 || isPrint(r)) out.push(r);
    else out.push(`\\u${c.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return out.join('');
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  const out: string[] = [];
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out.push(c);
    else if (c === ' ') out.push('+');
    else out.push('%' + b.toString(16).toUpperCase().padStart(2, '0'));
  }
  return out.join('');
}

function call(name: string, fn: unknown, ...args: unknown[]): unknown {
  if (fn === undefined || fn === null) fail('call of nil');
  if (typeof fn !== 'function') fail(`non-function ${name} of type ${typeName(fn)}`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}

const v = 'value' as const;

/** Go's predefined template functions. `and` and `or` are evaluated by the executor (they short-circuit). */
export function builtinFuncs(): FuncMap {
  const funcs: Record<string, GoFunc> = {
    and: goFunc([v], v, (a: unknown) => a),
    or: goFunc([v], v, (a: unknown) => a),
    not: goFunc([v], undefined, (a: unknown) => !isTrue(a)),
    len: goFunc([v], undefined, length),
    index: goFunc([v], v, index),
    slice: goFunc([v], v, slice),
    call: goFunc([v], v, (...a: unknown[]) => call(a[0] as string, a[1], ...a.slice(2))),
    print: goFunc([], 'any', (...a: unknown[]) => sprint(a)),
    printf: goFunc(['string'], 'any', (f: string, ...a: unknown[]) => sprintf(f, a)),
    println: goFunc([], 'any', (...a: unknown[]) => sprintln(a)),
    html: goFunc([], 'any', (...a: unknown[]) => htmlEscape(evalArgs(a))),
    js: goFunc([], 'any', (...a: unknown[]) => jsEscape(evalArgs(a))),
    urlquery: goFunc([], 'any', (...a: unknown[]) => queryEscape(evalArgs(a))),
    eq: goFunc([v], v, eq),
    ne: goFunc([v, v], undefined, (a: unknown, b: unknown) => !eq(a, b)),
    lt: goFunc([v, v], undefined, lt),
    le: goFunc([v, v], undefined, le),
    gt: goFunc([v, v], undefined, (a: unknown, b: unknown) => !le(a, b)),
    ge: goFunc([v, v], undefined, (a: unknown, b: unknown) => !lt(a, b)),
  };
  return Object.assign(Object.create(null) as FuncMap, funcs);
}
