// Helm's toYaml: sigs.k8s.io/yaml.Marshal, which writes the value as JSON and then re-encodes that
// JSON with go-yaml v2. Ported from go-yaml v2 encode.go, sorter.go and emitterc.go (Copyright
// 2011-2016 Canonical Ltd. and 2006-2010 Kirill Simonov, Apache-2.0 and MIT; see NOTICE-HELM.md):
// block style with two-space indentation, sequences in mappings not indented, keys in go-yaml's
// natural order, strings quoted when they would read back as another type, long plain and quoted
// strings folded after column 80, multi-line strings as literal blocks.
import { formatFloatG, formatFloatJson } from './go-float';
import { isMap } from './go-value';
import { parseGoInt, plainIsString } from './go-yaml-resolve';

type Node =
  | { readonly k: 'scalar'; readonly text: string; readonly style: Style }
  | { readonly k: 'seq'; readonly items: readonly Node[] }
  | { readonly k: 'map'; readonly entries: readonly (readonly [string, Node])[] };
type Style = 'plain' | 'double' | 'literal';

/** A value toYaml cannot encode (a function, a cycle), worded as encoding/json. */
export class MarshalError extends Error {}

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

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

interface Writer {
  out: string[];
  column: number;
  whitespace: boolean;
  indention: boolean;
  indent: number;
  readonly indents: number[];
}

interface Context {
  readonly root: boolean;
  readonly sequence: boolean;
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

function newWriter(): Writer {
  return { out: [], column: 0, whitespace: true, indention: true, indent: -1, indents: [] };
}

function put(w: Writer, c: string): void {
  w.out.push(c);
  w.column++;
}

function putBreak(w: Writer): void {
  w.out.push('\n');
  w.column = 0;
}

function increaseIndent(w: Writer, flow: boolean, indentless: boolean): void {
  w.indents.push(w.indent);
  if (w.indent < 0) w.indent = flow ? BEST_INDENT : 0;
  else if (!indentless) w.indent += BEST_INDENT;
}

function popIndent(w: Writer): void {
  w.indent = w.indents.pop() ?? -1;
}

function writeIndent(w: Writer): void {
  const indent = Math.max(w.indent, 0);
  if (!w.indention || w.column > indent || (w.column === indent && !w.whitespace)) putBreak(w);
  while (w.column < indent) put(w, ' ');
  w.whitespace = true;
  w.indention = true;
}

function writeIndicator(w: Writer, text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
  if (needWhitespace && !w.whitespace) put(w, ' ');
  for (const c of text) put(w, c);
  w.whitespace = isWhitespace;
  w.indention = w.indention && isIndention;
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

function isSimpleKey(key: string): boolean {
  return !/[\n\r\u0085\u2028\u2029]/.test(key) && new TextEncoder().encode(key).length <= 128;
}

interface Analysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

const isBreakChar = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankChar = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** libyaml's is_printable (go-yaml v2 writes unicode): tabs and characters beyond the BMP are not. */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

/** yaml_emitter_analyze_scalar, as far as block context needs it. */
function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = Array.from(value);
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlankChar(next) || isBreakChar(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakChar(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankChar(c) || isBreakChar(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockAllowed = false;
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

type FinalStyle = 'plain' | 'single' | 'double' | 'literal';

function selectStyle(value: string, wanted: Style, simpleKey: boolean): FinalStyle {
  const a = analyze(value);
  let style: FinalStyle = wanted;
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (value.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

function emitScalar(w: Writer, value: string, wanted: Style, ctx: Context): void {
  const style = selectStyle(value, wanted, ctx.simpleKey);
  increaseIndent(w, true, false);
  const allowBreaks = !ctx.simpleKey;
  if (style === 'plain') writePlain(w, value, allowBreaks);
  else if (style === 'single') writeSingle(w, value, allowBreaks);
  else if (style === 'double') writeDouble(w, value, allowBreaks);
  else writeLiteral(w, value);
  popIndent(w);
}

function writeBreakChar(w: Writer, c: string): void {
  if (c === '\n') putBreak(w);
  else {
    w.out.push(c);
    w.column = 0;
  }
}

function writePlain(w: Writer, value: string, allowBreaks: boolean): void {
  if (!w.whitespace) put(w, ' ');
  const chars = Array.from(value);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && chars[i + 1] !== ' ') writeIndent(w);
      else put(w, c);
      spaces = true;
    } else if (isBreakChar(c)) {
      if (!breaks && c === '\n') putBreak(w);
      writeBreakChar(w, c);
      w.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(w);
      put(w, c);
      w.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  w.whitespace = false;
  w.indention = false;
}

function writeSingle(w: Writer, value: string, allowBreaks: boolean): void {
  writeIndicator(w, "'", true, false, false);
  const chars = Array.from(value);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') writeIndent(w);
      else put(w, c);
      spaces = true;
    } else if (isBreakChar(c)) {
      if (!breaks && c === '\n') putBreak(w);
      writeBreakChar(w, c);
      w.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(w);
      if (c === "'") put(w, "'");
      put(w, c);
      w.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  writeIndicator(w, "'", false, false, false);
  w.whitespace = false;
  w.indention = false;
}

const ESCAPES: Readonly<Record<number, string>> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function writeDouble(w: Writer, value: string, allowBreaks: boolean): void {
  writeIndicator(w, '"', true, false, false);
  const chars = Array.from(value);
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const cp = c.codePointAt(0)!;
    if (!isPrintable(c) || cp === 0xfeff || isBreakChar(c) || c === '"' || c === '\\') {
      put(w, '\\');
      const esc = ESCAPES[cp];
      if (esc !== undefined) put(w, esc);
      else {
        const [letter, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
        put(w, letter as string);
        for (const d of cp.toString(16).toUpperCase().padStart(width as number, '0')) put(w, d);
      }
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        writeIndent(w);
        if (chars[i + 1] === ' ') put(w, '\\');
      } else put(w, c);
      spaces = true;
    } else {
      put(w, c);
      spaces = false;
    }
  }
  writeIndicator(w, '"', false, false, false);
  w.whitespace = false;
  w.indention = false;
}

function writeLiteral(w: Writer, value: string): void {
  writeIndicator(w, '|', true, false, false);
  const chars = Array.from(value);
  if (chars[0] === ' ' || isBreakChar(chars[0])) writeIndicator(w, String(BEST_INDENT), false, false, false);
  const last = chars[chars.length - 1];
  if (!isBreakChar(last)) writeIndicator(w, '-', false, false, false);
  else if (chars.length === 1 || isBreakChar(chars[chars.length - 2])) writeIndicator(w, '+', false, false, false);
  putBreak(w);
  w.indention = true;
  w.whitespace = true;
  let breaks = true;
  for (const c of chars) {
    if (isBreakChar(c)) {
      writeBreakChar(w, c);
      w.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(w);
      put(w, c);
      w.indention = false;
      breaks = false;
    }
  }
}
