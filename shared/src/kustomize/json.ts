/** A JSON-like value, the form every resource takes inside the builder. */
export type Json = null | boolean | number | string | Json[] | JsonMap;
/** A JSON object; created without a prototype so that any key (even `__proto__`) is plain data. */
export interface JsonMap {
  [key: string]: Json;
}

/** A new empty object without a prototype. */
export function newMap(): JsonMap {
  return Object.create(null) as JsonMap;
}

/** True for a JSON object (not an array, not null). */
export function isMap(v: Json | undefined): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A deep copy of a JSON value. */
export function clone<T extends Json>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isMap(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = clone(v[k]!);
    return out as T;
  }
  return v;
}

/** Deep equality of two JSON values. */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The value at a dotted path of map keys, or undefined. */
export function getIn(v: Json | undefined, ...keys: string[]): Json | undefined {
  let cur = v;
  for (const k of keys) {
    if (!isMap(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** The string at a path of map keys, or '' when it is missing or no string. */
export function getString(v: Json | undefined, ...keys: string[]): string {
  const s = getIn(v, ...keys);
  return typeof s === 'string' ? s : '';
}

/** The map at `key` of `obj`, created when missing or null. */
export function ensureMap(obj: JsonMap, key: string): JsonMap {
  const cur = obj[key];
  if (isMap(cur)) return cur;
  const m = newMap();
  obj[key] = m;
  return m;
}
