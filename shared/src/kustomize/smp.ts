// Strategic merge patches as kustomize v5 applies them (kyaml merge2 over the walk package:
// kyaml/yaml/merge2/merge2.go, kyaml/yaml/walk/{map,associative_sequence,nonassociative_sequence}.go,
// kyaml/yaml/fns.go AssociativeSequenceKeys). Copyright 2019 The Kubernetes Authors, Apache-2.0.
// A list is merged element by element when all elements of the base or the patch carry one of the
// associative keys (or the schema's merge key); any other list is replaced. `null` in a patch deletes the field.
import { clone, isMap, jsonEqual, newMap, type Json, type JsonMap } from './json';

/** kyaml's AssociativeSequenceKeys, in the order they are tried. */
const ASSOCIATIVE_KEYS = ['mountPath', 'devicePath', 'ip', 'type', 'topologyKey', 'name', 'containerPort'];

/** A patch that cannot be applied. */
export class PatchError extends Error {}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

function associativeKey(list: readonly Json[]): string {
  if (list.length === 0) return '';
  for (const key of ASSOCIATIVE_KEYS) if (list.every((e) => isMap(e) && key in e)) return key;
  return '';
}

// Merge keys that Kubernetes' OpenAPI schema gives (x-kubernetes-patch-merge-key), by field name;
// kustomize reads them from the schema before it falls back to the associative keys above.
const SCHEMA_KEYS: Readonly<Record<string, string>> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', env: 'name', volumes: 'name', imagePullSecrets: 'name',
  volumeMounts: 'mountPath', volumeDevices: 'devicePath', hostAliases: 'ip', topologySpreadConstraints: 'topologyKey', resourceClaims: 'name',
};

function schemaKey(path: string): string {
  const field = path.slice(path.lastIndexOf('.') + 1);
  if (field === 'ports') return /(^|\.)(containers|initContainers|ephemeralContainers)\.ports$/.test(path) ? 'containerPort' : path === 'spec.ports' ? 'port' : '';
  return SCHEMA_KEYS[field] ?? '';
}

function listKey(dest: readonly Json[] | undefined, patch: readonly Json[], path: string): string {
  const fromSchema = schemaKey(path);
  if (fromSchema) return fromSchema;
  let key = '';
  for (const list of [dest, patch.filter((e) => !(isMap(e) && Object.keys(e).length === 1 && DIRECTIVE in e))]) {
    if (!list || list.length === 0) continue;
    const k = associativeKey(list);
    if (k === '') continue;
    if (key !== '' && key !== k) throw new PatchError(`conflicting merge keys [${key},${k}] for field ${path}`);
    key = k;
  }
  return key;
}

const keyValue = (e: Json, key: string): string | undefined => {
  const v = isMap(e) ? e[key] : undefined;
  return v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
};

/**
 * Receives the location of every value a patch sets, replaces or deletes: a JSON pointer whose list steps
 * name the element by its merge key (`/spec/containers/[name=app]/image`), so it survives reordering.
 */
export type PatchTrace = (pointer: string) => void;

const escapePointer = (k: string): string => k.replaceAll('~', '~0').replaceAll('/', '~1');

/** Merges `patch` into `dest` (which it does not change); undefined means the value is deleted. */
export function mergeValue(dest: Json | undefined, patch: Json, path = '', ptr = '', trace?: PatchTrace): Json | undefined {
  if (isMap(patch)) return mergeMap(isMap(dest) ? dest : undefined, patch, path, ptr, trace);
  if (Array.isArray(patch)) return mergeList(Array.isArray(dest) ? dest : undefined, patch, path, ptr, trace);
  trace?.(ptr);
  return patch === null ? undefined : patch;
}

function mergeMap(dest: JsonMap | undefined, patch: JsonMap, path: string, ptr: string, trace?: PatchTrace): JsonMap | undefined {
  const directive = patch[DIRECTIVE];
  if (directive === 'delete' || directive === 'replace') trace?.(ptr);
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return stripDirectives(patch);
  const out = dest ? clone(dest) : newMap();
  for (const k of Object.keys(patch)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_PRIMITIVE)) continue;
    const merged = mergeValue(out[k], patch[k]!, path ? `${path}.${k}` : k, `${ptr}/${escapePointer(k)}`, trace);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  for (const k of Object.keys(patch)) {
    if (k.startsWith(DELETE_PRIMITIVE)) {
      const field = k.slice(DELETE_PRIMITIVE.length);
      const remove = patch[k];
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(remove)) out[field] = cur.filter((e) => !remove.some((r) => jsonEqual(r, e)));
    } else if (k.startsWith(SET_ORDER)) {
      const field = k.slice(SET_ORDER.length);
      const order = patch[k];
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(order)) out[field] = reorder(cur, order);
    }
  }
  const retain = patch[RETAIN_KEYS];
  if (Array.isArray(retain)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}

