import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * Reads a parsed YAML document as the Kubernetes API server and kubectl read it: sigs.k8s.io/yaml
 * decodes with goyaml v2, where an alias stands for a copy of its anchored node, a merge key
 * (`<<: *base`, `<<: [*a, *b]`) copies the keys of its maps into the map it stands in, and of two
 * equal keys the later one wins. goyaml v2 applies a mapping's entries in order, each writing over
 * what an earlier one set: a `<<` after an explicit key overrides it, an explicit key after a `<<`
 * overrides the merged one, and of a merged sequence the earliest map wins.
 *
 * {@link readAsKubernetes} rewrites the document's tree in place to what the API server sees, so
 * that every rule reads the same view: aliases are replaced by copies of their anchored nodes, `<<`
 * entries by the pairs they merge, earlier duplicates are dropped. Copies carry the range of the
 * alias or merge they come from (a finding inside one is reported there) and are marked as copies
 * ({@link isCopy}): no fix edits them, as the text they stand for is elsewhere. The duplicates
 * are returned for `bollwerk/duplicate-key`.
 */

/** A key written twice in one mapping: where the later (effective) one and the earlier one are. */
export interface DuplicateKey {
  readonly key: string;
  /** Offsets of the later key in the document's text. */
  readonly at: readonly [number, number];
  /** Offsets of the earlier key. */
  readonly first: readonly [number, number];
}

/** What reading a document found. */
export interface Reading {
  readonly duplicates: readonly DuplicateKey[];
  /** True when the copies of aliases and merges stopped at {@link MAX_COPIED_NODES}: the document was checked only in part. */
  readonly truncated: boolean;
  /** True when the tree was rewritten (aliases, merges or duplicates), false when it was only read. */
  readonly rewritten: boolean;
}

/** Mappings with fewer keys than this are searched for duplicates key by key, without a Map. */
const SMALL_MAP = 16;

/** Most nodes copied for aliases and merges per document: an alias bomb stops here instead of growing without bound. */
export const MAX_COPIED_NODES = 20_000;

const copies = new WeakSet<object>();
const readings = new WeakMap<Document.Parsed, Reading>();

/** True for a node or pair that is a copy made for an alias or a merge key (not text of its own). */
export function isCopy(node: unknown): boolean {
  return typeof node === 'object' && node !== null && copies.has(node);
}

/** Whether a document was already rewritten by {@link readAsKubernetes}. */
export function wasRewritten(doc: Document.Parsed): boolean {
  return readings.get(doc)?.rewritten === true;
}

/** The key of a pair as text, when it is a scalar (`1` and `"1"` are one key to Kubernetes: JSON keys are strings). */
function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (!isScalar(k)) return undefined;
  const v = k.value;
  return v === null || v === undefined ? '' : String(v);
}

/** True for a merge key: a plain `<<`. */
const isMergeKey = (pair: Pair): boolean => isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN';

/** Reads (and memoizes) a document as Kubernetes does, rewriting its tree in place (see the file comment). */
export function readAsKubernetes(doc: Document.Parsed): Reading {
  const known = readings.get(doc);
  if (known) return known;
  const state = new Walk(true);
  const contents = doc.contents as Node | null;
  if (contents) doc.contents = state.visit(contents) as typeof doc.contents;
  const reading = { duplicates: state.duplicates, truncated: state.truncated, rewritten: state.rewritten };
  readings.set(doc, reading);
  return reading;
}

/** Finds the duplicate keys of a document without changing it (Compose files, which Compose reads itself). */
export function findDuplicateKeys(doc: Document.Parsed): readonly DuplicateKey[] {
  const known = readings.get(doc);
  if (known) return known.duplicates;
  const state = new Walk(false);
  if (doc.contents) state.visit(doc.contents as Node);
  const reading = { duplicates: state.duplicates, truncated: false, rewritten: false };
  readings.set(doc, reading);
  return reading.duplicates;
}

/** One pass over a document: depth-first, in text order (an anchor always comes before its aliases). */
class Walk {
  readonly duplicates: DuplicateKey[] = [];
  truncated = false;
  rewritten = false;
  private copied = 0;
  /** Collections being visited (a stack): an alias of one of them refers to itself and is not copied. */
  private readonly open: Node[] = [];
  /** The node of each anchor name seen so far (an alias refers to the latest anchor of its name before it). */
  private readonly anchors = new Map<string, Node>();

  constructor(private readonly rewrite: boolean) {}

  /** Visits a node; returns the node that stands in its place (a copy for an alias). */
  visit(node: Node): Node {
    if (isAlias(node)) return this.rewrite ? this.expand(node) : node;
    if (node.anchor) this.anchors.set(node.anchor, node);
    if (isMap(node)) this.map(node);
    else if (isSeq(node)) this.seq(node);
    return node;
  }

