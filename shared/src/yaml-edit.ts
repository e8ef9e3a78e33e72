import { isMap, isScalar, isSeq, isAlias, parse, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { YamlDocument } from './parse/yaml';
import { isCopy } from './parse/yaml-reading';
import type { LineIndex } from './text';
import { eol } from './text';

/**
 * Minimal text edits on YAML that keep comments, indentation, quoting and key order: only the
 * inserted or replaced text changes. Each function returns undefined when no certain edit
 * exists (aliases on the path, copies that stand for an alias or a merge key (parse/yaml-reading.ts),
 * a block collection to replace, odd layouts, a document with syntax errors, whose recovered tree is
 * a guess); callers then offer no fix.
 */

const INDENT_STEP = 2;

const keyOf = (p: Pair): string | undefined => (isScalar(p.key) ? String(p.key.value) : undefined);

/** The pair of `key`: of two equal keys the later, whose value counts (as parse/yaml.ts mapPair). */
function findPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) if (keyOf(map.items[i]!) === key) return map.items[i] as Pair<Node, Node | null>;
  return undefined;
}

const isNullScalar = (n: unknown): boolean => n === null || n === undefined || (isScalar(n) && n.value === null && (n.source === undefined || n.source === '' || n.source === '~' || n.source === 'null'));

/** Column of a block map's keys. */
function keyColumn(doc: YamlDocument, lines: LineIndex, map: YAMLMap): number | undefined {
  const first = map.items[0]?.key as Node | undefined;
  if (!first?.range) return undefined;
  const p = lines.positionAt(doc.offset + first.range[0]);
  // A tag or anchor before the first key (`!!str key:`, `&a key:`) belongs to it: the map starts where that does.
  const before = lines.lineText(p.line).slice(0, p.character).replace(/(?:[!&]\S*[ \t]+)+$/, '');
  return indentColumn(lines, { line: p.line, character: before.length });
}

/** The indentation column of a position: a byte-order mark at the start of the file is not indentation. */
function indentColumn(lines: LineIndex, p: { line: number; character: number }): number {
  return p.line === 0 && p.character > 0 && lines.text.charCodeAt(0) === 0xfeff ? p.character - 1 : p.character;
}

/**
 * The end of a block node for inserting after it. After trailing comment lines, yaml ends a node
 * inside the next line's indentation; that indentation belongs to the next line.
 */
function blockEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e > 0 && text[e - 1] === '\n' ? e : end;
}

/** Renders `path: value` as new block lines at `indent` (nested maps one step deeper each). */
function blockLines(path: readonly string[], valueYaml: string, indent: number, nl: string): string {
  return path
    .map((key, i) => {
      const pad = ' '.repeat(indent + i * INDENT_STEP);
      if (i < path.length - 1) return `${pad}${key}:`;
      if (valueYaml.startsWith('\n')) {
        // A block value (e.g. a block sequence), indented below the key.
        const inner = ' '.repeat(indent + (i + 1) * INDENT_STEP);
        return `${pad}${key}:${valueYaml.split('\n').slice(1).map((l) => nl + inner + l).join('')}`;
      }
      return `${pad}${key}: ${valueYaml}`;
    })
    .join(nl);
}

/**
 * True when the document is JSON (its root a flow map with double-quoted keys): inserted text then
 * has to be JSON too, with quoted keys and strings, or the file stops being JSON.
 */
function isJson(doc: YamlDocument): boolean {
  const root = doc.doc.contents;
  const first = isMap(root) && root.flow ? root.items[0]?.key : undefined;
  return isScalar(first) && first.type === 'QUOTE_DOUBLE';
}

/** A flow or scalar YAML value as JSON text (`[ALL]` → `["ALL"]`, `RuntimeDefault` → `"RuntimeDefault"`). */
const jsonValue = (valueYaml: string): string => JSON.stringify(parse(valueYaml));

/** Renders `path: value` as a flow fragment: `a: {b: value}`, in JSON `"a": {"b": value}`. */
function flowText(path: readonly string[], valueYaml: string, json: boolean): string {
  const [head, ...rest] = path;
  const key = json ? JSON.stringify(head) : head;
  if (rest.length > 0) return `${key}: {${flowText(rest, valueYaml, json)}}`;
  return `${key}: ${json ? jsonValue(valueYaml) : valueYaml}`;
}