/** Orders list elements as `$setElementOrder` gives them; elements it does not name keep their place after them. */
function reorder(list: readonly Json[], order: readonly Json[]): Json[] {
  const key = associativeKey(order);
  const matches = (e: Json, o: Json): boolean => (key ? keyValue(e, key) === keyValue(o, key) : jsonEqual(e, o));
  const named = order.flatMap((o) => list.filter((e) => matches(e, o)));
  return [...named, ...list.filter((e) => !named.includes(e))];
}

function mergeList(dest: readonly Json[] | undefined, patch: readonly Json[], path: string, ptr: string, trace?: PatchTrace): Json[] | undefined {
  const directive = patch.find((e) => isMap(e) && Object.keys(e).length === 1 && DIRECTIVE in e) as JsonMap | undefined;
  const items = directive ? patch.filter((e) => e !== directive) : patch;
  if (directive?.[DIRECTIVE] === 'delete' || directive?.[DIRECTIVE] === 'replace') trace?.(ptr);
  if (directive?.[DIRECTIVE] === 'delete') return undefined;
  if (directive?.[DIRECTIVE] === 'replace') return items.map((e) => (isMap(e) ? stripDirectives(e) : clone(e)));
  const key = listKey(dest, items, path);
  if (key === '') {
    trace?.(ptr);
    return items.map((e) => (isMap(e) ? (mergeMap(undefined, e, path, ptr) ?? newMap()) : clone(e)));
  }
  const server = dest ?? [];
  const used = new Set<number>();
  const deleted = new Set<number>();
  const patched: { value: Json; order: number }[] = [];
  for (const el of items) {
    const value = keyValue(el, key);
    const index = value === undefined ? -1 : server.findIndex((e) => keyValue(e, key) === value);
    if (index >= 0) used.add(index);
    const elPtr = `${ptr}/[${escapePointer(key)}=${escapePointer(value ?? '')}]`;
    if (isMap(el) && el[DIRECTIVE] === 'delete') {
      trace?.(elPtr);
      if (index >= 0) deleted.add(index);
      continue;
    }
    const keyPtr = `${elPtr}/${escapePointer(key)}`;
    const elTrace = trace && index >= 0 ? (p: string): void => (p === keyPtr ? undefined : trace(p)) : trace;
    const merged = isMap(el) ? mergeMap(index >= 0 && isMap(server[index]) ? (server[index] as JsonMap) : undefined, el, path, elPtr, elTrace) : clone(el);
    if (merged === undefined) {
      if (index >= 0) deleted.add(index);
    } else patched.push({ value: merged, order: index });
  }
  const serverOnly = server.flatMap((e, i) => (used.has(i) || deleted.has(i) ? [] : [{ value: clone(e), order: i }]));
  return mergeSorted(serverOnly, patched);
}

/**
 * Interleaves the elements only the base has with the patched ones, keeping each list's order: a base
 * element goes first only when both stand in the base and it stood earlier (apimachinery's
 * strategicpatch mergeSortedSlice). New elements therefore come before the base's remaining ones.
 */
function mergeSorted(left: readonly { value: Json; order: number }[], right: readonly { value: Json; order: number }[]): Json[] {
  const out: Json[] = [];
  let i = 0, j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) out.push(left[i++]!.value);
    else if (i >= left.length) out.push(right[j++]!.value);
    else if (right[j]!.order >= 0 && left[i]!.order < right[j]!.order) out.push(left[i++]!.value);
    else out.push(right[j++]!.value);
  }
  return out;
}

function stripDirectives(m: JsonMap): JsonMap {
  const out = newMap();
  for (const k of Object.keys(m)) if (k !== DIRECTIVE) out[k] = clone(m[k]!);
  return out;
}

/** Applies a strategic-merge patch to a whole object; undefined when the patch deletes it. */
export function applySmp(target: JsonMap, patch: JsonMap, trace?: PatchTrace): JsonMap | undefined {
  return mergeMap(target, patch, '', '', trace);
}
