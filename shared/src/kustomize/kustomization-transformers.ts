// The built-in transformers a kustomization configures, run in kustomize's order (api/internal/target/
// kusttarget_configplugin.go transformerConfigurators): patchesStrategicMerge, patches, namespace, namePrefix,
// nameSuffix, labels, commonLabels, commonAnnotations, patchesJson6902, replicas, images, replacements.
// Copyright 2019 The Kubernetes Authors, Apache-2.0.
import { mergeFieldSpecs, parseFieldSpecs } from './field-spec';
import { getString, isMap, type JsonMap } from './json';
import { KustomizeError, type Loader } from './loader';
import { mapList, stringField, stringList, type Kustomization } from './kustomization';
import { applyPatch, loadPatch } from './patches';
import { applyReplacements } from './replacements';
import type { Resource } from './resource';
import { parseSelector } from './select';
import { addMapEntries, addNameAffix, setImages, setNamespace, setReplicas, type ImageSpec } from './transformers';
import type { TransformerConfig } from './config';
import { readYamlDocs } from './yaml-read';

/** The resources being built and the configuration in force. */
export interface TransformTarget {
  resources: Resource[];
  readonly config: TransformerConfig;
}

function images(k: Kustomization): ImageSpec[] {
  const s = (m: JsonMap, key: string): string => (m[key] === undefined || m[key] === null ? '' : String(m[key]));
  return [...mapList(k, 'images'), ...mapList(k, 'imageTags')].map((m) => ({ name: s(m, 'name'), newName: s(m, 'newName'), newTag: s(m, 'newTag'), digest: s(m, 'digest') }));
}

/** The built-in transformer kustomize configures for each kustomization field. */
const TRANSFORMER_OF: Readonly<Record<string, string>> = {
  patchesStrategicMerge: 'PatchStrategicMergeTransformer', patches: 'PatchTransformer', namespace: 'NamespaceTransformer', namePrefix: 'PrefixTransformer',
  nameSuffix: 'SuffixTransformer', labels: 'LabelTransformer', commonLabels: 'LabelTransformer', commonAnnotations: 'AnnotationsTransformer',
  patchesJson6902: 'PatchJson6902Transformer', replicas: 'ReplicaCountTransformer', images: 'ImageTagTransformer', replacements: 'ReplacementTransformer',
};

/** How many transformers a field configures (one per list entry for most lists). */
function transformerCount(k: Kustomization, key: string): number {
  const v = k.fields[key];
  if (v === undefined || v === null || v === '') return 0;
  if (key === 'patchesStrategicMerge') return Array.isArray(v) && v.length > 0 ? 1 : 0;
  if (key === 'commonLabels' || key === 'commonAnnotations') return isMap(v) && Object.keys(v).length > 0 ? 1 : 0;
  if (key === 'replicas' || key === 'images') return Array.isArray(v) ? v.length : 0;
  return Array.isArray(v) ? v.length : 1;
}

/** The line of the `i`-th entry (0-based) of the block list under a top-level key, else the key's line. */
function nthEntryLine(k: Kustomization, key: string, i: number): number | undefined {
  const start = k.lines.get(key);
  if (start === undefined) return undefined;
  let dash: number | undefined;
  let n = 0;
  for (let l = start; l < k.text.length; l++) {
    const text = k.text[l]!;
    if (/^[A-Za-z]/.test(text)) break;
    const m = /^(\s*)-(?:\s|$)/.exec(text);
    if (!m || (dash !== undefined && m[1]!.length !== dash)) continue;
    dash = m[1]!.length;
    if (n++ === i) return l + 1;
  }
  return start;
}

