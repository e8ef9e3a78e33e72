// `kustomize build`: the recursion over kustomizations (api/internal/target/kusttarget.go
// AccumulateTarget, accumulateResources, accumulateDirectory, runGenerators, runTransformers;
// api/internal/accumulator; api/krusty/kustomizer.go). Copyright 2019 The Kubernetes Authors, Apache-2.0.
import type { FileTree } from '../file-tree';
import { DEFAULT_CONFIG, mergeConfig, parseConfig, type TransformerConfig } from './config';
import { configFromCrds } from './crds';
import { generate } from './generators';
import { contentHash } from './hash';
import { getIn, getString, isMap, newMap, type Json, type JsonMap } from './json';
import { childLoader, isRemote, KustomizeError, MAX_FOLDERS, loadText, resolvePath, shown, type Loader, type LoadRestrictor } from './loader';
import { entryLine, loadKustomization, mapList, stringList, type Kustomization } from './kustomization';
import { fixNameReferences } from './name-reference';
import { legacySort } from './order';
import { allIds, curId, idEquals, idString, makeResource, storePreviousId, type Resource } from './resource';
import { addBuildAnnotations, sortOptions } from './build-metadata';
import { runTransformers } from './kustomization-transformers';
import { pluginConfigs, runGeneratorConfig, runTransformerConfig, type PluginConfig } from './plugins';
import { mergeBoundVars, mergeVars, parseVars, resolveVars, type Var } from './vars';
import { readYamlDocs } from './yaml-read';
import { writeYaml } from './yaml-write';

/** Build options, as `kustomize build` flags. */
export interface BuildOptions {
  readonly reorder?: 'legacy' | 'none';
  readonly loadRestrictor?: LoadRestrictor;
}

/** The result of a build: the resources (with their origins) and the text kustomize prints, or the error. */
export type BuildResult = { readonly ok: true; readonly resources: readonly Resource[]; readonly yaml: string } | { readonly ok: false; readonly error: KustomizeError };

interface Acc {
  resources: Resource[];
  config: TransformerConfig;
  vars: Var[];
}

const wrap = (prefix: string, e: unknown): KustomizeError => {
  if (e instanceof KustomizeError) return new KustomizeError(`${prefix}: ${e.message}`, e.file, e.line);
  return new KustomizeError(`${prefix}: ${(e as Error).message}`);
};

function append(acc: Acc, r: Resource): void {
  const id = curId(r);
  if (acc.resources.some((x) => idEquals(curId(x), id))) throw new KustomizeError(`may not add resource with an already registered id: ${idString(id)}`);
  acc.resources.push(r);
}

/** Label and annotation values become strings, as kustomize reads them into string maps. */
function stringifyMeta(obj: JsonMap): JsonMap {
  const meta = obj['metadata'];
  if (!isMap(meta)) return obj;
  for (const key of ['labels', 'annotations']) {
    const m = meta[key];
    if (!isMap(m)) continue;
    for (const k of Object.keys(m)) {
      const v = m[k]!;
      if (typeof v === 'number' || typeof v === 'boolean') m[k] = typeof v === 'number' ? formatGoNumber(v) : String(v);
    }
  }
  return obj;
}

const formatGoNumber = (n: number): string => (Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n));

function readResources(ldr: Loader, rel: string): Resource[] {
  const text = loadText(ldr, rel);
  const file = resolvePath(ldr, rel)!;
  const out: Resource[] = [];
  for (const d of readYamlDocs(text)) {
    if ('error' in d) throw new KustomizeError(`MalformedYAMLError: ${d.error} in File: ${shown(file)}`, file, d.line);
    if (d.value === null) continue;
    if (!isMap(d.value)) throw new KustomizeError(`missing Resource metadata in File: ${shown(file)}`, file, d.line);
    const kind = getString(d.value, 'kind');
    const items = d.value['items'];
    if (kind.endsWith('List') && Array.isArray(items)) {
      for (const item of items) if (isMap(item)) out.push(makeResource(stringifyMeta(item), { file, line: d.line }));
      continue;
    }
    if (Object.keys(d.value).length === 0) continue;
    if (kind === '') throw new KustomizeError(`missing kind in object in File: ${shown(file)}`, file, d.line);
    out.push(makeResource(stringifyMeta(d.value), { file, line: d.line }));
  }
  return out;
}

function isFile(ldr: Loader, rel: string): boolean {
  const p = resolvePath(ldr, rel);
  return p !== undefined && ldr.tree.readFile(p) !== undefined;
}

