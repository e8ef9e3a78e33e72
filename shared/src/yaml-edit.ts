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

const isBlockScalar = (n: unknown): boolean => isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED');

/**
 * Replaces the value of `pair` (a scalar or a flow collection) by `valueYaml`, keeping the key, a
 * trailing comment and the rest of the line.
 */
export function replaceValue(doc: YamlDocument, lines: LineIndex, pair: Pair, valueYaml: string): TextEdit[] | undefined {
  if (doc.errors.length > 0 || isCopy(pair) || valueYaml.startsWith('\n')) return undefined;
  const value = pair.value as Node | null;
  if (!value?.range || isAlias(value) || isCopy(value) || isNullScalar(value) || isBlockScalar(value)) return undefined;
  if ((isMap(value) || isSeq(value)) && !value.flow) return undefined;
  const o = doc.offsets(value);
  return [{ range: lines.rangeOf(o.start, o.end), newText: valueYaml }];
}

/**
 * Deletes the text between `start` and `end` (offsets) in a flow collection together with one
 * neighbouring comma: the one after it, or for the last entry the one before it. `prevEnd` and
 * `nextStart` are the ends of the neighbouring entries.
 */
function deleteFlowEntry(lines: LineIndex, start: number, end: number, prevEnd: number | undefined, nextStart: number | undefined): TextEdit[] | undefined {
  const text = lines.text;
  if (nextStart !== undefined) {
    if (!/^\s*,\s*$/.test(text.slice(end, nextStart))) return undefined;
    return [{ range: lines.rangeOf(start, nextStart), newText: '' }];
  }
  if (prevEnd === undefined || !/^\s*,\s*$/.test(text.slice(prevEnd, start))) return undefined;
  // `{a: 1, b: 2,}`: a trailing comma after the last entry stays where it is.
  return [{ range: lines.rangeOf(prevEnd, end), newText: '' }];
}

/**
 * Deletes whole lines from the line of `start` through the line of `end` (a block node's end, see
 * {@link blockEnd}). At the end of a file without a final line break, the line break before goes.
 */
function deleteLines(lines: LineIndex, start: number, end: number): TextEdit[] {
  const text = lines.text;
  const from = lines.offsetAt({ line: lines.positionAt(start).line, character: 0 });
  let to: number;
  if (end > 0 && text[end - 1] === '\n') to = end;
  else {
    const line = lines.positionAt(end).line;
    to = line + 1 < lines.lineCount ? lines.offsetAt({ line: line + 1, character: 0 }) : text.length;
  }
  if (to === text.length && text[to - 1] !== '\n' && from > 0) {
    let before = from - 1;
    if (text[before - 1] === '\r') before--;
    return [{ range: lines.rangeOf(before, to), newText: '' }];
  }
  return [{ range: lines.rangeOf(from, to), newText: '' }];
}

/** The end of a node for deleting it: block collections up to their line break, scalars on one line only. */
function entryEnd(doc: YamlDocument, lines: LineIndex, start: number, node: Node | null | undefined, fallback: number): number | undefined {
  if (!node?.range) return fallback;
  if (isBlockScalar(node)) return undefined;
  const end = doc.offset + node.range[1];
  if ((isMap(node) || isSeq(node)) && !node.flow) return blockEnd(lines.text, end);
  // a scalar or flow collection spread over several lines
  if (lines.positionAt(end).line !== lines.positionAt(start).line) return undefined;
  return end;
}

/**
 * Removes `pair` from `map`, with its trailing comment. Undefined when it is the map's only pair
 * (the caller decides what the empty map means) or when the layout is not plain.
 */
