// `replacements`: copy a field of one resource into fields of others (kustomize api/filters/replacement/
// replacement.go). Copyright 2019 The Kubernetes Authors, Apache-2.0.
import { findSlots, setAt, valueAt } from './field-path';
import { clone, getIn, getString, isMap, type Json, type JsonMap } from './json';
import { KustomizeError, loadText, type Loader } from './loader';
import { allIds, type ResId, type Resource } from './resource';
import { matchesLabelSelector } from './select';
import { readYamlDocs } from './yaml-read';

const selectedBy = (id: ResId, s: Json | undefined): boolean => {
  if (!isMap(s)) return true;
  const eq = (k: string, v: string): boolean => !getString(s, k) || getString(s, k) === v;
  return eq('group', id.group) && eq('version', id.version) && eq('kind', id.kind) && eq('name', id.name) && eq('namespace', id.namespace);
};

function matches(r: Resource, s: Json | undefined): boolean {
  if (!allIds(r).some((id) => selectedBy(id, s))) return false;
  return matchesLabelSelector(getString(s, 'labelSelector'), getIn(r.obj, 'metadata', 'labels')) && matchesLabelSelector(getString(s, 'annotationSelector'), getIn(r.obj, 'metadata', 'annotations'));
}

function describe(s: Json | undefined): string {
  return isMap(s) ? Object.keys(s).filter((k) => k !== 'fieldPath' && k !== 'options').map((k) => `${k}: ${String(s[k])}`).join(', ') : '';
}

function sourceValue(resources: readonly Resource[], source: JsonMap): Json {
  const found = resources.filter((r) => matches(r, source));
  if (found.length > 1) throw new KustomizeError(`multiple matches for selector ${describe(source)}`);
  if (found.length === 0) throw new KustomizeError(`nothing selected by ${describe(source)}`);
  const path = getString(source, 'fieldPath') || 'metadata.name';
  const slots = findSlots(found[0]!.obj, path);
  if (slots.length === 0) throw new KustomizeError(`fieldPath \`${path}\` is missing for replacement source ${describe(source)}`);
  let v = valueAt(slots[0]!);
  const delim = getString(source, 'options', 'delimiter');
  if (delim && typeof v === 'string') {
    const parts = v.split(delim);
    const index = Number(getIn(source, 'options', 'index') ?? 0);
    v = parts[index] ?? '';
  }
  return v;
}

function withDelimiter(old: Json, value: Json, options: Json | undefined): Json {
  const delim = getString(options, 'delimiter');
  if (!delim || typeof old !== 'string') return value;
  const parts = old.split(delim);
  const index = Number(getIn(options, 'index') ?? 0);
  const text = typeof value === 'string' ? value : String(value);
  if (index < 0) parts.unshift(text);
  else if (index >= parts.length) parts.push(text);
  else parts[index] = text;
  return parts.join(delim);
}

function applyOne(resources: readonly Resource[], rep: JsonMap): void {
  const source = rep['source'];
  if (!isMap(source)) throw new KustomizeError('replacements must specify a source');
  const value = sourceValue(resources, source);
  const targets = Array.isArray(rep['targets']) ? rep['targets'].filter(isMap) : [];
  for (const t of targets) {
    const rejects = Array.isArray(t['reject']) ? t['reject'] : [];
    const create = getIn(t, 'options', 'create') === true;
    for (const r of resources) {
      if (!isMap(t['select']) || !matches(r, t['select']) || rejects.some((rej) => matches(r, rej))) continue;
      const paths = Array.isArray(t['fieldPaths']) ? t['fieldPaths'].map(String) : ['metadata.name'];
      for (const path of paths) {
        const slots = findSlots(r.obj, path, create);
        if (slots.length === 0 && !create) throw new KustomizeError(`unable to find field "${path}" in replacement target`);
        for (const s of slots) setAt(s, withDelimiter(valueAt(s), clone(value), t['options']));
      }
    }
  }
}

/** Runs a kustomization's replacements (inline or from `path:` files) in order. */
export function applyReplacements(resources: readonly Resource[], ldr: Loader, list: readonly JsonMap[], file: string): void {
  for (const entry of list) {
    const reps: JsonMap[] = [];
    if (typeof entry['path'] === 'string') {
      for (const d of readYamlDocs(loadText(ldr, entry['path']))) {
        if ('error' in d) throw new KustomizeError(d.error, file, d.line);
        if (Array.isArray(d.value)) reps.push(...d.value.filter(isMap));
        else if (isMap(d.value)) reps.push(d.value);
      }
    } else reps.push(entry);
    for (const rep of reps) applyOne(resources, rep);
  }
}