function accumulateResources(acc: Acc, ldr: Loader, k: Kustomization, paths: readonly string[]): void {
  for (const rel of paths) {
    if (isRemote(rel)) throw new KustomizeError(`accumulating resources: remote resource '${rel}' is not fetched: the build reads local files only`, k.file, k.lines.get('resources'));
    try {
      if (isFile(ldr, rel)) {
        for (const r of readResources(ldr, rel)) append(acc, r);
        continue;
      }
      const child = childLoader(ldr, rel);
      accumulateDirectory(acc, child, false);
    } catch (e) {
      const located = e instanceof KustomizeError && !e.file ? new KustomizeError(e.message, k.file, entryLine(k, k.fields['resources'] !== undefined && stringList(k, 'resources').includes(rel) ? 'resources' : 'bases', rel)) : e;
      throw wrap(`accumulating resources from '${rel}'`, located);
    }
  }
}

function accumulateDirectory(acc: Acc, ldr: Loader, isComponent: boolean): void {
  const sub = loadKustomization(ldr);
  if (isComponent && !sub.isComponent) throw new KustomizeError(`expected kind 'Component' for path '${shown(ldr.root)}' but got 'Kustomization'`, sub.file);
  if (!isComponent && sub.isComponent) throw new KustomizeError(`expected kind != 'Component' for path '${shown(ldr.root)}'`, sub.file);
  if (isComponent) {
    accumulateTarget(acc, ldr, sub);
    return;
  }
  const child: Acc = { resources: [], config: acc.config, vars: [] };
  accumulateTarget(child, ldr, sub);
  for (const r of child.resources) append(acc, r);
  acc.config = mergeConfig(acc.config, child.config);
  mergeBoundVars(acc.vars, child.vars);
}

function line(k: Kustomization, key: string): number | undefined {
  return k.lines.get(key);
}

function accumulateTarget(acc: Acc, ldr: Loader, k: Kustomization): void {
  if (k.fields['helmCharts'] !== undefined || k.fields['helmChartInflationGenerator'] !== undefined) {
    throw new KustomizeError('helmCharts are not supported by this build (render the chart with `bollwerk render CHART`)', k.file, line(k, 'helmCharts'));
  }
  if (stringList(k, 'validators').length > 0) throw new KustomizeError('validators: plugins are not run by this build', k.file, line(k, 'validators'));
  try {
    accumulateResources(acc, ldr, k, [...stringList(k, 'resources'), ...stringList(k, 'bases')]);
  } catch (e) {
    throw wrap('accumulating resources', e instanceof KustomizeError && !e.file ? new KustomizeError(e.message, k.file, line(k, 'resources')) : e);
  }
  for (const path of stringList(k, 'configurations')) {
    const docs = readYamlDocs(loadText(ldr, path));
    for (const d of docs) if ('value' in d) acc.config = mergeConfig(acc.config, parseConfig(d.value));
  }
  for (const path of stringList(k, 'crds')) {
    for (const d of readYamlDocs(loadText(ldr, path))) {
      if ('error' in d) throw new KustomizeError(`crds: ${d.error}`, k.file, line(k, 'crds'));
      acc.config = mergeConfig(acc.config, configFromCrds(d.value));
    }
  }
  for (const rel of stringList(k, 'components')) {
    try {
      accumulateDirectory(acc, childLoader(ldr, rel), true);
    } catch (e) {
      throw wrap(`accumulating components`, e instanceof KustomizeError && !e.file ? new KustomizeError(e.message, k.file, line(k, 'components')) : e);
    }
  }
  runGenerators(acc, ldr, k);
  for (const p of configs(acc, ldr, k, 'generators')) absorb(acc, runGeneratorConfig(ldr, p.cfg, p.file), k.file);
  runTransformers(acc, ldr, k);
  for (const p of configs(acc, ldr, k, 'transformers')) acc.resources = runTransformerConfig(acc.resources, ldr, p.cfg, p.file);
  mergeVars(acc.vars, parseVars(k.fields['vars'], k.file), acc.resources);
}

/** The plugin configurations a kustomization lists (files, folders of them, inline). */
function configs(acc: Acc, ldr: Loader, k: Kustomization, key: 'generators' | 'transformers'): PluginConfig[] {
  return pluginConfigs(stringList(k, key), k.file, (entry) => {
    const sub: Acc = { resources: [], config: acc.config, vars: [] };
    try {
      accumulateResources(sub, ldr, k, [entry]);
    } catch (e) {
      throw wrap(`loading ${key}`, e);
    }
    return sub.resources.map((r) => ({ cfg: r.obj, file: r.origin.file }));
  });
}

