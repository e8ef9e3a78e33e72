// The name suffix kustomize gives generated ConfigMaps and Secrets: api/hasher/hasher.go
// (encodeConfigMap, encodeSecret, encode). Copyright 2019 The Kubernetes Authors, Apache-2.0.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { getString, isMap, type Json, type JsonMap } from './json';

/** A string as Go's encoding/json writes it (HTML characters and U+2028/9 escaped). */
function goJsonString(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (cp < 0x20 || c === '<' || c === '>' || c === '&' || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

/** A value as Go's json.Marshal writes it, map keys sorted. */
export function goJson(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(v[k]!)}`).join(',')}}`;
}

/** A field's value as the hasher sees it: the map itself, or its scalar text, or '' when missing. */
function fieldValue(obj: JsonMap, key: string): Json {
  const v = obj[key];
  if (v === undefined) return '';
  if (isMap(v)) return v;
  return v === null ? 'null' : typeof v === 'string' ? v : String(v);
}

/** The first ten hex digits of the SHA-256, with 0 1 3 a e swapped for letters so the suffix holds no vowels or digits that spell words. */
function encode(hex: string): string {
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

/**
 * kustomize's content hash of a resource, as used in generated names. The hasher looks the name up
 * as one field called `metadata/name`, which no resource has, so the name it hashes is always ''.
 */
export function contentHash(obj: JsonMap): string {
  const kind = getString(obj, 'kind');
  const name = '';
  let encoded: string;
  if (kind === 'ConfigMap') {
    const m: JsonMap = Object.create(null) as JsonMap;
    m['kind'] = 'ConfigMap';
    m['name'] = name;
    m['data'] = fieldValue(obj, 'data');
    const binary = fieldValue(obj, 'binaryData');
    if (isMap(binary)) m['binaryData'] = binary;
    encoded = goJson(m);
  } else if (kind === 'Secret') {
    const m: JsonMap = Object.create(null) as JsonMap;
    m['kind'] = kind;
    m['type'] = fieldValue(obj, 'type');
    m['name'] = name;
    m['data'] = fieldValue(obj, 'data');
    const stringData = fieldValue(obj, 'stringData');
    if (isMap(stringData)) m['stringData'] = stringData;
    encoded = goJson(m);
  } else encoded = goJson(obj);
  return encode(bytesToHex(sha256(new TextEncoder().encode(encoded))));
}
