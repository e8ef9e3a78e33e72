// Writes values as kustomize prints them: `kustomize build` turns each resource into JSON and then into
// YAML with sigs.k8s.io/yaml (go-yaml v2): keys in go-yaml's natural order, block style, sequences not
// indented under their key, go-yaml's quoting rules. The scalars are written by go-yaml's emitter
// (go-yaml/emitter.ts); the style asked for follows go-yaml v2 encode.go (stringv), the key order
// sorter.go (keyList.Less). go-yaml: Copyright (c) 2006-2011 Kirill Simonov, Copyright 2011-2019
// Canonical Ltd; MIT and Apache-2.0 licensed.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
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

/**
 * The text being written, and with `nodes` the YAML tree the `yaml` library would read from it:
 * the same node classes, values, scalar styles and offsets (a range is [start, end of the value,
 * end of the node with its line break]), so that the linter takes the tree instead of parsing the
 * text again (writeYamlDocument).
 */
class Out {
  private readonly parts: string[] = [];
  pos = 0;
  constructor(readonly nodes: boolean) {}
  add(s: string): void {
    this.parts.push(s);
    this.pos += s.length;
  }
  text(): string {
    return this.parts.join('');
  }
}

/** A scalar node of written text: its style from the text's first character (a plain scalar never starts with a quote or `|`). */
function scalarNode(value: Json, written: string, range: [number, number, number]): Scalar {
  const node = new Scalar(value);
  node.range = range;
  const c = written[0];
  node.type = c === '"' ? 'QUOTE_DOUBLE' : c === "'" ? 'QUOTE_SINGLE' : c === '|' ? 'BLOCK_LITERAL' : 'PLAIN';
  node.source = typeof value === 'string' ? value : written;
  return node;
}

function mapBody(m: JsonMap, indent: number, inline: boolean, out: Out): YAMLMap | undefined {
  const map = out.nodes ? new YAMLMap() : undefined;
  const start = out.pos + (inline ? 0 : indent);
  let first = true;
  for (const k of sortedKeys(m)) {
    out.add(first && inline ? '' : ' '.repeat(indent));
    first = false;
    const keyStart = out.pos;
    const key = writeScalar(k, indent, indent, true);
    out.add(key);
    const keyNode = map ? scalarNode(k, key, [keyStart, out.pos, out.pos]) : undefined;
    out.add(':');
    const valueNode = value(m[k]!, indent, indent + Array.from(key).length + 1, true, out);
    map?.items.push(new Pair(keyNode, valueNode));
  }
  if (map) map.range = [start, out.pos, out.pos];
  return map;
}

function seqBody(items: readonly Json[], indent: number, inline: boolean, out: Out): YAMLSeq | undefined {
  const seq = out.nodes ? new YAMLSeq() : undefined;
  const start = out.pos + (inline ? 0 : indent);
  items.forEach((item, i) => {
    out.add(i === 0 && inline ? '' : ' '.repeat(indent));
    out.add('-');
    const node = value(item, indent, indent + 1, false, out);
    seq?.items.push(node);
  });
  if (seq) seq.range = [start, out.pos, out.pos];
  return seq;
}

/** The text after `key:` or `-`: a scalar on the same line, or a nested block on the next lines; its node with `out.nodes`. */
function value(v: Json, indent: number, column: number, inMap: boolean, out: Out): Node | undefined {
  const s = simple(v);
  if (s !== undefined || typeof v === 'string') {
    out.add(' ');
    const start = out.pos;
    const written = s ?? writeScalar(v as string, column + 1, indent + 2, false);
    out.add(written);
    const end = out.pos;
    out.add('\n');
    if (!out.nodes) return undefined;
    if (s === '[]' || s === '{}') {
      const empty = s === '[]' ? new YAMLSeq() : new YAMLMap();
      empty.flow = true;
      empty.range = [start, end, end + 1];
      return empty;
    }
    // a literal block's value takes its last line break
    return scalarNode(v, written, written[0] === '|' ? [start, end + 1, end + 1] : [start, end, end + 1]);
  }
  if (Array.isArray(v)) {
    out.add(inMap ? '\n' : ' ');
    return seqBody(v, inMap ? indent : indent + 2, !inMap, out);
  }
  out.add(inMap ? '\n' : ' ');
  return mapBody(v as JsonMap, indent + 2, !inMap, out);
}

/** One document as go-yaml v2 prints it, ending in a newline. */
export function writeYaml(v: Json): string {
  if (isMap(v) && Object.keys(v).length > 0) {
    const out = new Out(false);
    mapBody(v, 0, false, out);
    return out.text();
  }
  if (Array.isArray(v) && v.length > 0) {
    const out = new Out(false);
    seqBody(v, 0, false, out);
    return out.text();
  }
  const s = simple(v);
  return `${s ?? writeScalar(v as string, 0, 0, false)}\n`;
}

/**
 * A resource as writeYaml prints it, with the document the `yaml` library reads from that text
 * (the linter's parse options: YAML 1.2 core schema, which reads go-yaml's plain scalars as the same
 * values), built while writing instead of parsed; a non-empty map only (a resource), else undefined.
 */
export function writeYamlDocument(v: Json): { text: string; doc: Document.Parsed } | undefined {
  if (!isMap(v) || Object.keys(v).length === 0) return undefined;
  const out = new Out(true);
  const contents = mapBody(v, 0, false, out)!;
  const text = out.text();
  const doc = new Document() as Document.Parsed;
  doc.contents = contents as unknown as YAMLMap.Parsed;
  doc.range = [0, text.length, text.length];
  return { text, doc };
}