function absorb(acc: Acc, r: Resource, file: string): void {
  const id = curId(r);
  const matches = acc.resources.filter((x) => allIds(x).some((i) => idEquals(i, id)));
  if (matches.length === 0) {
    if (r.behavior === 'merge' || r.behavior === 'replace') throw new KustomizeError(`merging from generator: id ${idString(id)} does not exist; cannot merge or replace`, file);
    append(acc, r);
    return;
  }
  if (matches.length > 1) throw new KustomizeError(`found multiple objects that could accept merge of ${idString(id)}`, file);
  const old = matches[0]!;
  if (r.behavior !== 'merge' && r.behavior !== 'replace') throw new KustomizeError(`merging from generator: id ${idString(id)} exists; behavior must be merge or replace`, file);
  const meta = r.obj['metadata'] as JsonMap;
  const oldMeta = isMap(old.obj['metadata']) ? old.obj['metadata'] : newMap();
  for (const key of ['labels', 'annotations']) {
    const merged = Object.assign(newMap(), isMap(oldMeta[key]) ? oldMeta[key] : {}, isMap(meta[key]) ? meta[key] : {});
    if (Object.keys(merged).length) meta[key] = merged;
  }
  meta['name'] = oldMeta['name'] ?? meta['name']!;
  if (typeof oldMeta['namespace'] === 'string') meta['namespace'] = oldMeta['namespace'];
  else delete meta['namespace'];
  if (r.behavior === 'merge') {
    for (const key of ['data', 'binaryData']) {
      const merged = Object.assign(newMap(), isMap(old.obj[key]) ? old.obj[key] : {}, isMap(r.obj[key]) ? r.obj[key] : {});
      if (Object.keys(merged).length) r.obj[key] = merged;
    }
  }
  const merged: Resource = { ...old, obj: r.obj, needsHash: old.needsHash && r.needsHash, patchedBy: [...old.patchedBy, r.origin] };
  acc.resources[acc.resources.indexOf(old)] = r.behavior === 'replace' ? { ...merged, origin: r.origin, generatedBy: r.generatedBy, generatorName: r.generatorName } : merged;
}

function runGenerators(acc: Acc, ldr: Loader, k: Kustomization): void {
  const options = k.fields['generatorOptions'];
  for (const [key, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    for (const args of mapList(k, key)) absorb(acc, generate(ldr, kind, args, options, k.file), k.file);
  }
}

function finish(acc: Acc, k: Kustomization, options: BuildOptions, root: string): Resource[] {
  for (const r of acc.resources) {
    if (!r.needsHash) continue;
    const hash = contentHash(r.obj);
    storePreviousId(r);
    (r.obj['metadata'] as JsonMap)['name'] = `${getString(r.obj, 'metadata', 'name')}-${hash}`;
  }
  fixNameReferences(acc.resources, acc.config.nameReference);
  resolveVars(acc.resources, acc.vars, acc.config.varReference);
  let out = acc.resources.filter((r) => getIn(r.obj, 'metadata', 'annotations', 'config.kubernetes.io/local-config') !== 'true');
  addBuildAnnotations(out, k, root);
  const so = sortOptions(k);
  if (so) {
    if (so.order === 'legacy') out = legacySort(out, so.first, so.last);
  } else if ((options.reorder ?? 'legacy') === 'legacy') out = legacySort(out);
  return out;
}

/** Builds the kustomization in folder `dir` of the tree, as `kustomize build` does. */
export function buildKustomization(tree: FileTree, dir: string, options: BuildOptions = {}): BuildResult {
  const root: Loader = { tree, root: dir.replace(/^\/+|\/+$/g, ''), restrictor: options.loadRestrictor ?? 'LoadRestrictionsRootOnly', chain: [], budget: { folders: MAX_FOLDERS } };
  try {
    const k = loadKustomization(root);
    const acc: Acc = { resources: [], config: DEFAULT_CONFIG, vars: [] };
    accumulateTarget(acc, root, k);
    const resources = finish(acc, k, options, root.root);
    // the text is written when asked for: the linter writes each resource itself, with its YAML tree
    let yaml: string | undefined;
    return {
      ok: true,
      resources,
      get yaml(): string {
        return (yaml ??= resources.map((r) => writeYaml(r.obj as Json)).join('---\n'));
      },
    };
  } catch (e) {
    if (e instanceof KustomizeError) return { ok: false, error: e };
    if (e instanceof RangeError) return { ok: false, error: new KustomizeError(`the build is too deeply nested: ${e.message}`) };
    throw e;
  }
}