/** Edit inserting new keys at the end of a block map (after its last pair's line). */
function insertIntoBlockMap(doc: YamlDocument, lines: LineIndex, map: YAMLMap, path: readonly string[], valueYaml: string): TextEdit[] | undefined {
  const indent = keyColumn(doc, lines, map);
  const last = map.items[map.items.length - 1];
  if (indent === undefined || !last) return undefined;
  const nl = eol(lines.text);
  const lastNode = (last.value as Node | null)?.range ? (last.value as Node) : (last.key as Node);
  if (!lastNode?.range) return undefined;
  const end = blockEnd(lines.text, doc.offset + lastNode.range[1]);
  const text = lines.text;
  const fragment = blockLines(path, valueYaml, indent, nl);
  if (end > 0 && text[end - 1] === '\n') {
    // The last value is a block collection that ends with its line break.
    const at = lines.positionAt(end);
    return [{ range: { start: at, end: at }, newText: fragment + nl }];
  }
  const line = lines.positionAt(end).line;
  const at = { line, character: lines.lineText(line).length };
  return [{ range: { start: at, end: at }, newText: nl + fragment }];
}

/** Edit inserting a pair into a flow map before its closing brace. */
function insertIntoFlowMap(doc: YamlDocument, lines: LineIndex, map: YAMLMap, path: readonly string[], valueYaml: string): TextEdit[] | undefined {
  if (!map.range || valueYaml.startsWith('\n')) return undefined;
  const close = doc.offset + map.range[1] - 1;
  if (lines.text[close] !== '}') return undefined;
  let before = close;
  while (before > 0 && /\s/.test(lines.text[before - 1] ?? '')) before--;
  const empty = map.items.length === 0;
  const at = lines.positionAt(empty ? close : before);
  const trailingComma = lines.text[before - 1] === ',';
  const sep = empty || trailingComma ? '' : ', ';
  return [{ range: { start: at, end: at }, newText: `${sep}${flowText(path, valueYaml, isJson(doc))}${trailingComma ? ', ' : ''}` }];
}

/**
 * Edit giving a key with an empty value (`key:`, `key: ~`) the nested `path: value`, or the value
 * itself when `path` is empty. A trailing comment stays.
 */