/** Runs the kustomization's built-in transformers over the resources, recording each on every resource. */
export function runTransformers(acc: TransformTarget, ldr: Loader, k: Kustomization): void {
  const tc = acc.config;
  const at = (key: string, f: () => void): void => {
    try {
      f();
    } catch (e) {
      throw e instanceof KustomizeError && e.file ? e : new KustomizeError(e instanceof Error ? e.message : String(e), k.file, k.lines.get(key));
    }
    const kind = TRANSFORMER_OF[key];
    const count = transformerCount(k, key);
    if (kind) for (let i = 0; i < count; i++) for (const r of acc.resources) r.transformations.push({ configuredIn: k.file, kind });
  };
  at('patchesStrategicMerge', () => {
    for (const entry of stringList(k, 'patchesStrategicMerge')) {
      const inline = readYamlDocs(entry).filter((d) => 'value' in d && isMap(d.value));
      const p = inline.length > 0 ? loadPatch(ldr, entry, undefined, k.file, undefined) : loadPatch(ldr, undefined, entry, k.file, undefined);
      if (p.kind === 'smp' && p.docs.length === 0) throw new KustomizeError(`patch appears to be empty; file=${entry}`, k.file, k.lines.get('patchesStrategicMerge'));
      acc.resources = applyPatch(acc.resources, p, undefined);
    }
  });
  at('patches', () => {
    mapList(k, 'patches').forEach((m, i) => {
      try {
        const p = loadPatch(ldr, typeof m['patch'] === 'string' ? m['patch'] : undefined, typeof m['path'] === 'string' ? m['path'] : undefined, k.file, m['options']);
        acc.resources = applyPatch(acc.resources, p, parseSelector(m['target']));
      } catch (e) {
        // an error of no other file (a missing patch file, an inline patch that does not apply) is the entry's
        if (e instanceof KustomizeError && e.line === undefined && (e.file === undefined || e.file === k.file)) throw new KustomizeError(e.message, k.file, nthEntryLine(k, 'patches', i));
        throw e;
      }
    });
  });
  const ns = stringField(k, 'namespace');
  at('namespace', () => ns && setNamespace(acc.resources, ns, tc.namespace));
  const prefix = stringField(k, 'namePrefix');
  at('namePrefix', () => prefix && addNameAffix(acc.resources, prefix, 'prefix', tc.namePrefix));
  const suffix = stringField(k, 'nameSuffix');
  at('nameSuffix', () => suffix && addNameAffix(acc.resources, suffix, 'suffix', tc.nameSuffix));
  at('labels', () => {
    for (const label of mapList(k, 'labels')) {
      let specs = parseFieldSpecs(label['fields']);
      if (label['includeSelectors'] === true) specs = mergeFieldSpecs(specs, tc.commonLabels);
      else {
        if (label['includeTemplates'] === true) specs = mergeFieldSpecs(specs, tc.templateLabels);
        specs = mergeFieldSpecs(specs, [{ gvk: {}, path: 'metadata/labels', create: true }]);
      }
      addMapEntries(acc.resources, label['pairs'], specs);
    }
  });
  at('commonLabels', () => addMapEntries(acc.resources, k.fields['commonLabels'], tc.commonLabels));
  at('commonAnnotations', () => addMapEntries(acc.resources, k.fields['commonAnnotations'], tc.commonAnnotations));
  at('patchesJson6902', () => {
    for (const m of mapList(k, 'patchesJson6902')) {
      const p = loadPatch(ldr, typeof m['patch'] === 'string' ? m['patch'] : undefined, typeof m['path'] === 'string' ? m['path'] : undefined, k.file, undefined);
      const target = parseSelector(m['target']);
      if (!target) throw new KustomizeError('must specify a target for patch', k.file, k.lines.get('patchesJson6902'));
      acc.resources = applyPatch(acc.resources, p, target);
    }
  });
  at('replicas', () => {
    for (const m of mapList(k, 'replicas')) setReplicas(acc.resources, getString(m, 'name'), Number(m['count'] ?? 0), tc.replicas);
  });
  const imgs = images(k);
  at('images', () => imgs.length > 0 && setImages(acc.resources, imgs, tc.images));
  at('replacements', () => applyReplacements(acc.resources, ldr, mapList(k, 'replacements'), k.file));
}
