// Writes values as kustomize prints them: `kustomize build` turns each resource into JSON and then into
// YAML with sigs.k8s.io/yaml (go-yaml v2): keys in go-yaml's natural order, block style, sequences not
// indented under their key, go-yaml's quoting rules. The scalars are written by go-yaml's emitter
// (go-yaml/emitter.ts); the style asked for follows go-yaml v2 encode.go (stringv), the key order
// sorter.go (keyList.Less). go-yaml: Copyright (c) 2006-2011 Kirill Simonov, Copyright 2011-2019
// Canonical Ltd; MIT and Apache-2.0 licensed.
import { scalarText } from '../go-yaml/emitter';
import { isMap, type Json, type JsonMap } from './json';

/** True when go-yaml v2 would read the plain text `s` as something other than a string. */
function resolvesToNonString(s: string): boolean {
  switch (s) {
    case '': case '~': case 'null': case 'Null': case 'NULL':
    case 'y': case 'Y': case 'yes': case 'Yes': case 'YES': case 'on': case 'On': case 'ON':
    case 'n': case 'N': case 'no': case 'No': case 'NO': case 'off': case 'Off': case 'OFF':
    case 'true': case 'True': case 'TRUE': case 'false': case 'False': case 'FALSE':
    case '.inf': case '.Inf': case '.INF': case '+.inf': case '+.Inf': case '+.INF':
    case '-.inf': case '-.Inf': case '-.INF': case '.nan': case '.NaN': case '.NAN': case '<<':
      return true;
  }
  const c = s[0]!;
  if (!((c >= '0' && c <= '9') || c === '-' || c === '+' || c === '.')) return false;
  if (/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[ \t]*[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/.test(s)) return true;
  const plain = s.replaceAll('_', '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  return /^-?0b[01]+$/.test(plain);
}

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Strings that print plain whatever their column: no blank, no indicator, printable ASCII. */
const SIMPLE = /^[A-Za-z_/$(][A-Za-z0-9_./$()=+-]*$/;

/** Writes a scalar that starts at `column`; continuation lines are indented by `indent`; no final line break. */
function writeScalar(s: string, column: number, indent: number, key: boolean): string {
  if (SIMPLE.test(s) && !resolvesToNonString(s)) return s;
  // stringv: a multi-line string as a literal block, one that would read back as another type quoted
  const text = scalarText(s, s.includes('\n') ? 'literal' : !resolvesToNonString(s) && !BASE60.test(s) ? 'plain' : 'double', column, indent, key);
  // the caller ends the line
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** go-yaml v2's key order (sorter.go keyList.Less) for string keys: letters after other runes, digit runs by value. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a), br = Array.from(b);
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!), bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0, bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai]!.charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

function sortedKeys(m: JsonMap): string[] {
  return Object.keys(m).sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A non-string scalar, or an empty collection, as go-yaml prints it. */
function simple(v: Json): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isMap(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

function mapBody(m: JsonMap, indent: number, inline: boolean): string {
  let out = '';
  let first = true;
  for (const k of sortedKeys(m)) {
    const start = first && inline ? '' : ' '.repeat(indent);
    first = false;
    const key = writeScalar(k, indent, indent, true);
    out += `${start}${key}:${value(m[k]!, indent, indent + Array.from(key).length + 1, true)}`;
  }
  return out;
}

function seqBody(items: readonly Json[], indent: number, inline: boolean): string {
  let out = '';
  items.forEach((item, i) => {
    out += `${i === 0 && inline ? '' : ' '.repeat(indent)}-${value(item, indent, indent + 1, false)}`;
  });
  return out;
}

/** The text after `key:` or `-`: a scalar on the same line, or a nested block on the next lines. */
function value(v: Json, indent: number, column: number, inMap: boolean): string {
  const s = simple(v);
  if (s !== undefined) return ` ${s}\n`;
  if (typeof v === 'string') return ` ${writeScalar(v, column + 1, indent + 2, false)}\n`;
  if (Array.isArray(v)) return inMap ? `\n${seqBody(v, indent, false)}` : ` ${seqBody(v, indent + 2, true)}`;
  return inMap ? `\n${mapBody(v as JsonMap, indent + 2, false)}` : ` ${mapBody(v as JsonMap, indent + 2, true)}`;
}

/** One document as go-yaml v2 prints it, ending in a newline. */
export function writeYaml(v: Json): string {
  if (isMap(v) && Object.keys(v).length > 0) return mapBody(v, 0, false);
  if (Array.isArray(v) && v.length > 0) return seqBody(v, 0, false);
  const s = simple(v);
  return `${s ?? writeScalar(v as string, 0, 0, false)}\n`;
}
