// Sprig's encoding functions (Masterminds/sprig v3 defaults.go toJson/toPrettyJson/toRawJson/fromJson,
// strings.go base64/base32, crypto.go sha1sum/sha256sum/sha512sum/adler32sum), with Go's
// encoding/json output: sorted map keys, <>& escaped as \u003c… unless raw, floats as Go prints
// them. Sprig: MIT licence, Copyright (C) 2013-2020 Masterminds; Go: BSD licence (LICENSE-GO.md).
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { fail } from '../template/exec';
import { type FuncMap, goFunc } from '../template/func';
import { GoStruct, isGoMap, sortedKeys, utf8Bytes, utf8String } from '../template/values';
import { newMap } from './convert';

/** encoding/json's float64 text: %f unless the magnitude is below 1e-6 or at least 1e21, then %e with a short exponent. */
function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JsonError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const abs = Math.abs(f);
  if (abs < 1e-6 || abs >= 1e21) {
    // Go writes e-7 (not e-07) and e+21
    const [mant, exp] = f.toExponential().split('e') as [string, string];
    return `${mant}e${exp.startsWith('-') ? exp : exp.startsWith('+') ? exp : `+${exp}`}`;
  }
  // JavaScript switches to exponents at the same magnitudes, so its shortest text is Go's here
  return String(f);
}

class JsonError extends Error {}

const hexDigits = '0123456789abcdef';

/** encoding/json's string quoting. */
export function jsonString(s: string, escapeHTML: boolean): string {
  const out: string[] = ['"'];
  for (const r of s) {
    const c = r.codePointAt(0)!;
    switch (r) {
      case '\\': out.push('\\\\'); continue;
      case '"': out.push('\\"'); continue;
      case '\b': out.push('\\b'); continue;
      case '\f': out.push('\\f'); continue;
      case '\n': out.push('\\n'); continue;
      case '\r': out.push('\\r'); continue;
      case '\t': out.push('\\t'); continue;
      case '\u2028': out.push('\\u2028'); continue;
      case '\u2029': out.push('\\u2029'); continue;
    }
    if (c < 0x20 || (escapeHTML && (r === '<' || r === '>' || r === '&'))) out.push(`\\u00${hexDigits[c >> 4]}${hexDigits[c & 0xf]}`);
    else if (c >= 0xd800 && c <= 0xdfff) out.push('\\ufffd');
    else out.push(r);
  }
  out.push('"');
  return out.join('');
}

/** json.Marshal (indent '' = compact; otherwise MarshalIndent with that indent). */
export function marshalJson(v: unknown, escapeHTML: boolean, indent: string): string {
  const out: string[] = [];
  encode(v, escapeHTML, indent, '', out, 0);
  return out.join('');
}

function encode(v: unknown, escapeHTML: boolean, indent: string, prefix: string, out: string[], depth: number): void {
  if (depth > 1000) throw new JsonError('json: unsupported value: encountered a cycle');
  if (v === null || v === undefined) {
    out.push('null');
    return;
  }
  switch (typeof v) {
    case 'boolean': out.push(v ? 'true' : 'false'); return;
    case 'bigint': out.push(v.toString()); return;
    case 'number': out.push(jsonFloat(v)); return;
    case 'string': out.push(jsonString(v, escapeHTML)); return;
    case 'function': throw new JsonError('json: unsupported type: func(...interface {}) interface {}');
  }
  if (v instanceof Uint8Array) {
    out.push(`"${base64(v)}"`);
    return;
  }
  const inner = prefix + indent;
  const nl = indent === '' ? '' : '\n';
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[');
    v.forEach((x, i) => {
      if (i > 0) out.push(',');
      out.push(nl, indent === '' ? '' : inner);
      encode(x, escapeHTML, indent, inner, out, depth + 1);
    });
    out.push(nl, indent === '' ? '' : prefix, ']');
    return;
  }
  let entries: [string, unknown][];
  if (v instanceof GoStruct) {
    if (v.options.toJSON) {
      encode(v.options.toJSON(), escapeHTML, indent, prefix, out, depth + 1);
      return;
    }
    if (v.options.underlying !== undefined) {
      encode(v.options.underlying, escapeHTML, indent, prefix, out, depth);
      return;
    }
    entries = Object.entries(v.fields).filter(([, x]) => typeof x !== 'function');
  } else if (isGoMap(v)) entries = sortedKeys(v).map((k) => [k, v[k]]);
  else entries = [];
  if (entries.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{');
  entries.forEach(([k, x], i) => {
    if (i > 0) out.push(',');
    out.push(nl, indent === '' ? '' : inner, jsonString(k, escapeHTML), indent === '' ? ':' : ': ');
    encode(x, escapeHTML, indent, inner, out, depth + 1);
  });
  out.push(nl, indent === '' ? '' : prefix, '}');
}

/** JSON text to template values: objects become maps, numbers float64. */
export function parseJson(s: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    if (s.trim() === '' || /end of (JSON )?input|Unterminated/i.test((e as Error).message) || (m && Number(m[1]) >= s.trimEnd().length)) throw new JsonError('unexpected end of JSON input');
    const at = m ? s[Number(m[1])] : undefined;
    throw new JsonError(at !== undefined ? `invalid character ${JSON.stringify(at).replace(/^"|"$/g, "'")} looking for beginning of value` : 'invalid character in JSON input');
  }
  return toMaps(parsed);
}

function toMaps(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toMaps);
  if (v !== null && typeof v === 'object') {
    const m = newMap();
    for (const [k, x] of Object.entries(v)) m[k] = toMaps(x);
    return m;
  }
  return v;
}

