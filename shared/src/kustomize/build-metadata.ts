// What comes after the build: kustomize's sortOptions and its buildMetadata annotations
// (api/krusty/kustomizer.go applySortOrder; api/resource/origin.go). Copyright 2019 The Kubernetes Authors, Apache-2.0.
import { getIn, isMap, newMap } from './json';
import { KustomizeError } from './loader';
import { stringList, type Kustomization } from './kustomization';
import type { Resource } from './resource';

/** The kustomization's sortOptions, validated; undefined when it has none. */
export function sortOptions(k: Kustomization): { order: 'legacy' | 'fifo'; first?: string[]; last?: string[] } | undefined {
  const so = k.fields['sortOptions'];
  if (so === undefined || so === null) return undefined;
  const order = getIn(so, 'order');
  if (order !== 'legacy' && order !== 'fifo') throw new KustomizeError("the field 'sortOptions.order' must be one of [fifo, legacy]", k.file, k.lines.get('sortOptions'));
  const legacy = getIn(so, 'legacySortOptions');
  if (order === 'fifo') {
    if (legacy !== undefined && legacy !== null) throw new KustomizeError("the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'", k.file, k.lines.get('sortOptions'));
    return { order };
  }
  const list = (key: string): string[] | undefined => {
    const v = getIn(legacy, key);
    return Array.isArray(v) ? v.map(String) : undefined;
  };
  return { order, ...(list('orderFirst') ? { first: list('orderFirst')! } : {}), ...(list('orderLast') ? { last: list('orderLast')! } : {}) };
}

/** A tree path relative to the folder `from`, with `..` steps. */
function relativeTo(from: string, path: string): string {
  const a = from ? from.split('/') : [];
  const b = path.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** kustomize's origin and transformation annotations (`buildMetadata`), relative to the built folder. */
export function addBuildAnnotations(resources: readonly Resource[], k: Kustomization, root: string): void {
  const meta = stringList(k, 'buildMetadata');
  const origin = meta.includes('originAnnotations');
  const transformations = meta.includes('transformerAnnotations');
  if (!origin && !transformations) return;
  const by = (file: string, kind: string, indent: string, name?: string): string => {
    const pad = indent.replace('- ', '  ');
    return `${indent}configuredIn: ${relativeTo(root, file)}\n${pad}configuredBy:\n${pad}  apiVersion: builtin\n${pad}  kind: ${kind}\n${name ? `${pad}  name: ${name}\n` : ''}`;
  };
  for (const r of resources) {
    const metadata = isMap(r.obj['metadata']) ? r.obj['metadata'] : (r.obj['metadata'] = newMap());
    const annotations = isMap(metadata['annotations']) ? metadata['annotations'] : newMap();
    if (origin) annotations['config.kubernetes.io/origin'] = r.generatedBy ? by(r.origin.file, r.generatedBy, '', r.generatorName) : `path: ${relativeTo(root, r.origin.file)}\n`;
    if (transformations && r.transformations.length > 0) annotations['alpha.config.kubernetes.io/transformations'] = r.transformations.map((t) => by(t.configuredIn, t.kind, '- ')).join('');
    if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
  }
}
