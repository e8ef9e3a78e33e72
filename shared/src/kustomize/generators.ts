// configMapGenerator and secretGenerator: api/kv/kv.go (env files, literals, files) and
// api/internal/generators/{configmap,secret,utils}.go. Copyright 2019 The Kubernetes Authors, Apache-2.0.
import { getIn, isMap, newMap, type Json, type JsonMap } from './json';
import { KustomizeError, loadFile, type Loader } from './loader';
import { makeResource, type Resource } from './resource';

const stripQuotes = (s: string): string => (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s);
const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.map((e) => (typeof e === 'string' ? e : String(e))) : []);

function stringMap(v: Json | undefined): JsonMap {
  const out = newMap();
  if (isMap(v)) for (const k of Object.keys(v)) out[k] = typeof v[k] === 'string' ? v[k]! : v[k] === null ? '' : String(v[k]);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of bytes. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

/** Secret data as kustomize encodes it: base64 in lines of 70 characters, each ending in a newline once there are several. */
function secretValue(bytes: Uint8Array): string {
  const enc = base64(bytes);
  const lines = Math.floor(enc.length / 70) + 1;
  if (lines <= 1) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += 70) out += `${enc.slice(i, i + 70)}\n`;
  return out;
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Key-value pairs of an env file (`KEY=value` lines, `#` comments). */
function envPairs(text: string, file: string): [string, string][] {
  const out: [string, string][] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!ENV_NAME.test(key)) throw new KustomizeError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (line ${i + 1} of ${file})`);
    out.push([key, eq < 0 ? '' : line.slice(eq + 1)]);
  });
  return out;
}

interface Pair {
  readonly key: string;
  readonly text?: string;
  readonly bytes: Uint8Array;
}

function pairs(ldr: Loader, args: JsonMap): Pair[] {
  const out: Pair[] = [];
  const enc = new TextEncoder();
  const envs = [...strings(args['envs']), ...(typeof args['env'] === 'string' && args['env'] ? [args['env']] : [])];
  for (const env of envs) {
    const text = new TextDecoder().decode(loadFile(ldr, env));
    for (const [key, value] of envPairs(text, env)) out.push({ key, text: value, bytes: enc.encode(value) });
  }
  for (const f of strings(args['files'])) {
    const eq = f.indexOf('=');
    const key = eq < 0 ? f.slice(f.lastIndexOf('/') + 1) : f.slice(0, eq);
    const path = eq < 0 ? f : f.slice(eq + 1);
    if (eq === 0 || (eq > 0 && path === '')) throw new KustomizeError(`file source '${f}' is invalid: key name or file path is missing`);
    const bytes = loadFile(ldr, path);
    const text = utf8(bytes);
    out.push({ key, ...(text !== undefined ? { text } : {}), bytes });
  }
  for (const lit of strings(args['literals'])) {
    const eq = lit.indexOf('=');
    if (eq < 0) throw new KustomizeError(`invalid literal source ${lit}, expected key=value`);
    const value = stripQuotes(lit.slice(eq + 1));
    out.push({ key: lit.slice(0, eq), text: value, bytes: enc.encode(value) });
  }
  const seen = new Set<string>();
  for (const p of out) {
    if (seen.has(p.key)) throw new KustomizeError(`configmap ${String(args['name'])} illegally repeats the key \`${p.key}\``);
    seen.add(p.key);
  }
  return out;
}

/** One ConfigMap or Secret from a generator entry and the kustomization's generatorOptions. */
export function generate(ldr: Loader, kind: 'ConfigMap' | 'Secret', args: JsonMap, globalOptions: Json | undefined, file: string): Resource {
  const name = typeof args['name'] === 'string' ? args['name'] : '';
  if (name === '') throw new KustomizeError(`a ${kind === 'ConfigMap' ? 'configmap' : 'secret'} generator must have a name`, file);
  const obj = newMap();
  obj['apiVersion'] = 'v1';
  obj['kind'] = kind;
  const meta = newMap();
  meta['name'] = name;
  if (typeof args['namespace'] === 'string' && args['namespace']) meta['namespace'] = args['namespace'];
  const local = args['options'];
  const labels = { ...stringMap(getIn(globalOptions, 'labels')), ...stringMap(getIn(local, 'labels')) };
  const annotations = { ...stringMap(getIn(globalOptions, 'annotations')), ...stringMap(getIn(local, 'annotations')) };
  if (Object.keys(labels).length) meta['labels'] = Object.assign(newMap(), labels);
  if (Object.keys(annotations).length) meta['annotations'] = Object.assign(newMap(), annotations);
  obj['metadata'] = meta;
  const data = newMap();
  const binary = newMap();
  for (const p of pairs(ldr, args)) {
    if (kind === 'Secret') data[p.key] = secretValue(p.bytes);
    else if (p.text !== undefined) data[p.key] = p.text;
    else binary[p.key] = base64(p.bytes);
  }
  if (kind === 'Secret') obj['type'] = typeof args['type'] === 'string' && args['type'] ? args['type'] : 'Opaque';
  if (Object.keys(data).length) obj['data'] = data;
  if (Object.keys(binary).length) obj['binaryData'] = binary;
  const flag = (key: string): boolean => getIn(local, key) === true || (getIn(local, key) === undefined && getIn(globalOptions, key) === true);
  if (flag('immutable')) obj['immutable'] = true;
  const r = makeResource(obj, { file, line: 0 });
  r.needsHash = !flag('disableNameSuffixHash');
  r.generatedBy = kind === 'ConfigMap' ? 'ConfigMapGenerator' : 'SecretGenerator';
  const behavior = args['behavior'];
  r.behavior = behavior === 'merge' || behavior === 'replace' ? behavior : 'create';
  if (behavior !== undefined && behavior !== 'create' && behavior !== 'merge' && behavior !== 'replace' && behavior !== '') {
    throw new KustomizeError(`unknown generator behavior '${String(behavior)}'`, file);
  }
  return r;
}