const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base64.StdEncoding.EncodeToString. */
export function base64(bytes: Uint8Array): string {
  return encodeBits(bytes, b64, 6, 4);
}

function encodeBits(bytes: Uint8Array, alphabet: string, bits: number, group: number): string {
  const out: string[] = [];
  let buffer = 0;
  let n = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    n += 8;
    while (n >= bits) {
      n -= bits;
      out.push(alphabet[(buffer >> n) & ((1 << bits) - 1)]!);
    }
    buffer &= (1 << n) - 1;
  }
  if (n > 0) out.push(alphabet[(buffer << (bits - n)) & ((1 << bits) - 1)]!);
  while (out.length % group !== 0) out.push('=');
  return out.join('');
}

/** Strict decoding with Go's padding rules; the error names the first bad byte as Go does. */
function decodeBits(s: string, alphabet: string, bits: number, group: number, what: string): Uint8Array {
  const clean = s.replace(/[\r\n]/g, '');
  const bad = (i: number): never => {
    throw new JsonError(`illegal ${what} data at input byte ${i}`);
  };
  if (clean.length % group !== 0) {
    // Go reports the first position it cannot complete a group at
    let i = 0;
    while (i < clean.length && alphabet.includes(clean[i]!)) i++;
    bad(i < clean.length ? i : clean.length - (clean.length % group));
  }
  const out: number[] = [];
  let buffer = 0;
  let n = 0;
  let padStart = -1;
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (c === '=') {
      if (padStart < 0) padStart = i;
      continue;
    }
    if (padStart >= 0) bad(padStart);
    const d = alphabet.indexOf(c);
    if (d < 0) bad(i);
    buffer = (buffer << bits) | d;
    n += bits;
    if (n >= 8) {
      n -= 8;
      out.push((buffer >> n) & 0xff);
      buffer &= (1 << n) - 1;
    }
  }
  return new Uint8Array(out);
}

/** adler32.Checksum. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Runs an encoder, turning its error into a function error (must- forms) or a fallback value. */
function orElse<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonError) return fallback;
    throw e;
  }
}

function must<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonError) fail(e.message);
    throw e;
  }
}

const S = 'string' as const;
const A = 'any' as const;

/** Sprig's encoding and hash functions. */
export function encodingFuncs(): FuncMap {
  return {
    toJson: goFunc([A], undefined, (v: unknown) => orElse(() => marshalJson(v, true, ''), '')),
    mustToJson: goFunc([A], undefined, (v: unknown) => must(() => marshalJson(v, true, ''))),
    toPrettyJson: goFunc([A], undefined, (v: unknown) => orElse(() => marshalJson(v, true, '  '), '')),
    mustToPrettyJson: goFunc([A], undefined, (v: unknown) => must(() => marshalJson(v, true, '  '))),
    toRawJson: goFunc([A], undefined, (v: unknown) => orElse(() => marshalJson(v, false, ''), '')),
    mustToRawJson: goFunc([A], undefined, (v: unknown) => must(() => marshalJson(v, false, ''))),
    fromJson: goFunc([S], undefined, (s: string) => orElse(() => parseJson(s), null)),
    mustFromJson: goFunc([S], undefined, (s: string) => must(() => parseJson(s))),
    b64enc: goFunc([S], undefined, (s: string) => base64(utf8Bytes(s))),
    b64dec: goFunc([S], undefined, (s: string) => {
      try {
        return utf8String(decodeBits(s, b64, 6, 4, 'base64'));
      } catch (e) {
        if (e instanceof JsonError) return e.message;
        throw e;
      }
    }),
    b32enc: goFunc([S], undefined, (s: string) => encodeBits(utf8Bytes(s), b32, 5, 8)),
    b32dec: goFunc([S], undefined, (s: string) => {
      try {
        return utf8String(decodeBits(s, b32, 5, 8, 'base32'));
      } catch (e) {
        if (e instanceof JsonError) return e.message;
        throw e;
      }
    }),
    sha1sum: goFunc([S], undefined, (s: string) => hex(sha1(utf8Bytes(s)))),
    sha256sum: goFunc([S], undefined, (s: string) => hex(sha256(utf8Bytes(s)))),
    sha512sum: goFunc([S], undefined, (s: string) => hex(sha512(utf8Bytes(s)))),
    adler32sum: goFunc([S], undefined, (s: string) => String(adler32(utf8Bytes(s)))),
  };
}