function fillEmptyValue(doc: YamlDocument, lines: LineIndex, pair: Pair, path: readonly string[], valueYaml: string): TextEdit[] | undefined {
  const key = pair.key as Node;
  if (!key.range) return undefined;
  const keyStart = lines.positionAt(doc.offset + key.range[0]);
  const lineText = lines.lineText(keyStart.line);
  const colon = lineText.indexOf(':', keyStart.character);
  if (colon < 0) return undefined;
  const after = lineText.slice(colon + 1);
  const valueLength = after.search(/\s#|$/);
  if (!/^\s*(~|null)?\s*$/.test(after.slice(0, valueLength))) return undefined;
  const nl = eol(lines.text);
  const indent = indentColumn(lines, keyStart) + INDENT_STEP;
  let newText: string;
  if (isJson(doc)) {
    if (valueYaml.startsWith('\n')) return undefined;
    newText = ` ${path.length > 0 ? `{${flowText(path, valueYaml, true)}}` : jsonValue(valueYaml)}`;
  } else if (path.length > 0) newText = nl + blockLines(path, valueYaml, indent, nl);
  else if (valueYaml.startsWith('\n')) newText = valueYaml.split('\n').slice(1).map((l) => nl + ' '.repeat(indent) + l).join('');
  else newText = ` ${valueYaml}`;
  return [{ range: { start: { line: keyStart.line, character: colon + 1 }, end: { line: keyStart.line, character: colon + 1 + valueLength } }, newText }];
}

/**
 * Sets `path` below `map` to `valueYaml` (YAML text of a scalar or flow value; a value starting
 * with a line break is a block value), creating missing maps in the style of their parent.
 */
export function setIn(doc: YamlDocument, lines: LineIndex, map: YAMLMap, path: readonly string[], valueYaml: string): TextEdit[] | undefined {
  if (path.length === 0 || doc.errors.length > 0 || isCopy(map)) return undefined;
  const [key, ...rest] = path as [string, ...string[]];
  const pair = findPair(map, key);
  if (!pair) {
    return map.flow ? insertIntoFlowMap(doc, lines, map, path, valueYaml) : insertIntoBlockMap(doc, lines, map, path, valueYaml);
  }
  const value = pair.value;
  if (isAlias(value) || isCopy(pair)) return undefined;
  if (rest.length === 0) {
    if (isNullScalar(value)) return fillEmptyValue(doc, lines, pair, [], valueYaml);
    if (!value?.range) return undefined;
    if (isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED')) return undefined;
    if ((isMap(value) || isSeq(value)) && !value.flow) return undefined;
    if (valueYaml.startsWith('\n')) return undefined;
    const o = doc.offsets(value);
    return [{ range: lines.rangeOf(o.start, o.end), newText: isJson(doc) ? jsonValue(valueYaml) : valueYaml }];
  }
  if (isMap(value)) return setIn(doc, lines, value, rest, valueYaml);
  if (isNullScalar(value)) return fillEmptyValue(doc, lines, pair, rest, valueYaml);
  return undefined;
}

/**
 * Appends `itemYaml` to the sequence at `path` below `map`, creating the sequence (block style
 * under a block map, flow style under a flow map) when it is missing.
 */
export function appendIn(doc: YamlDocument, lines: LineIndex, map: YAMLMap, path: readonly string[], itemYaml: string): TextEdit[] | undefined {
  if (path.length === 0 || doc.errors.length > 0 || isCopy(map)) return undefined;
  let current: YAMLMap = map;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const pair = findPair(current, key);
    const last = i === path.length - 1;
    if (!pair || isNullScalar(pair.value)) {
      const remaining = path.slice(i);
      const blockValue = current.flow ? `[${itemYaml}]` : `\n- ${itemYaml}`;
      if (pair) return fillEmptyValue(doc, lines, pair, remaining.slice(1), blockValue);
      return setIn(doc, lines, current, remaining, blockValue);
    }
    const value = pair.value;
    if (isAlias(value) || isCopy(pair)) return undefined;
    if (last) return isSeq(value) ? appendToSeq(doc, lines, value, itemYaml) : undefined;
    if (!isMap(value)) return undefined;
    current = value;
  }
  return undefined;
}

/** Appends an item to an existing sequence, block or flow. */
export function appendToSeq(doc: YamlDocument, lines: LineIndex, seq: YAMLSeq, itemYaml: string): TextEdit[] | undefined {
  if (!seq.range || doc.errors.length > 0 || isCopy(seq)) return undefined;
  const text = lines.text;
  if (seq.flow) {
    const close = doc.offset + seq.range[1] - 1;
    if (text[close] !== ']') return undefined;
    let before = close;
    while (before > 0 && /\s/.test(text[before - 1] ?? '')) before--;
    const empty = seq.items.length === 0;
    const trailingComma = text[before - 1] === ',';
    const at = lines.positionAt(empty ? close : before);
    return [{ range: { start: at, end: at }, newText: `${empty || trailingComma ? '' : ', '}${isJson(doc) ? jsonValue(itemYaml) : itemYaml}` }];
  }
  const first = seq.items[0] as Node | undefined;
  const lastItem = seq.items[seq.items.length - 1] as Node | undefined;
  if (!first?.range || !lastItem?.range) return undefined;
  // The dash column: the first item starts after "- ".
  const firstPos = lines.positionAt(doc.offset + first.range[0]);
  const firstLine = lines.lineText(firstPos.line);
  const dash = firstLine.lastIndexOf('-', firstPos.character - 1);
  if (dash < 0 || !/^\s*$/.test(firstLine.slice(0, dash))) return undefined;
  const nl = eol(text);
  const end = blockEnd(text, doc.offset + lastItem.range[1]);
  const fragment = `${' '.repeat(dash)}- ${itemYaml}`;
  if (end > 0 && text[end - 1] === '\n') {
    const at = lines.positionAt(end);
    return [{ range: { start: at, end: at }, newText: fragment + nl }];
  }
  const line = lines.positionAt(end).line;
  const at = { line, character: lines.lineText(line).length };
  return [{ range: { start: at, end: at }, newText: nl + fragment }];
}
