// Go's encoding/json as Helm's toJson and fromJson use it: map keys sorted, `<`, `>` and `&`
// escaped for HTML, floats in Go's shortest form, []byte as base64; decoding gives float64 numbers.
import { formatFloatJson } from './go-float';
import { toGo, type GoValue } from './go-value';
import { GoStruct } from './template/values';

/** A value encoding/json refuses (a function, NaN), with its message. */
export class JsonError extends Error {}

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function byteCompare(a: string, b: string): number {
  return a === b ? 0 : compareCodePoints(a, b);
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** json.Marshal of a template value. */
export function marshalJson(v: unknown, depth = 0): string {
  if (depth > 10_000) throw new JsonError('json: unsupported value: encountered a cycle');
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new JsonError(`json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`);
    return formatFloatJson(v);
  }
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'function') throw new JsonError('json: unsupported type: func(...interface {}) interface {}');
  if (v instanceof Uint8Array) return `"${base64(v)}"`;
  if (Array.isArray(v)) return `[${v.map((x) => marshalJson(x, depth + 1)).join(',')}]`;
  if (v instanceof GoStruct) {
    if (v.options.underlying !== undefined) return marshalJson(v.options.underlying, depth + 1);
    const parts = Object.entries(v.fields)
      .filter(([, x]) => typeof x !== 'function')
      .map(([k, x]) => `${quote(k)}:${marshalJson(x, depth + 1)}`);
    return `{${parts.join(',')}}`;
  }
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj).sort(byteCompare);
    return `{${keys.map((k) => `${quote(k)}:${marshalJson(obj[k], depth + 1)}`).join(',')}}`;
  }
  return quote(String(v));
}

/** json.Unmarshal into interface{}: numbers as float64, objects as maps; throws with Go's wording. */
export function unmarshalJson(text: string): GoValue {
  try {
    return toGo(JSON.parse(text) as unknown);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (text.trim() === '') throw new JsonError('unexpected end of JSON input');
    const m = /Unexpected token '?(.)'?/.exec(msg);
    throw new JsonError(m ? `invalid character '${m[1]}' looking for beginning of value` : 'unexpected end of JSON input');
  }
}
