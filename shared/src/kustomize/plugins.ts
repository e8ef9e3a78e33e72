// Built-in plugin configurations listed under `generators:` and `transformers:` (apiVersion `builtin`):
// kustomize's plugin/builtin/* configured from a file, a folder of them or inline YAML. Other plugins
// (exec, containerized, Go) are not run.
import { parseFieldSpecs, type FieldSpec } from './field-spec';
import { generate } from './generators';
import { getIn, getString, isMap, newMap, type JsonMap } from './json';
import { KustomizeError, type Loader } from './loader';
import { applyPatch, loadPatch } from './patches';
import type { Resource } from './resource';
import { parseSelector } from './select';
import { addMapEntries, addNameAffix, setImages, setNamespace, setReplicas } from './transformers';
import { readYamlDocs } from './yaml-read';

/** A plugin configuration and the file that holds it. */
export interface PluginConfig {
  readonly cfg: JsonMap;
  readonly file: string;
}

/** Plugin configurations of one list: inline entries parsed, files and folders read by `load`. */
export function pluginConfigs(entries: readonly string[], file: string, load: (entry: string) => PluginConfig[]): PluginConfig[] {
  const out: PluginConfig[] = [];
  for (const entry of entries) {
    if (entry.includes('\n')) {
      for (const d of readYamlDocs(entry)) {
        if ('error' in d) throw new KustomizeError(`invalid inline plugin configuration: ${d.error}`, file);
        if (isMap(d.value)) out.push({ cfg: d.value, file });
      }
    } else out.push(...load(entry));
  }
  return out;
}

const builtinId = (cfg: JsonMap): string => `${getString(cfg, 'kind')}.${getString(cfg, 'apiVersion') || '[noVer]'}.[noGrp]`;

function requireBuiltin(cfg: JsonMap, file: string): void {
  if (getString(cfg, 'apiVersion') !== 'builtin') {
    throw new KustomizeError(`plugin ${getString(cfg, 'kind')}.${getString(cfg, 'apiVersion')} is not built in; external plugins are not run`, file);
  }
}

/** Runs a built-in generator configuration; returns the generated resource. */
export function runGeneratorConfig(ldr: Loader, cfg: JsonMap, file: string): Resource {
  requireBuiltin(cfg, file);
  const kind = getString(cfg, 'kind');
  if (kind !== 'ConfigMapGenerator' && kind !== 'SecretGenerator') throw new KustomizeError(`unable to load builtin ${builtinId(cfg)}`, file);
  const args = newMap();
  for (const k of Object.keys(cfg)) if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata') args[k] = cfg[k]!;
  if (args['name'] === undefined) args['name'] = getString(cfg, 'metadata', 'name');
  if (args['namespace'] === undefined && getString(cfg, 'metadata', 'namespace')) args['namespace'] = getString(cfg, 'metadata', 'namespace');
  const r = generate(ldr, kind === 'ConfigMapGenerator' ? 'ConfigMap' : 'Secret', args, undefined, file);
  r.generatorName = getString(cfg, 'metadata', 'name');
  return r;
}

const specs = (cfg: JsonMap): FieldSpec[] => parseFieldSpecs(cfg['fieldSpecs']);

/** Runs a built-in transformer configuration over the resources; returns the resources left. */
export function runTransformerConfig(resources: Resource[], ldr: Loader, cfg: JsonMap, file: string): Resource[] {
  requireBuiltin(cfg, file);
  const str = (k: string): string | undefined => (typeof cfg[k] === 'string' ? (cfg[k] as string) : undefined);
  switch (getString(cfg, 'kind')) {
    case 'PatchTransformer':
      return applyPatch(resources, loadPatch(ldr, str('patch'), str('path'), file, cfg['options']), parseSelector(cfg['target']));
    case 'PatchStrategicMergeTransformer': {
      let out = resources;
      const paths = Array.isArray(cfg['paths']) ? cfg['paths'].map(String) : [];
      for (const p of paths) out = applyPatch(out, loadPatch(ldr, undefined, p, file, undefined), undefined);
      if (str('patches')) out = applyPatch(out, loadPatch(ldr, str('patches'), undefined, file, undefined), undefined);
      return out;
    }
    case 'PatchJson6902Transformer':
      return applyPatch(resources, loadPatch(ldr, str('jsonOp'), str('path'), file, undefined), parseSelector(cfg['target']));
    case 'LabelTransformer':
      addMapEntries(resources, cfg['labels'], specs(cfg));
      return resources;
    case 'AnnotationsTransformer':
      addMapEntries(resources, cfg['annotations'], specs(cfg));
      return resources;
    case 'NamespaceTransformer':
      setNamespace(resources, getString(cfg, 'metadata', 'namespace'), specs(cfg));
      return resources;
    case 'PrefixSuffixTransformer':
    case 'PrefixTransformer':
    case 'SuffixTransformer':
      if (str('prefix') !== undefined) addNameAffix(resources, str('prefix')!, 'prefix', specs(cfg));
      if (str('suffix') !== undefined) addNameAffix(resources, str('suffix')!, 'suffix', specs(cfg));
      return resources;
    case 'ImageTagTransformer': {
      const t = cfg['imageTag'];
      const s = (k: string): string => (getIn(t, k) === undefined || getIn(t, k) === null ? '' : String(getIn(t, k)));
      setImages(resources, [{ name: s('name'), newName: s('newName'), newTag: s('newTag'), digest: s('digest') }], specs(cfg));
      return resources;
    }
    case 'ReplicaCountTransformer':
      setReplicas(resources, getString(cfg, 'replica', 'name'), Number(getIn(cfg, 'replica', 'count') ?? 0), specs(cfg));
      return resources;
    default:
      throw new KustomizeError(`unable to load builtin ${builtinId(cfg)}`, file);
  }
}