  private seq(seq: YAMLSeq): void {
    this.open.push(seq);
    const items = seq.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (isPair(item)) this.pair(item);
      else if (item && typeof item === 'object') items[i] = this.visit(item as Node);
    }
    this.open.pop();
  }

  private pair(pair: Pair): void {
    const key = pair.key as Node | null;
    if (this.rewrite && key && typeof key === 'object' && key.anchor) this.anchors.set(key.anchor, key);
    if (pair.value && typeof pair.value === 'object') pair.value = this.visit(pair.value as Node);
  }

  private map(map: YAMLMap): void {
    this.open.push(map);
    const items = map.items as Pair[];
    let special = false;
    // keys as text, by position; a map of them only for large mappings (most have a handful of keys)
    const keys: (string | undefined)[] = [];
    let index: Map<string, number> | undefined;
    for (let i = 0; i < items.length; i++) {
      const pair = items[i]!;
      this.pair(pair);
      if (isMergeKey(pair)) {
        special = true;
        keys.push(undefined);
        continue;
      }
      const key = keyText(pair);
      keys.push(key);
      if (key === undefined || i === 0) continue;
      let earlier = -1;
      if (i < SMALL_MAP) {
        for (let j = i - 1; j >= 0; j--) {
          if (keys[j] === key) {
            earlier = j;
            break;
          }
        }
      } else {
        if (!index) {
          index = new Map();
          for (let j = 0; j < i; j++) if (keys[j] !== undefined) index.set(keys[j]!, j);
        }
        earlier = index.get(key) ?? -1;
        index.set(key, i);
      }
      if (earlier >= 0) {
        special = true;
        this.duplicates.push({ key, at: offsetsOf(pair.key as Node), first: offsetsOf(items[earlier]!.key as Node) });
      }
    }
    this.open.pop();
    if (special && this.rewrite) {
      map.items = this.merged(items);
      this.rewritten = true;
    }
  }

  /** The pairs of a mapping as goyaml v2 leaves them: each entry in order writes over what came before. */
  private merged(items: readonly Pair[]): Pair[] {
    const byKey = new Map<string, Pair>();
    const other: Pair[] = [];
    const set = (pair: Pair): void => {
      const key = keyText(pair);
      if (key === undefined) return void other.push(pair);
      byKey.delete(key); // the later write takes the later place, as its text does
      byKey.set(key, pair);
    };
    for (const pair of items) {
      if (!isMergeKey(pair)) set(pair);
      else for (const merged of this.mergedPairs(pair)) set(merged);
    }
    return [...byKey.values(), ...other];
  }

  /** The pairs a `<<` entry writes, in the order goyaml v2 writes them (a sequence's earliest map last, so that it wins). */
  private mergedPairs(pair: Pair): Pair[] {
    const value = pair.value as Node | null;
    const sources = isSeq(value) ? [...(value.items as Node[])].reverse() : value ? [value] : [];
    const out: Pair[] = [];
    for (const source of sources) {
      if (!isMap(source)) continue; // goyaml rejects a merge of anything but maps; so do the rules, by seeing nothing
      // a copy (an alias replaced above) already carries the alias's range; an inline map is text of its own
      for (const p of source.items as Pair[]) out.push(p);
    }
    return out;
  }

  /** A copy of an alias's anchored node, carrying the alias's range; the alias itself when copying must stop. */
  private expand(alias: Alias): Node {
    const target = this.anchors.get(alias.source);
    if (!target || this.open.includes(target)) return alias;
    const size = countNodes(target, MAX_COPIED_NODES - this.copied + 1);
    if (this.copied + size > MAX_COPIED_NODES) {
      this.truncated = true;
      return alias;
    }
    this.copied += size;
    this.rewritten = true;
    const range = alias.range ?? target.range;
    return copyWithRange(target, range ? [range[0], range[1], range[2]] : undefined);
  }
}

const offsetsOf = (node: Node | null | undefined): readonly [number, number] => {
  const r = node?.range;
  return r ? [r[0], r[1]] : [0, 0];
};

/** Number of nodes below and including `node`, counting stops past `limit`. */
function countNodes(node: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0 && n <= limit) {
    const x = stack.pop();
    if (isPair(x)) {
      stack.push(x.key, x.value);
      continue;
    }
    if (!x || typeof x !== 'object') continue;
    n++;
    if (isMap(x) || isSeq(x)) for (const i of x.items) stack.push(i);
  }
  return n;
}

/** A deep copy of a node whose every node and pair has `range` and is marked as a copy. */
function copyWithRange(node: Node, range: [number, number, number] | undefined): Node {
  const copy = node.clone() as Node;
  const stack: unknown[] = [copy];
  while (stack.length > 0) {
    const x = stack.pop();
    if (!x || typeof x !== 'object') continue;
    copies.add(x);
    if (isPair(x)) {
      stack.push(x.key, x.value);
      continue;
    }
    (x as { range?: [number, number, number] }).range = range ? [range[0], range[1], range[2]] : undefined;
    if (isMap(x) || isSeq(x)) for (const i of x.items) stack.push(i);
  }
  return copy;
}
