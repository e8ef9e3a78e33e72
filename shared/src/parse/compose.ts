import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { Memo, MemoKey } from '../memo';
import { mapPair, scalarString, type YamlDocument, type YamlFile } from './yaml';

/** One service of a Compose file. */
export interface ComposeService {
  readonly name: string;
  readonly file: YamlFile;
  readonly document: YamlDocument;
  /** The service's own map (the anchor's map when the service is an alias). */
  readonly node: YAMLMap;
  /** Range of the service's name key: where "missing setting" findings point. */
  readonly nameRange: Range;
  /** The whole service, for suppression comments above it. */
  readonly range: Range;
  /** Maps merged in with `<<:` and same-file `extends:` bases, in priority order. */
  readonly bases: readonly YAMLMap[];
  /** True when the service's text may be edited (its own map, not an alias of another node). */
  readonly editable: boolean;
  /**
   * True when the definition is partial, so a missing setting proves nothing: `extends:` from another
   * file, or neither `image:` nor `build:` (an override file that only adds settings).
   */
  readonly partial: boolean;
  /** Caches of what rules derive from the service (memo.ts). */
  readonly memo: Memo;
}

/** A setting of a service, found in its own map or inherited through `<<:`/`extends:`. */
export interface Entry {
  readonly pair: Pair<Node, Node | null>;
  /** The value, aliases resolved (undefined for `key:` with no value). */
  readonly value: Node | undefined;
  /** True when the pair is in the service's own, editable map. */
  readonly own: boolean;
}

const MAX_DEPTH = 8;

/** Resolves an alias to its anchored node (one level); other nodes are returned as they are. */
export function resolve(document: YamlDocument, node: unknown): Node | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) {
    // Alias.resolve walks the whole document; the rules ask for the same aliases many times.
    const targets = document.memo.get(ALIASES, () => new Map<object, Node | undefined>());
    if (targets.has(node)) return targets.get(node);
    let target: Node | undefined;
    try {
      target = node.resolve(document.doc) ?? undefined;
    } catch {
      target = undefined;
    }
    targets.set(node, target);
    return target;
  }
  return node as Node;
}

/** The targets of a document's aliases, by alias node. */
const ALIASES = new MemoKey<Map<object, Node | undefined>>('aliases');
const SERVICES = new MemoKey<ComposeService[]>('services');
/** A service's settings, by key. */
const LOOKUPS = new MemoKey<Map<string, Entry | undefined>>('lookups');

/** The services of every document of a Compose file, in file order. */
export function composeServices(file: YamlFile): ComposeService[] {
  return file.memo.get(SERVICES, () => readServices(file));
}

function readServices(file: YamlFile): ComposeService[] {
  const out: ComposeService[] = [];
  for (const document of file.documents) {
    const services = resolve(document, mapPair(document.doc.contents, 'services')?.value);
    if (!isMap(services)) continue;
    for (const pair of services.items) {
      const name = scalarString(pair.key);
      const value = resolve(document, pair.value);
      if (name === undefined || !isMap(value)) continue;
      out.push(makeService(file, document, services, name, pair as Pair<Node, Node | null>, value));
    }
  }
  return out;
}

function makeService(file: YamlFile, document: YamlDocument, services: YAMLMap, name: string, pair: Pair<Node, Node | null>, node: YAMLMap): ComposeService {
  const bases: YAMLMap[] = [];
  let partial = false;
  const seen = new Set<YAMLMap>([node]);
  const addBases = (map: YAMLMap, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const base of mergeSources(document, map)) {
      if (seen.has(base)) continue;
      seen.add(base);
      bases.push(base);
      addBases(base, depth + 1);
    }
    const ext = resolve(document, mapPair(map, 'extends')?.value);
    const target = isScalar(ext) ? scalarString(ext) : scalarString(resolve(document, mapPair(ext, 'service')?.value));
    if (isMap(ext) && mapPair(ext, 'file')) partial = true;
    else if (target !== undefined) {
      const base = resolve(document, mapPair(services, target)?.value);
      if (isMap(base) && !seen.has(base)) {
        seen.add(base);
        bases.push(base);
        addBases(base, depth + 1);
      }
    }
  };
  addBases(node, 0);
  const service: ComposeService = {
    name,
    file,
    document,
    node,
    nameRange: document.keyRange(pair),
    range: document.rangeOf(pair),
    bases,
    editable: !isAlias(pair.value),
    partial,
    memo: new Memo(),
  };
  // the partial copy gets caches of its own: what is memoised of a service may depend on `partial`
  if (!lookup(service, 'image') && !lookup(service, 'build')) return { ...service, partial: true, memo: new Memo() };
  return service;
}

