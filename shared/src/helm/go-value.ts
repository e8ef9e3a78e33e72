/**
 * The JavaScript shapes of Go values that the Helm renderer passes around: null-prototype objects
 * for `map[string]interface{}`, arrays for slices, numbers for float64 (what Helm reads YAML and JSON
 * numbers as), bigints for int64 (`--set` integers), strings, booleans and null for nil.
 */
export type GoValue = null | boolean | number | bigint | string | GoValue[] | GoMap;
/** A Go `map[string]interface{}`. */
export interface GoMap {
  [key: string]: GoValue;
}

/** A new empty map (null prototype, so that keys such as `__proto__` are plain keys). */
export function newMap(): GoMap {
  return Object.create(null) as GoMap;
}

/** True for a values map (a plain or null-prototype object, not an array). */
export function isMap(v: unknown): v is GoMap {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === null || proto === Object.prototype;
}

/** Own key lookup that never reaches a prototype. */
export function hasKey(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** Deep copy of maps and slices (scalars are shared), as Helm's copystructure. */
export function deepCopy<T extends GoValue>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T;
  if (isMap(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]!);
    return out as T;
  }
  return v;
}

/** Converts plain JS data (from JSON.parse or tests) into Go values: objects become null-prototype maps. */
export function toGo(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(toGo);
  if (typeof v === 'object') {
    if (v instanceof Uint8Array) return Array.from(v);
    const out = newMap();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toGo(x);
    return out;
  }
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint') return v;
  return String(v);
}
