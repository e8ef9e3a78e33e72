// Helm's toYaml: sigs.k8s.io/yaml.Marshal, which writes the value as JSON and then re-encodes that
// JSON with go-yaml v2. Ported from go-yaml v2 encode.go, sorter.go and emitterc.go (Copyright
// 2011-2016 Canonical Ltd. and 2006-2010 Kirill Simonov, Apache-2.0 and MIT; see NOTICE-HELM.md):
// block style with two-space indentation, sequences in mappings not indented, keys in go-yaml's
// natural order, strings quoted when they would read back as another type, long plain and quoted
// strings folded after column 80, multi-line strings as literal blocks.
import { formatFloatG, formatFloatJson } from './go-float';
import { isMap } from './go-value';
import { parseGoInt, plainIsString } from './go-yaml-resolve';
import { emitScalar, increaseIndent, isSimpleKey, newWriter, popIndent, putBreak, writeIndent, writeIndicator, type Context, type Style, type Writer } from '../go-yaml/emitter';

type Node =
  | { readonly k: 'scalar'; readonly text: string; readonly style: Style }
  | { readonly k: 'seq'; readonly items: readonly Node[] }
  | { readonly k: 'map'; readonly entries: readonly (readonly [string, Node])[] };

/** A value toYaml cannot encode (a function, a cycle), worded as encoding/json. */
export class MarshalError extends Error {}

/** The YAML text of a value with its trailing newline, as yaml.Marshal returns it. */
export function marshalYaml(value: unknown): string {
  const w = newWriter();
  emitNode(w, toNode(value, 0), { root: true, sequence: false, mapping: false, simpleKey: false });
  if (w.column > 0) putBreak(w);
  return w.out.join('');
}

/** Helm's toYaml: the text without its final newline. */
export function toYaml(value: unknown): string {
  return marshalYaml(value).replace(/\n$/, '');
}

/** go-yaml's ordering of map keys: letters after other characters, digit runs compared as numbers. */
export function keyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10n + BigInt(ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10n + BigInt(br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c) && c >= '0' && c <= '9';

/** The node go-yaml decodes from the JSON text of a value. */
function toNode(v: unknown, depth: number): Node {
  if (depth > 10_000) throw new MarshalError('json: unsupported value: encountered a cycle');
  if (v === null || v === undefined) return { k: 'scalar', text: 'null', style: 'plain' };
  if (typeof v === 'boolean') return { k: 'scalar', text: String(v), style: 'plain' };
  if (typeof v === 'bigint') return { k: 'scalar', text: v.toString(), style: 'plain' };
  if (typeof v === 'number') return { k: 'scalar', text: numberText(v), style: 'plain' };
  if (typeof v === 'string') return stringNode(v);
  if (typeof v === 'function') throw new MarshalError('json: unsupported type: func');
  if (Array.isArray(v) || v instanceof Uint8Array) return { k: 'seq', items: Array.from(v as ArrayLike<unknown>, (x) => toNode(x, depth + 1)) };
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const keys = (isMap(v) ? Object.keys(obj) : Object.keys(obj).filter((k) => typeof obj[k] !== 'function')).slice();
    keys.sort((x, y) => (keyLess(x, y) ? -1 : keyLess(y, x) ? 1 : 0));
    return { k: 'map', entries: keys.map((k) => [k, toNode(obj[k], depth + 1)] as const) };
  }
  return stringNode(String(v));
}

/** A float64 through encoding/json and back through go-yaml: integers stay integers, others print with %g. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new MarshalError(`json: unsupported value: ${Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf'}`);
  const json = formatFloatJson(n);
  if (/^-?[0-9]+$/.test(json) && parseGoInt(json, false) !== undefined) return json.replace(/^-0$/, '0');
  if (/^[0-9]+$/.test(json) && parseGoInt(json, true) !== undefined) return json;
  return formatFloatG(Number(json));
}

function stringNode(s: string): Node {
  if (s.includes('\n')) return { k: 'scalar', text: s, style: 'literal' };
  return { k: 'scalar', text: s, style: plainIsString(s) ? 'plain' : 'double' };
}

function emitNode(w: Writer, node: Node, ctx: Context): void {
  if (node.k === 'scalar') return emitScalar(w, node.text, node.style, ctx);
  if (node.k === 'seq') {
    if (node.items.length === 0) return writeIndicator(w, '[]', true, false, false);
    increaseIndent(w, false, ctx.mapping && !w.indention);
    for (const item of node.items) {
      writeIndent(w);
      writeIndicator(w, '-', true, false, true);
      emitNode(w, item, { root: false, sequence: true, mapping: false, simpleKey: false });
    }
    return popIndent(w);
  }
  if (node.entries.length === 0) return writeIndicator(w, '{}', true, false, false);
  increaseIndent(w, false, false);
  for (const [key, value] of node.entries) {
    writeIndent(w);
    const keyNode = stringNode(key) as Extract<Node, { k: 'scalar' }>;
    if (isSimpleKey(key)) {
      emitScalar(w, keyNode.text, keyNode.style, { root: false, sequence: false, mapping: true, simpleKey: true });
      writeIndicator(w, ':', false, false, false);
    } else {
      writeIndicator(w, '?', true, false, true);
      emitScalar(w, keyNode.text, keyNode.style, { root: false, sequence: false, mapping: true, simpleKey: false });
      writeIndent(w);
      writeIndicator(w, ':', true, false, true);
    }
    emitNode(w, value, { root: false, sequence: false, mapping: true, simpleKey: false });
  }
  popIndent(w);
}

