import { parseAllDocuments, isMap, isPair, isScalar, isSeq, isAlias, visit, type Document, type Node, type Pair, YAMLMap, YAMLSeq, Scalar } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { Memo } from '../memo';
import { lineIndex, type LineIndex } from '../text';
import { crdSpecSpan } from './crd-schema';
import { findDuplicateKeys, readAsKubernetes, wasRewritten } from './yaml-reading';
import { parseLenient } from './yaml-quoted';

/** A syntax problem in a YAML document, with its absolute range. */
export interface YamlProblem {
  readonly message: string;
  readonly range: Range;
}

/** One YAML document of a (multi-document) file. Node offsets are relative to `offset`. */
export interface YamlDocument {
  readonly index: number;
  /** Offset of this document's text in the file. */
  readonly offset: number;
  readonly doc: Document.Parsed;
  readonly errors: readonly YamlProblem[];
  /** Keys written twice in one mapping: the later one (which Kubernetes uses) and the earlier one. */
  readonly duplicates: readonly DuplicateKeyRange[];
  /** True when aliases and merge keys expand to more than the tree keeps (yaml-reading.ts): rules saw only part of the document. */
  readonly truncated: boolean;
  /** Range of a node or pair (key start to value end) in the file. */
  rangeOf(node: Node | Pair | null | undefined): Range;
  /** Range of a pair's key, or of the node itself. */
  keyRange(pair: Pair): Range;
  /** Absolute start and end offsets of a node in the file. */
  offsets(node: Node | Pair): { start: number; end: number };
  /** Caches of what rules derive from the document (memo.ts). */
  readonly memo: Memo;
}

/** A key written twice in one mapping. */
export interface DuplicateKeyRange {
  readonly key: string;
  /** The later key, whose value counts. */
  readonly range: Range;
  /** The earlier key. */
  readonly first: Range;
}

/** A Kubernetes object: a document's root map (or an item of a `List`) with `apiVersion` and `kind`. */
export interface K8sObject {
  readonly document: YamlDocument;
  readonly node: YAMLMap;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The whole object. */
  readonly range: Range;
  /** Caches of what rules derive from the object (memo.ts). */
  readonly memo: Memo;
}

/** A parsed Compose file or Kubernetes manifest. */
export interface YamlFile {
  readonly kind: 'compose' | 'kubernetes' | 'pipeline';
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly documents: readonly YamlDocument[];
  /** Kubernetes objects of every document (empty for Compose). */
  readonly objects: readonly K8sObject[];
  /** Caches of what rules derive from the file (memo.ts). */
  readonly memo: Memo;
}

/** Parses a chunk once; shared by callers that keep a cache keyed by chunk text. */
export interface ParsedChunk {
  readonly docs: readonly Document.Parsed[];
  /** True when a CustomResourceDefinition's spec was left out (crd-schema.ts): only a manifest's reading may use it. */
  readonly abridged?: boolean;
}

/** Bounds that keep hostile input (alias bombs, huge nesting) from hanging the process. */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false, maxAliasCount: 100, keepSourceTokens: false, strict: false } as const;

/** True when the line from `pos` to `lineEnd` is a `---` document marker (followed by a blank, a tab or the line's end). */
function isMarkerLine(text: string, pos: number, lineEnd: number): boolean {
  if (!text.startsWith('---', pos)) return false;
  const next = pos + 3;
  if (next === lineEnd) return true;
  const c = text.charCodeAt(next);
  return c === 32 || c === 9 || (c === 13 && next + 1 === lineEnd);
}

/**
 * Splits a YAML stream at its column-0 `---` markers. A document marker cannot occur inside a
 * scalar, so each chunk holds whole documents and can be parsed (and cached) on its own.
 */
