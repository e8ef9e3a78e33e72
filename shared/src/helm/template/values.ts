/**
 * How Go values look in JavaScript while a template runs.
 *
 * - `undefined`: an invalid reflect.Value ("no value": a missing map key, an unset variable).
 * - `null`: a nil interface{} (a map entry holding nil, a function that returned nil).
 * - plain or null-prototype objects: map[string]interface{}, iterated in sorted key order.
 * - arrays: []interface{}; `Uint8Array`: []byte.
 * - `number`: float64; `bigint`: int (int64); strings and booleans as themselves.
 * - `GoStruct`: a struct (or a named type with methods), made with `goStruct`.
 */

/** Options of a struct value: how it prints and what it stands on. */
export interface GoStructOptions {
  /** The struct is reached through a pointer: fmt prints `&{…}`. */
  readonly pointer?: boolean;
  /** A String() method: fmt and print use it. */
  readonly stringer?: () => string;
  /** The value a named non-struct type is made of (a map or slice with methods): printing, len, index, range and missing fields use it. */
  readonly underlying?: unknown;
  /** What encoding/json writes for the struct (its json tags applied), when not its fields by Go name. */
  readonly toJSON?: () => unknown;
}

/** A Go struct: fields in declaration order; a function-valued field is a method. */
export class GoStruct {
  constructor(
    /** The Go type as error messages name it, e.g. `*chart.Metadata` or `chartutil.Capabilities`. */
    readonly typeName: string,
    /** Field or method name → value; methods are `GoFunc`s. */
    readonly fields: Readonly<Record<string, unknown>>,
    readonly options: GoStructOptions = {},
  ) {}
}

/** A struct value (or a named type with methods) for templates: `.Release.Name`, `.Files.Get "x"`. */
export function goStruct(typeName: string, fields: Record<string, unknown>, options: GoStructOptions = {}): GoStruct {
  return new GoStruct(typeName, fields, options);
}

/** A Go map[string]interface{}: a plain or null-prototype object. */
export type GoMap = Record<string, unknown>;

/** True for a map value (a plain or null-prototype object). */
export function isGoMap(v: unknown): v is GoMap {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === null || proto === Object.prototype;
}

/** Own-key lookup that never reaches a prototype. */
export function hasOwn(m: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** The map's keys in Go's order for map[string]…: sorted by bytes (UTF-16 order agrees for the BMP). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}

/** Go's string comparison: by bytes of the UTF-8 encoding (code point order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** The value a struct stands on, or the value itself. */
export function underlying(v: unknown): unknown {
  return v instanceof GoStruct && v.options.underlying !== undefined ? v.options.underlying : v;
}

/** The reflect.Kind names that Sprig's kindOf prints. */
export type GoKind =
  | 'invalid' | 'bool' | 'int' | 'float64' | 'string' | 'slice' | 'map' | 'struct' | 'ptr' | 'func' | 'interface';

/** The reflect kind of a value (a nil interface is `invalid`, as reflect.ValueOf(nil) is). */
export function kindOf(v: unknown): GoKind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float64';
    case 'string': return 'string';
    case 'function': return 'func';
  }
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof GoStruct) {
    const u = v.options.underlying;
    if (u !== undefined) return kindOf(u);
    return v.options.pointer ? 'ptr' : 'struct';
  }
  return 'map';
}

/** The Go type name as %T and error messages print it. */
export function typeName(v: unknown): string {
  if (v === undefined) return '<nil>';
  if (v === null) return 'interface {}';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float64';
    case 'string': return 'string';
    case 'function': return 'func(...interface {}) interface {}';
  }
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Uint8Array) return '[]uint8';
  if (v instanceof GoStruct) return v.typeName;
  return 'map[string]interface {}';
}

/** Go's truth (text/template isTrue): false, 0, nil, empty string, slice or map are false; structs are true. */
export function isTrue(v: unknown): boolean {
  const u = underlying(v);
  if (u === undefined || u === null) return false;
  switch (typeof u) {
    case 'boolean': return u;
    case 'bigint': return u !== 0n;
    case 'number': return u !== 0;
    case 'string': return u.length > 0;
    case 'function': return true;
  }
  if (Array.isArray(u)) return u.length > 0;
  if (u instanceof Uint8Array) return u.length > 0;
  if (u instanceof GoStruct) return true;
  return Object.keys(u as object).length > 0;
}

/** The length of a string (in bytes, as Go counts), slice or map; undefined for other kinds. */
export function lengthOf(v: unknown): number | undefined {
  const u = underlying(v);
  if (typeof u === 'string') return utf8Length(u);
  if (Array.isArray(u) || u instanceof Uint8Array) return u.length;
  if (isGoMap(u)) return Object.keys(u).length;
  return undefined;
}

/** The number of UTF-8 bytes of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A string's UTF-8 bytes. */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Bytes as a string (invalid sequences become U+FFFD, as Go prints them). */
export function utf8String(b: Uint8Array): string {
  return decoder.decode(b);
}
