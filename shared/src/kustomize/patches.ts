// patchesStrategicMerge, patches and patchesJson6902 (kustomize plugin/builtin/
// {patchstrategicmerge,patch,patchjson6902}transformer). Copyright 2019 The Kubernetes Authors, Apache-2.0.
import { applyJsonPatch, toJsonOps, JsonPatchError, type JsonOp } from './json-patch';
import { clone, isMap, newMap, type Json, type JsonMap } from './json';
import { KustomizeError, loadText, type Loader } from './loader';
import { curId, objId, storePreviousId, type Origin, type Resource } from './resource';
import { getById, select, type Selector } from './select';
import { applySmp, PatchError } from './smp';
import { readYamlDocs } from './yaml-read';

/** A loaded patch: strategic-merge documents or JSON operations, and where it came from. */
export type LoadedPatch =
  | { readonly kind: 'smp'; readonly docs: readonly JsonMap[]; readonly origin: Origin; readonly allowNameChange: boolean; readonly allowKindChange: boolean }
  | { readonly kind: 'json'; readonly ops: readonly JsonOp[]; readonly origin: Origin };

function docsOf(text: string, file: string): Json[] {
  const out: Json[] = [];
  for (const d of readYamlDocs(text)) {
    if ('error' in d) throw new KustomizeError(`failed to parse patch: ${d.error}`, file, d.line);
    if (d.value !== null) out.push(d.value);
  }
  return out;
}

/** Reads a patch given inline or by path; it is a JSON patch when it is a list of operations. */
export function loadPatch(ldr: Loader, patch: string | undefined, path: string | undefined, file: string, options: Json | undefined): LoadedPatch {
  if (!patch && !path) throw new KustomizeError('must specify one of patch and path', file);
  if (patch && path) throw new KustomizeError("patch and path can't be set at the same time", file);
  const text = patch ?? loadText(ldr, path!);
  const origin: Origin = { file: path ? `${ldr.root ? `${ldr.root}/` : ''}${path}` : file, line: 0 };
  const docs = docsOf(text, origin.file);
  if (docs.length === 1 && Array.isArray(docs[0])) {
    const ops = toJsonOps(docs[0]!);
    if (!ops) throw new KustomizeError(`unable to parse SM or JSON patch from ${text}`, file);
    return { kind: 'json', ops, origin };
  }
  const maps = docs.filter(isMap);
  if (maps.length !== docs.length) throw new KustomizeError(`unable to parse SM or JSON patch from ${text}`, file);
  const opt = (k: string): boolean => isMap(options) && options[k] === true;
  return { kind: 'smp', docs: maps, origin, allowNameChange: opt('allowNameChange'), allowKindChange: opt('allowKindChange') };
}

/** Applies one strategic-merge document to one resource; false when the patch deleted it. */
function smpOne(r: Resource, doc: JsonMap, p: { allowNameChange: boolean; allowKindChange: boolean; origin: Origin }): boolean {
  const before = curId(r);
  let merged: JsonMap | undefined;
  try {
    const patch = clone(doc);
    if (!p.allowKindChange) patch['apiVersion'] = r.obj['apiVersion'] ?? null;
    merged = applySmp(r.obj, patch, (ptr) => {
      if (!/^\/(apiVersion|kind|metadata\/name|metadata\/namespace)$/.test(ptr)) r.valueOrigins.set(ptr, p.origin);
    });
  } catch (e) {
    if (e instanceof PatchError) throw new KustomizeError(e.message, p.origin.file);
    throw e;
  }
  if (!merged || Object.keys(merged).length === 0) return false;
  const meta = isMap(merged['metadata']) ? merged['metadata'] : (merged['metadata'] = newMap());
  if (!p.allowKindChange) merged['kind'] = before.kind;
  if (!p.allowNameChange) meta['name'] = before.name;
  if (before.namespace) meta['namespace'] = before.namespace;
  else delete meta['namespace'];
  if (p.allowNameChange && before.name !== meta['name']) r.prevIds.push(before);
  r.obj = merged;
  r.patchedBy.push(p.origin);
  return true;
}

function applySmpTo(resources: Resource[], targets: ReadonlySet<Resource>, doc: JsonMap, p: LoadedPatch & { kind: 'smp' }): Resource[] {
  return resources.filter((r) => !targets.has(r) || smpOne(r, doc, p));
}

function applyJson(r: Resource, ops: readonly JsonOp[], origin: Origin): void {
  storePreviousId(r);
  let out: Json;
  try {
    out = applyJsonPatch(r.obj, ops);
  } catch (e) {
    if (e instanceof JsonPatchError) throw new KustomizeError(`failed to apply json patch '${JSON.stringify(ops)}': ${e.message}`, origin.file);
    throw e;
  }
  if (!isMap(out)) throw new KustomizeError('a JSON patch must leave an object', origin.file);
  r.obj = out;
  r.patchedBy.push(origin);
  for (const op of ops) r.valueOrigins.set(op.path, origin);
}

/** Applies a loaded patch to the resources; returns the resources left (a patch can delete some). */
export function applyPatch(resources: Resource[], p: LoadedPatch, target: Selector | undefined): Resource[] {
  if (p.kind === 'json') {
    if (!target) throw new KustomizeError(`must specify a target for JSON patch`, p.origin.file);
    for (const r of select(resources, target)) applyJson(r, p.ops, p.origin);
    return resources;
  }
  let out = resources;
  for (const doc of p.docs) {
    const targets = target ? select(out, target) : [getById(out, objId(doc))];
    out = applySmpTo(out, new Set(targets), doc, p);
  }
  return out;
}
