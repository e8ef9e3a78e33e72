// Port of go-yaml v2 resolve.go (Copyright 2011-2016 Canonical Ltd., Apache-2.0; see NOTICE-HELM.md):
// what a plain YAML 1.1 scalar means to the decoder Helm uses (sigs.k8s.io/yaml over go-yaml v2),
// and so which strings its encoder has to quote.

/** What a plain scalar resolves to. */
export type Resolved =
  | { readonly tag: 'null' }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'int'; readonly value: bigint }
  | { readonly tag: 'float'; readonly value: number }
  | { readonly tag: 'timestamp' }
  | { readonly tag: 'str' }
  | { readonly tag: 'merge' };

const MAP: ReadonlyMap<string, Resolved> = new Map<string, Resolved>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, Resolved] => [s, { tag: 'bool', value: true }]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, Resolved] => [s, { tag: 'bool', value: false }]),
  ...['', '~', 'null', 'Null', 'NULL'].map((s): [string, Resolved] => [s, { tag: 'null' }]),
  ...['.nan', '.NaN', '.NAN'].map((s): [string, Resolved] => [s, { tag: 'float', value: NaN }]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, Resolved] => [s, { tag: 'float', value: Infinity }]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, Resolved] => [s, { tag: 'float', value: -Infinity }]),
  ['<<', { tag: 'merge' }],
]);

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_FLOAT = /^[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf(?:inity)?|nan)$/i;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint for the digits go-yaml tries; undefined when it fails. */
export function parseGoInt(s: string, unsigned: boolean): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  if (unsigned && m[1] !== '') return undefined;
  const body = m[2]!;
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  if (unsigned) return v <= UINT64_MAX ? v : undefined;
  return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
}

/** Resolves a plain (unquoted, untagged) scalar as go-yaml v2 does. */
export function resolvePlain(s: string): Resolved {
  const hit = MAP.get(s);
  if (hit) return hit;
  const c = s[0];
  if (c === '.') {
    if (GO_FLOAT.test(s)) return { tag: 'float', value: Number(s) };
    return { tag: 'str' };
  }
  if (c !== undefined && (c === '+' || c === '-' || (c >= '0' && c <= '9'))) {
    if (TIMESTAMP.test(s)) return { tag: 'timestamp' };
    const plain = s.replace(/_/g, '');
    const i = parseGoInt(plain, false) ?? parseGoInt(plain, true);
    if (i !== undefined) return { tag: 'int', value: i };
    if (YAML_FLOAT.test(plain)) return { tag: 'float', value: Number(plain) };
    return { tag: 'str' };
  }
  return { tag: 'str' };
}

/** True when go-yaml v2 would write the string unquoted (it resolves back to a string and is no base-60 float). */
export function plainIsString(s: string): boolean {
  if (resolvePlain(s).tag !== 'str') return false;
  const c = s[0];
  const base60 = c !== undefined && (c === '+' || c === '-' || (c >= '0' && c <= '9')) && s.includes(':') && BASE60_FLOAT.test(s);
  return !base60;
}