export function splitDocuments(text: string): { start: number; end: number }[] {
  const chunks: { start: number; end: number }[] = [];
  let start = 0;
  let pos = 0;
  let onlyDirectives = true;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    if (text.charCodeAt(pos) === 45 /* - */ && isMarkerLine(text, pos, lineEnd)) {
      if (pos > start && !onlyDirectives) {
        chunks.push({ start, end: pos });
        start = pos;
      }
      onlyDirectives = false;
    } else if (onlyDirectives) {
      // only a line before the first content can change anything else: the rest is skipped cheaply
      const line = text.slice(pos, lineEnd);
      if (!/^\s*(#.*)?\r?$/.test(line) && !line.startsWith('%')) onlyDirectives = false;
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  chunks.push({ start, end: text.length });
  return chunks;
}

/** Parses one chunk of YAML text, quoted scalars read as goyaml reads them (yaml-quoted.ts). Never throws. */
export function parseChunk(text: string): ParsedChunk {
  try {
    return { docs: parseLenient(text, (t) => parseAllDocuments(t, YAML_OPTIONS) as unknown as Document.Parsed[]) };
  } catch {
    return { docs: [] };
  }
}

/**
 * Parses a chunk read as Kubernetes manifests: a large CustomResourceDefinition without its spec's
 * value (crd-schema.ts), the nodes after the left-out span at their offsets in the chunk; any other
 * chunk whole. Never throws.
 */
export function parseManifestChunk(text: string): ParsedChunk {
  const span = crdSpecSpan(text);
  if (!span) return parseChunk(text);
  const parsed = parseChunk(text.slice(0, span.start) + text.slice(span.end));
  if (parsed.docs.length !== 1 || parsed.docs[0]!.errors.length > 0) return parseChunk(text);
  const shift = span.end - span.start;
  const moved = (offset: number): number => (offset >= span.start ? offset + shift : offset);
  const doc = parsed.docs[0]!;
  const move = (range: [number, number, number] | null | undefined): void => {
    if (range) for (let i = 0; i < 3; i++) range[i] = moved(range[i]!);
  };
  move(doc.range);
  visit(doc, {
    Node(_, node) {
      move(node.range);
    },
  });
  for (const w of doc.warnings) w.pos = [moved(w.pos[0]), moved(w.pos[1])];
  return { docs: parsed.docs, abridged: true };
}

/** Options for {@link parseYaml}. */
export interface ParseYamlOptions {
  /** Cache of parsed chunks by their text: unchanged documents are not parsed again. */
  readonly cache?: Map<string, ParsedChunk>;
  /** Parses only the chunks (see splitDocuments) this accepts; the others yield no documents. */
  readonly chunkFilter?: (chunkText: string) => boolean;
}

/** Parses a YAML file into documents and (for Kubernetes) objects. Never throws. */
export function parseYaml(uri: string, text: string, kind: YamlFile['kind'], options: ParseYamlOptions = {}): YamlFile {
  const lines = lineIndex(text);
  const documents: YamlDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    const chunkText = text.slice(chunk.start, chunk.end);
    if (options.chunkFilter && !options.chunkFilter(chunkText)) continue;
    if (isEmptyChunk(chunkText)) continue; // no content, nothing to parse: a run of empty `---` costs no parse each
    let parsed = options.cache?.get(chunkText);
    // a chunk read as Kubernetes has its tree rewritten (yaml-reading.ts); Compose reads aliases and merges itself
    if (parsed && kind !== 'kubernetes' && (parsed.abridged || (kind === 'compose' && parsed.docs.some(wasRewritten)))) parsed = parseChunk(chunkText);
    else if (!parsed) {
      parsed = kind === 'kubernetes' ? parseManifestChunk(chunkText) : parseChunk(chunkText);
      options.cache?.set(chunkText, parsed);
    }
    for (const doc of parsed.docs) documents.push(makeDocument(documents.length, chunk.start, doc, lines, kind));
  }
  const objects = kind === 'kubernetes' ? documents.flatMap(k8sObjects) : [];
  return { kind, uri, text, lines, documents, objects, memo: new Memo() };
}

/** True for a chunk of document markers, blank lines and comments only (splitDocuments' chunks start at their marker). */
function isEmptyChunk(chunk: string): boolean {
  return chunk.length < 64 ? EMPTY_CHUNK.test(chunk) : false;
}
const EMPTY_CHUNK = /^(?:(?:---|\.\.\.)?[ \t]*(?:#[^\n]*)?\r?\n)*(?:(?:---|\.\.\.)?[ \t]*(?:#[^\n]*)?)$/;

function makeDocument(index: number, offset: number, doc: Document.Parsed, lines: LineIndex, kind: 'compose' | 'kubernetes' | 'pipeline'): YamlDocument {
  // only manifests are read as the API server reads them (YAML 1.1 booleans, merges): a workflow's `on:` is a key
  const reading = kind === 'kubernetes' ? readAsKubernetes(doc) : { duplicates: findDuplicateKeys(doc), truncated: false };
  const offsets = (node: Node | Pair): { start: number; end: number } => {
    if (isPair(node)) {
      const k = node.key as Node | null;
      const v = node.value as Node | null;
      const start = k?.range?.[0] ?? v?.range?.[0] ?? 0;
      const end = v?.range?.[1] ?? k?.range?.[1] ?? start;
      return { start: offset + start, end: offset + end };
    }
    const r = node.range;
    return r ? { start: offset + r[0], end: offset + r[1] } : { start: offset, end: offset };
  };
  const rangeOf = (node: Node | Pair | null | undefined): Range => {
    if (!node) return lines.rangeOf(offset, offset);
    const o = offsets(node);
    return lines.rangeOf(o.start, o.end);
  };
  const errors = [...doc.errors].map((e) => ({
    message: e.message.split('\n')[0] ?? e.message,
    range: lines.rangeOf(offset + e.pos[0], offset + Math.max(e.pos[0], e.pos[1])),
  }));
  const duplicates = reading.duplicates.map((d) => ({ key: d.key, range: lines.rangeOf(offset + d.at[0], offset + d.at[1]), first: lines.rangeOf(offset + d.first[0], offset + d.first[1]) }));
  return {
    index,
    offset,
    doc,
    errors,
    duplicates,
    truncated: reading.truncated,
    rangeOf,
    keyRange: (pair) => rangeOf((pair.key as Node | null) ?? pair),
    offsets,
    memo: new Memo(),
  };
}

function k8sObjects(document: YamlDocument): K8sObject[] {
  const root = document.doc.contents;
  if (!isMap(root)) return [];
  const top = toObject(document, root);
  if (!top) return [];
  const items = top.kind.endsWith('List') ? mapGet(root, 'items') : undefined;
  if (isSeq(items)) {
    return items.items.flatMap((item) => (isMap(item) ? [toObject(document, item)].filter((o): o is K8sObject => !!o) : []));
  }
  return [top];
}

function toObject(document: YamlDocument, node: YAMLMap): K8sObject | undefined {
  const apiVersion = scalarString(mapGet(node, 'apiVersion'));
  const kind = scalarString(mapGet(node, 'kind'));
  if (apiVersion === undefined || kind === undefined) return undefined;
  const metadata = mapGet(node, 'metadata');
  return {
    document,
    node,
    apiVersion,
    kind,
    name: scalarString(mapGet(metadata, 'name')),
    namespace: scalarString(mapGet(metadata, 'namespace')),
    labels: stringMap(mapGet(metadata, 'labels')),
    annotations: stringMap(mapGet(metadata, 'annotations')),
    range: document.rangeOf(node),
    memo: new Memo(),
  };
}

/** The value node of `key` in a map (aliases resolved one level), or undefined. Tolerates any input. */
export function mapGet(node: unknown, key: string): Node | undefined {
  const pair = mapPair(node, key);
  return pair ? deref(pair.value as Node | null) : undefined;
}

/** The pair of `key` in a map, or undefined; of two equal keys the later, whose value Kubernetes and Compose use. */
export function mapPair(node: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(node)) return undefined;
  const items = node.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const p = items[i]!;
    const k = p.key;
    if (isScalar(k) ? String(k.value) === key : k === key) return p as Pair<Node, Node | null>;
  }
  return undefined;
}

/** Follows an alias to its anchor (one level; alias bombs are never expanded). */
export function deref(node: Node | null | undefined): Node | undefined {
  if (!node) return undefined;
  if (isAlias(node)) return undefined;
  return node;
}

/** A scalar's value as a string (numbers and booleans included), or undefined. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : undefined;
}

/** The plain scalars goyaml v2 (which sigs.k8s.io/yaml decodes Kubernetes manifests with) resolves to true or false: YAML 1.1's booleans. */
const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
]);

/**
 * A boolean field of a Kubernetes manifest as the API server reads it: a YAML boolean, or a plain
 * (unquoted) scalar of YAML 1.1's set (`yes`, `on`, `y`, `Off` …, see docs/yaml-reading.md). A quoted
 * `"yes"` is a string, which the API server rejects for a boolean field: undefined.
 */
export function scalarBool(node: unknown): boolean | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'boolean') return v;
  return typeof v === 'string' && node.type === 'PLAIN' && !node.tag ? YAML11_BOOLEANS.get(v) : undefined;
}

/** A map of scalars as a plain record (non-scalar entries skipped). */
export function stringMap(node: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(node)) return out;
  for (const p of node.items) {
    const k = scalarString(p.key);
    const v = scalarString(p.value);
    if (k !== undefined && v !== undefined) out[k] = v;
  }
  return out;
}

/** Items of a sequence (empty for anything else). */
export function seqItems(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

export { isMap, isSeq, isScalar, isPair, YAMLMap, YAMLSeq, Scalar };
export type { Node, Pair, Document };