function mergeSources(document: YamlDocument, map: YAMLMap): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const p of map.items) {
    if (!(isScalar(p.key) && p.key.value === '<<')) continue;
    const v = resolve(document, p.value);
    const items = isSeq(v) ? v.items.map((i) => resolve(document, i)) : [v];
    for (const i of items) if (isMap(i)) out.push(i);
  }
  return out;
}

/** A setting of a service: its own key first, then merged (`<<:`) and `extends:` bases. */
export function lookup(service: ComposeService, key: string): Entry | undefined {
  const cache = service.memo.get(LOOKUPS, () => new Map<string, Entry | undefined>());
  if (cache.has(key)) return cache.get(key);
  let found: Entry | undefined;
  for (const map of [service.node, ...service.bases]) {
    const pair = mapPair(map, key);
    if (pair) {
      found = { pair, value: resolve(service.document, pair.value), own: map === service.node && service.editable };
      break;
    }
  }
  cache.set(key, found);
  return found;
}

/** A nested setting (`deploy.resources.limits.memory`): every level through {@link lookup} semantics. */
export function lookupPath(service: ComposeService, path: readonly string[]): Entry | undefined {
  const [first, ...rest] = path;
  if (first === undefined) return undefined;
  let entry = lookup(service, first);
  for (const key of rest) {
    if (!entry || !isMap(entry.value)) return undefined;
    const pair = mapPair(entry.value, key);
    if (!pair) return undefined;
    entry = { pair, value: resolve(service.document, pair.value), own: entry.own && !isAlias(entry.pair.value) };
  }
  return entry;
}

/** A boolean setting: YAML booleans and the strings Compose accepts (`"true"`, `yes`, `on`, `y` …, docs/yaml-reading.md). */
export function truthy(node: Node | undefined): boolean | undefined {
  const s = scalarString(node);
  return s === undefined ? undefined : truthyText(s);
}

/**
 * A boolean written as text, as compose-go's toBoolean reads it (any case, quoted or not): `true`,
 * `y`, `yes`, `on`; `false`, `n`, `no`, `off`; else undefined.
 */
export function truthyText(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (s === 'true' || s === 'yes' || s === 'on' || s === 'y') return true;
  if (s === 'false' || s === 'no' || s === 'off' || s === 'n') return false;
  return undefined;
}

/** A scalar item of a list setting. */
export interface ListItem {
  readonly node: Node;
  readonly text: string;
}

/** The scalar items of a list setting (`security_opt`, `cap_add`, …), block or flow style. */
export function listItems(service: ComposeService, key: string): ListItem[] {
  const value = lookup(service, key)?.value;
  if (!isSeq(value)) return [];
  const out: ListItem[] = [];
  for (const item of value.items) {
    const node = resolve(service.document, item);
    const text = scalarString(node);
    if (node && text !== undefined) out.push({ node, text });
  }
  return out;
}

/** A `security_opt` item split into option and value: `seccomp:unconfined` and `seccomp=unconfined` alike. */
export interface SecurityOpt extends ListItem {
  readonly option: string;
  readonly value: string | undefined;
}

/** The `security_opt` entries of a service. */
export function securityOpts(service: ComposeService): SecurityOpt[] {
  return listItems(service, 'security_opt').map((item) => {
    const m = /^\s*([^:=\s]+)\s*(?:[:=]\s*(.*?))?\s*$/.exec(item.text);
    return { ...item, option: (m?.[1] ?? item.text).toLowerCase(), value: m?.[2] };
  });
}

