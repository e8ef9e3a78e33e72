// Sprig's dictionary, default and reflection functions (Masterminds/sprig v3 dict.go,
// defaults.go, reflect.go; merge and mergeOverwrite after imdario/mergo's map merge, deepCopy after
// mitchellh/copystructure). Sprig: MIT licence, Copyright (C) 2013-2020 Masterminds.
import { fail } from '../template/exec';
import { sprintf } from '../template/fmt';
import { type FuncMap, goFunc } from '../template/func';
import { GoStruct, isGoMap, kindOf, sortedKeys, typeName } from '../template/values';
import { deepEqual, empty, newMap, strval } from './convert';

type Dict = Record<string, unknown>;

function dict(...v: unknown[]): Dict {
  const d = newMap();
  for (let i = 0; i < v.length; i += 2) {
    const key = strval(v[i]);
    d[key] = i + 1 >= v.length ? '' : v[i + 1];
  }
  return d;
}

function has(d: Dict | null, key: string): boolean {
  return d !== null && Object.prototype.hasOwnProperty.call(d, key);
}

/** A map argument that may be nil (a nil map reads as empty; writing to it fails as in Go). */
function writable(d: Dict | null): Dict {
  if (d === null) fail('assignment to entry in nil map');
  return d;
}

/** mergo's isEmptyValue for map elements. */
function isEmptyValue(v: unknown): boolean {
  return empty(v);
}

/** mergo.Merge / MergeWithOverwrite of one map into another (dst changed in place). */
export function mergeInto(dst: Dict, src: Dict, overwrite: boolean, depth = 0): void {
  if (depth > 100) fail('merge: maps nested too deeply');
  for (const key of Object.keys(src)) {
    const s = src[key];
    // a nil source value is skipped, or set when overwriting
    if (s === null || s === undefined) {
      if (overwrite) dst[key] = null;
      continue;
    }
    const present = Object.prototype.hasOwnProperty.call(dst, key);
    const d = present ? dst[key] : undefined;
    if (isGoMap(s) && isGoMap(d)) {
      mergeInto(d, s, overwrite, depth + 1);
      continue;
    }
    // an empty source slice never replaces a filled one (mergo copies a slice only when the source has elements)
    if (Array.isArray(s) && s.length === 0 && present && !isEmptyValue(d)) continue;
    if (!present || d === null || isEmptyValue(d) || overwrite) dst[key] = s;
  }
}

/** copystructure.Copy: maps and slices copied deeply, other values shared. */
export function deepCopyValue(v: unknown, depth = 0): unknown {
  if (depth > 1000) fail('deepCopy: value nested too deeply');
  if (Array.isArray(v)) return v.map((x) => deepCopyValue(x, depth + 1));
  if (v instanceof Uint8Array) return v.slice();
  if (isGoMap(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = deepCopyValue(v[k], depth + 1);
    return out;
  }
  return v;
}

function dig(...ps: unknown[]): unknown {
  if (ps.length < 3) fail('dig needs at least three arguments');
  const d = ps[ps.length - 1];
  if (!isGoMap(d)) fail(`interface conversion: interface {} is ${typeName(d)}, not map[string]interface {}`);
  const def = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') fail(`interface conversion: interface {} is ${typeName(k)}, not string`);
    return k;
  });
  let cur: Dict = d;
  for (let i = 0; i < keys.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(cur, keys[i]!)) return def;
    const step = cur[keys[i]!];
    if (i === keys.length - 1) return step;
    if (!isGoMap(step)) fail(`interface conversion: interface {} is ${typeName(step)}, not map[string]interface {}`);
    cur = step;
  }
  return def;
}

/** fmt's %T of a value, which Sprig's typeOf returns. */
function typeOf(v: unknown): string {
  return sprintf('%T', [v]);
}

const M = 'map' as const;
const S = 'string' as const;
const A = 'any' as const;

/** Sprig's dict, default and reflection functions. */
export function dictFuncs(): FuncMap {
  const merge = (overwrite: boolean) => (dst: Dict | null, ...srcs: (Dict | null)[]): Dict => {
    const d = dst ?? newMap();
    for (const s of srcs) if (s) mergeInto(d, s, overwrite);
    return d;
  };
  return {
    dict: goFunc([], A, dict),
    get: goFunc([M, S], undefined, (d: Dict | null, key: string) => (has(d, key) ? d![key] : '')),
    set: goFunc([M, S, A], undefined, (d: Dict | null, key: string, value: unknown) => {
      writable(d)[key] = value;
      return d;
    }),
    unset: goFunc([M, S], undefined, (d: Dict | null, key: string) => {
      if (d) delete d[key];
      return d;
    }),
    hasKey: goFunc([M, S], undefined, has),
    pluck: goFunc([S], M, (name: string, ...ds: (Dict | null)[]) => ds.filter((d) => has(d, name)).map((d) => d![name])),
    keys: goFunc([], M, (...ds: (Dict | null)[]) => ds.flatMap((d) => (d ? sortedKeys(d) : []))),
    values: goFunc([M], undefined, (d: Dict | null) => (d ? sortedKeys(d).map((k) => d[k]) : [])),
    pick: goFunc([M], S, (d: Dict | null, ...keys: string[]) => {
      const out = newMap();
      for (const k of keys) if (has(d, k)) out[k] = d![k];
      return out;
    }),
    omit: goFunc([M], S, (d: Dict | null, ...keys: string[]) => {
      const out = newMap();
      if (d) for (const k of Object.keys(d)) if (!keys.includes(k)) out[k] = d[k];
      return out;
    }),
    dig: goFunc([], A, dig),
    merge: goFunc([M], M, merge(false)),
    mustMerge: goFunc([M], M, merge(false)),
    mergeOverwrite: goFunc([M], M, merge(true)),
    mustMergeOverwrite: goFunc([M], M, merge(true)),
    deepCopy: goFunc([A], undefined, (v: unknown) => {
      if (v === null) fail('reflect: call of reflect.Value.Type on zero Value');
      return deepCopyValue(v);
    }),
    mustDeepCopy: goFunc([A], undefined, (v: unknown) => {
      if (v === null) fail('copy: Called on nil value');
      return deepCopyValue(v);
    }),
    default: goFunc([A], A, (d: unknown, ...given: unknown[]) => (given.length === 0 || empty(given[0]) ? d : given[0])),
    empty: goFunc([A], undefined, empty),
    coalesce: goFunc([], A, (...v: unknown[]) => v.find((x) => !empty(x)) ?? null),
    all: goFunc([], A, (...v: unknown[]) => v.every((x) => !empty(x))),
    any: goFunc([], A, (...v: unknown[]) => v.some((x) => !empty(x))),
    ternary: goFunc([A, A, 'bool'], undefined, (t: unknown, f: unknown, c: boolean) => (c ? t : f)),
    kindOf: goFunc([A], undefined, (v: unknown) => kindOf(v)),
    kindIs: goFunc([S, A], undefined, (target: string, v: unknown) => kindOf(v) === target),
    typeOf: goFunc([A], undefined, typeOf),
    typeIs: goFunc([S, A], undefined, (target: string, v: unknown) => typeOf(v) === target),
    typeIsLike: goFunc([S, A], undefined, (target: string, v: unknown) => {
      const t = typeOf(v);
      return target === t || `*${target}` === t;
    }),
    deepEqual: goFunc([A, A], undefined, deepEqual),
  };
}

/** True for a value that is a struct made with goStruct (used by the JSON encoder). */
export function isStruct(v: unknown): v is GoStruct {
  return v instanceof GoStruct;
}