export function removePair(doc: YamlDocument, lines: LineIndex, map: YAMLMap, pair: Pair): TextEdit[] | undefined {
  if (doc.errors.length > 0 || isCopy(map) || isCopy(pair)) return undefined;
  const index = map.items.indexOf(pair as Pair<unknown, unknown>);
  if (index < 0 || map.items.length < 2) return undefined;
  const key = pair.key as Node | null;
  if (!key?.range) return undefined;
  const start = doc.offset + key.range[0];
  const end = entryEnd(doc, lines, start, pair.value as Node | null, doc.offset + key.range[1]);
  if (end === undefined) return undefined;
  const text = lines.text;
  const keyStartOf = (p: Pair | undefined): number | undefined => {
    const k = p?.key as Node | null | undefined;
    return k?.range ? doc.offset + k.range[0] : undefined;
  };
  const endOf = (p: Pair | undefined): number | undefined => {
    const n = ((p?.value as Node | null)?.range ? p?.value : p?.key) as Node | null | undefined;
    return n?.range ? doc.offset + n.range[1] : undefined;
  };
  if (map.flow) return deleteFlowEntry(lines, start, end, endOf(map.items[index - 1]), keyStartOf(map.items[index + 1]));
  const at = lines.positionAt(start);
  const before = lines.lineText(at.line).slice(0, at.character);
  if (/^\s*$/.test(before)) return deleteLines(lines, start, end);
  // The first key of a sequence item (`- hostPort: 80`): the next key moves up behind the dash.
  const next = keyStartOf(map.items[index + 1]);
  if (index !== 0 || next === undefined || !/^\s*(?:-\s+)+$/.test(before)) return undefined;
  if (!/^[ \t]*(?:#[^\n]*)?\r?\n[ \t]*$/.test(text.slice(end, next))) return undefined;
  return [{ range: lines.rangeOf(start, next), newText: '' }];
}

/**
 * Removes `item` from `seq` (block or flow), with its trailing comment. Undefined when it is the
 * only item or the layout is not plain.
 */
export function removeItem(doc: YamlDocument, lines: LineIndex, seq: YAMLSeq, item: Node): TextEdit[] | undefined {
  if (doc.errors.length > 0 || isCopy(seq) || isCopy(item)) return undefined;
  const index = seq.items.indexOf(item);
  if (index < 0 || seq.items.length < 2 || !item.range) return undefined;
  const start = doc.offset + item.range[0];
  const end = entryEnd(doc, lines, start, item, start);
  if (end === undefined) return undefined;
  const range = (n: unknown): [number, number] | undefined => {
    const r = (n as Node | undefined)?.range;
    return r ? [doc.offset + r[0], doc.offset + r[1]] : undefined;
  };
  if (seq.flow) return deleteFlowEntry(lines, start, end, range(seq.items[index - 1])?.[1], range(seq.items[index + 1])?.[0]);
  const at = lines.positionAt(start);
  if (!/^\s*-\s+$/.test(lines.lineText(at.line).slice(0, at.character))) return undefined;
  return deleteLines(lines, start, end);
}

/**
 * Removes `items` from the sequence at `path` below `map`. When every item goes, the sequence's
 * key goes too; when that key is the only one of its map, the key stays with an empty sequence
 * (`add: []`, or `add:` with nothing below in block style), so that keys the map's parents hold
 * (and fixes inserting into them) keep their place. Undefined when an edit is not certain.
 */
export function removeItemsIn(doc: YamlDocument, lines: LineIndex, map: YAMLMap, path: readonly string[], items: readonly Node[]): TextEdit[] | undefined {
  if (path.length === 0 || items.length === 0 || doc.errors.length > 0) return undefined;
  let parent: YAMLMap = map;
  let pair: Pair | undefined;
  for (let i = 0; i < path.length; i++) {
    if (isCopy(parent)) return undefined;
    pair = findPair(parent, path[i]!);
    if (!pair || isAlias(pair.value) || isCopy(pair)) return undefined;
    if (i < path.length - 1) {
      if (!isMap(pair.value)) return undefined;
      parent = pair.value;
    }
  }
  const seq = pair!.value;
  if (!isSeq(seq) || isCopy(seq) || !items.every((i) => seq.items.includes(i))) return undefined;
  const unique = [...new Set(items)];
  if (unique.length === seq.items.length) {
    if (parent.items.length > 1) return removePair(doc, lines, parent, pair!);
    if (!seq.range) return undefined;
    const o = doc.offsets(seq);
    if (seq.flow) return [{ range: lines.rangeOf(o.start, o.end), newText: '[]' }];
    const first = seq.items[0] as Node | undefined;
    if (!first?.range) return undefined;
    const start = doc.offset + first.range[0];
    const at = lines.positionAt(start);
    if (!/^\s*-\s+$/.test(lines.lineText(at.line).slice(0, at.character))) return undefined;
    return deleteLines(lines, start, blockEnd(lines.text, o.end));
  }
  if (unique.length === 1) return removeItem(doc, lines, seq, unique[0]!);
  if (seq.flow) {
    if (!seq.range) return undefined;
    const o = doc.offsets(seq);
    if (lines.text.slice(o.start, o.end).includes('#')) return undefined;
    const kept = seq.items.filter((i) => !unique.includes(i as Node)) as Node[];
    if (kept.some((k) => !k.range)) return undefined;
    const newText = `[${kept.map((k) => lines.text.slice(doc.offset + k.range![0], doc.offset + k.range![1])).join(', ')}]`;
    return [{ range: lines.rangeOf(o.start, o.end), newText }];
  }
  const edits: TextEdit[] = [];
  for (const item of unique) {
    const e = removeItem(doc, lines, seq, item);
    if (!e) return undefined;
    edits.push(...e);
  }
  return edits;
}

/**
 * Removes `pairs` from `map`. When every pair goes the map stays, empty: `{}` in flow style, the
 * key above it with nothing below in block style. Undefined when an edit is not certain.
 */
export function removePairs(doc: YamlDocument, lines: LineIndex, map: YAMLMap, pairs: readonly Pair[]): TextEdit[] | undefined {
  if (doc.errors.length > 0 || isCopy(map) || pairs.length === 0 || !map.range) return undefined;
  const unique = [...new Set(pairs)];
  if (!unique.every((p) => map.items.includes(p as Pair<unknown, unknown>) && !isCopy(p))) return undefined;
  const o = doc.offsets(map);
  if (unique.length === map.items.length) {
    if (map.flow) return [{ range: lines.rangeOf(o.start, o.end), newText: '{}' }];
    const first = map.items[0]!.key as Node | null;
    if (!first?.range) return undefined;
    const start = doc.offset + first.range[0];
    const at = lines.positionAt(start);
    if (!/^\s*$/.test(lines.lineText(at.line).slice(0, at.character))) return undefined;
    return deleteLines(lines, start, blockEnd(lines.text, o.end));
  }
  if (unique.length === 1) return removePair(doc, lines, map, unique[0]!);
  if (map.flow) {
    if (lines.text.slice(o.start, o.end).includes('#')) return undefined;
    const kept = map.items.filter((p) => !unique.includes(p as Pair));
    const source = (p: Pair): string | undefined => {
      const k = p.key as Node | null;
      const v = p.value as Node | null;
      const end = v?.range?.[1] ?? k?.range?.[1];
      return k?.range && end !== undefined ? lines.text.slice(doc.offset + k.range[0], doc.offset + end) : undefined;
    };
    const texts = kept.map((p) => source(p as Pair));
    if (texts.some((t) => t === undefined)) return undefined;
    return [{ range: lines.rangeOf(o.start, o.end), newText: `{${texts.join(', ')}}` }];
  }
  const edits: TextEdit[] = [];
  for (const p of unique) {
    const e = removePair(doc, lines, map, p);
    if (!e) return undefined;
    edits.push(...e);
  }
  return edits;
}
