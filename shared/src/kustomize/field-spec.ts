// Field specs: which field of which kinds a transformer changes. Port of the path walk of kustomize's
// api/filters/fieldspec/fieldspec.go (Copyright 2019 The Kubernetes Authors, Apache-2.0).
import { isMap, newMap, type Json, type JsonMap } from './json';
import { gvkOf, gvkSelected, type Gvk } from './resource';

/** One field spec: a slash path (`spec/containers[]/image`), the kinds it applies to, whether to create it. */
export interface FieldSpec {
  readonly gvk: Partial<Gvk>;
  readonly path: string;
  readonly create: boolean;
}

const splitCache = new Map<string, readonly string[]>();

/** splitPath, remembered per path (field specs are few and walked for every resource). */
function splitCached(path: string): readonly string[] {
  let parts = splitCache.get(path);
  if (!parts) {
    parts = splitPath(path);
    if (splitCache.size < 10_000) splitCache.set(path, parts);
  }
  return parts;
}

/** Splits a field-spec path at unescaped slashes (`a/b\/c` → `a`, `b/c`). */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\' && path[i + 1] === '/') {
      cur += '/';
      i++;
    } else if (c === '/') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** What the walk found at the end of a path: the map holding the field and its key. */
export interface FieldSlot {
  readonly parent: JsonMap;
  readonly key: string;
}

/** Kind of the value to create at the end of the path when it is missing. */
export type CreateKind = 'scalar' | 'map' | 'none';

/**
 * Calls `visit` for every field that `spec`'s path reaches in `obj` (every element of a sequence on the way),
 * creating missing maps along the way when the spec says so. A path through a scalar is an error.
 */
export function walkFieldSpec(obj: JsonMap, spec: FieldSpec, createKind: CreateKind, visit: (slot: FieldSlot) => void, gvk: Gvk = gvkOf(obj)): void {
  if (!gvkSelected(gvk, spec.gvk)) return;
  walk(obj, splitCached(spec.path), spec.create && createKind !== 'none', createKind, visit, spec.path);
}

function walk(node: Json, path: readonly string[], create: boolean, createKind: CreateKind, visit: (slot: FieldSlot) => void, full: string): void {
  if (node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, path, create, createKind, visit, full);
    return;
  }
  if (!isMap(node)) throw new Error(`considering field '${full}': expected sequence or mapping node`);
  const raw = path[0]!;
  const isSeq = raw.endsWith('[]');
  const field = isSeq ? raw.slice(0, -2) : raw;
  const last = path.length === 1;
  if (last) {
    if (!(field in node)) {
      if (!create || isSeq) return;
      node[field] = createKind === 'map' ? newMap() : null;
    } else if (node[field] === null && create && createKind === 'map') node[field] = newMap();
    visit({ parent: node, key: field });
    return;
  }
  let next = node[field];
  if (next === undefined) {
    if (!create || isSeq) return;
    next = newMap();
    node[field] = next;
  } else if (next === null) {
    if (!create || isSeq) return;
    next = newMap();
    node[field] = next;
  }
  walk(next, path.slice(1), create, createKind, visit, full);
}

/** Reads field specs from a configuration list (`- path: …, kind: …, group: …, version: …, create: …`). */
export function parseFieldSpecs(v: Json | undefined): FieldSpec[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isMap).map((m) => ({
    gvk: { group: str(m['group']), version: str(m['version']), kind: str(m['kind']) },
    path: str(m['path']),
    create: m['create'] === true,
  }));
}

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/**
 * Adds specs to a list. A spec for the same path whose kinds the present one already selects takes its
 * place (a configuration that narrows `metadata/name` to some kinds narrows the default), as the
 * corpus shows kustomize's FsSlice.MergeAll doing.
 */
export function mergeFieldSpecs(into: readonly FieldSpec[], more: readonly FieldSpec[]): FieldSpec[] {
  const out = [...into];
  for (const fs of more) {
    const i = out.findIndex((o) => o.path === fs.path && gvkSelected({ group: fs.gvk.group ?? '', version: fs.gvk.version ?? '', kind: fs.gvk.kind ?? '' }, o.gvk));
    if (i < 0) out.push(fs);
    else out[i] = fs;
  }
  return out;
}
