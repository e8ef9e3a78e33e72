// RFC 6902 JSON patches, as kustomize applies them with evanphx/json-patch (ops add, remove, replace,
// move, copy, test; JSON pointers with ~0/~1 escapes and `-` for the end of an array).
import { clone, isMap, jsonEqual, type Json, type JsonMap } from './json';

/** One operation of a JSON patch. */
export interface JsonOp {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: Json;
}

/** A patch that cannot be applied. */
export class JsonPatchError extends Error {}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer '${path}'`);
  return path.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function parentOf(doc: Json, parts: readonly string[], path: string): Json {
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(p);
      if (!/^\d+$/.test(p) || i >= cur.length) throw new JsonPatchError(`doc is missing path: "${path}"`);
      cur = cur[i]!;
    } else if (isMap(cur) && p in cur) cur = cur[p]!;
    else throw new JsonPatchError(`doc is missing path: "${path}"`);
  }
  return cur;
}

function get(doc: Json, path: string): Json {
  const parts = pointer(path);
  if (parts.length === 0) return doc;
  const parent = parentOf(doc, parts, path);
  const last = parts[parts.length - 1]!;
  const v = Array.isArray(parent) ? parent[Number(last)] : isMap(parent) ? parent[last] : undefined;
  if (v === undefined) throw new JsonPatchError(`doc is missing path: "${path}"`);
  return v;
}

function remove(doc: Json, path: string): Json {
  const parts = pointer(path);
  const parent = parentOf(doc, parts, path);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!/^\d+$/.test(last) || i >= parent.length) throw new JsonPatchError(`unable to remove nonexistent key: ${last}: missing value`);
    return parent.splice(i, 1)[0]!;
  }
  if (!isMap(parent) || !(last in parent)) throw new JsonPatchError(`unable to remove nonexistent key: ${last}: missing value`);
  const v = parent[last]!;
  delete parent[last];
  return v;
}

function add(doc: Json, path: string, value: Json, replace: boolean): Json {
  const parts = pointer(path);
  if (parts.length === 0) return value;
  const parent = parentOf(doc, parts, path);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!/^(\d+|-)$/.test(last) || i > parent.length || (replace && i >= parent.length)) throw new JsonPatchError(`unable to ${replace ? 'replace' : 'add'} at index ${last}: index out of bounds`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else if (isMap(parent)) {
    if (replace && !(last in parent)) throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path}`);
    parent[last] = value;
  } else throw new JsonPatchError(`doc is missing path: "${path}"`);
  return doc;
}

/** Applies the operations in order to a copy of `doc`. */
export function applyJsonPatch(doc: JsonMap, ops: readonly JsonOp[]): Json {
  let out: Json = clone(doc);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        out = add(out, op.path, clone(op.value ?? null), false);
        break;
      case 'replace':
        out = add(out, op.path, clone(op.value ?? null), true);
        break;
      case 'remove':
        remove(out, op.path);
        break;
      case 'move': {
        const v = remove(out, op.from ?? '');
        out = add(out, op.path, v, false);
        break;
      }
      case 'copy':
        out = add(out, op.path, clone(get(out, op.from ?? '')), false);
        break;
      case 'test':
        if (!jsonEqual(get(out, op.path), op.value ?? null)) throw new JsonPatchError(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw new JsonPatchError(`unexpected kind: ${op.op}`);
    }
  }
  return out;
}

/** Reads operations from a parsed patch document; undefined when it is no list of operations. */
export function toJsonOps(v: Json): JsonOp[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const ops: JsonOp[] = [];
  for (const e of v) {
    if (!isMap(e) || typeof e['op'] !== 'string' || typeof e['path'] !== 'string') return undefined;
    ops.push({ op: e['op'], path: e['path'], ...(typeof e['from'] === 'string' ? { from: e['from'] } : {}), ...('value' in e ? { value: e['value']! } : {}) });
  }
  return ops;
}
