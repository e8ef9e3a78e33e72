// The built-in transformers of a kustomization: namespace, name prefix and suffix, labels, annotations,
// images, replicas. Ports of kubernetes-sigs/kustomize api/filters/{namespace,prefix,suffix,labels,
// annotations,imagetag,replicacount} and plugin/builtin/*transformer (Copyright 2019 The Kubernetes
// Authors, Apache-2.0).
import { walkFieldSpec, type FieldSpec } from './field-spec';
import { isMap, newMap, type Json, type JsonMap } from './json';
import { curId, gvkOf, isClusterScoped, orgId, storePreviousId, type Resource } from './resource';

const stringMapOf = (v: Json | undefined): [string, string][] => (isMap(v) ? Object.keys(v).map((k) => [k, v[k] === null ? '' : String(v[k])]) : []);

/** Sets `metadata.namespace` and the namespace fields the specs name. */
export function setNamespace(resources: readonly Resource[], ns: string, specs: readonly FieldSpec[]): void {
  for (const r of resources) {
    if (Object.keys(r.obj).length === 0) continue;
    const gvk = gvkOf(r.obj);
    storePreviousId(r);
    if (!isClusterScoped(gvk)) {
      const meta = isMap(r.obj['metadata']) ? r.obj['metadata'] : (r.obj['metadata'] = newMap());
      meta['namespace'] = ns;
    }
    if (gvk.kind === 'RoleBinding' || gvk.kind === 'ClusterRoleBinding') {
      const subjects = r.obj['subjects'];
      if (Array.isArray(subjects)) for (const s of subjects) if (isMap(s) && s['name'] === 'default' && s['kind'] === 'ServiceAccount') s['namespace'] = ns;
    }
    for (const fs of specs) {
      if (fs.path === 'metadata/namespace' || fs.path.startsWith('subjects')) continue;
      walkFieldSpec(r.obj, fs, 'scalar', ({ parent, key }) => {
        parent[key] = ns;
      });
    }
  }
}

const SKIP_RENAME = (r: Resource): boolean => {
  const id = orgId(r);
  return id.kind === 'CustomResourceDefinition' || id.kind === 'Namespace' || (id.kind === 'APIService' && id.group === 'apiregistration.k8s.io');
};

/** Adds a name prefix or suffix to metadata.name and the other fields the specs name. */
export function addNameAffix(resources: readonly Resource[], affix: string, which: 'prefix' | 'suffix', specs: readonly FieldSpec[]): void {
  for (const r of resources) {
    if (SKIP_RENAME(r)) continue;
    for (const fs of specs) {
      if (!walkSelected(r, fs)) continue;
      if (fs.path === 'metadata/name') {
        (which === 'prefix' ? r.prefixes : r.suffixes).push(affix);
        if (affix !== '') storePreviousId(r);
      }
      walkFieldSpec(r.obj, fs, 'none', ({ parent, key }) => {
        const v = parent[key];
        if (typeof v === 'string') parent[key] = which === 'prefix' ? `${affix}${v}` : `${v}${affix}`;
      });
    }
  }
}

function walkSelected(r: Resource, fs: FieldSpec): boolean {
  const id = orgId(r);
  return (!fs.gvk.kind || fs.gvk.kind === id.kind) && (!fs.gvk.group || fs.gvk.group === id.group) && (!fs.gvk.version || fs.gvk.version === id.version);
}

/** Adds labels or annotations (a map of strings) at every field the specs name. */
export function addMapEntries(resources: readonly Resource[], entries: Json | undefined, specs: readonly FieldSpec[]): void {
  const pairs = stringMapOf(entries);
  if (pairs.length === 0) return;
  for (const r of resources) {
    for (const fs of specs) {
      walkFieldSpec(r.obj, fs, 'map', ({ parent, key }) => {
        let m = parent[key];
        if (!isMap(m)) {
          if (m !== null && m !== undefined) throw new Error(`wrong node kind: expected MappingNode but got ${typeof m === 'string' ? 'ScalarNode' : 'SequenceNode'}: node contents:\n${String(m)}`);
          m = newMap();
          parent[key] = m;
        }
        for (const [k, v] of pairs) (m as JsonMap)[k] = v;
      });
    }
  }
}

/** Splits an image reference into name, tag and digest (kustomize's image.Split). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let slash = image.indexOf('/');
  const search = slash > 0 ? image.slice(slash) : image;
  if (slash <= 0) slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return { name: image, tag: '', digest: '' };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: image.slice(0, id), tag: '', digest: image.slice(id + 1) };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return { name: image.slice(0, ic), tag: image.slice(ic + 1, id), digest: image.slice(id + 1) };
  }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: '' };
}

/** One `images:` entry. */
export interface ImageSpec {
  readonly name: string;
  readonly newName: string;
  readonly newTag: string;
  readonly digest: string;
}

function imageMatches(value: string, name: string): boolean {
  try {
    return new RegExp(`^${name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$`).test(value);
  } catch {
    return false;
  }
}

function newImage(value: string, spec: ImageSpec): string | undefined {
  if (!imageMatches(value, spec.name)) return undefined;
  let { name, tag, digest } = splitImage(value);
  if (spec.newName) name = spec.newName;
  if (spec.newTag && spec.digest) {
    tag = spec.newTag;
    digest = spec.digest;
  } else if (spec.newTag) {
    tag = spec.newTag;
    digest = '';
  } else if (spec.digest) {
    tag = '';
    digest = spec.digest;
  }
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

function setImagesIn(node: Json, spec: ImageSpec): void {
  if (Array.isArray(node)) {
    for (const e of node) setImagesIn(e, spec);
    return;
  }
  if (!isMap(node)) return;
  for (const k of Object.keys(node)) {
    const v = node[k]!;
    if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
      for (const c of v) {
        if (isMap(c) && typeof c['image'] === 'string') {
          const img = newImage(c['image'], spec);
          if (img !== undefined) c['image'] = img;
        }
      }
    } else setImagesIn(v, spec);
  }
}

/** Rewrites image names, tags and digests (every containers/initContainers list, plus the specs' fields). */
export function setImages(resources: readonly Resource[], images: readonly ImageSpec[], specs: readonly FieldSpec[]): void {
  for (const spec of images) {
    for (const r of resources) {
      setImagesIn(r.obj, spec);
      for (const fs of specs) {
        walkFieldSpec(r.obj, { ...fs, create: false }, 'none', ({ parent, key }) => {
          const v = parent[key];
          if (typeof v !== 'string') return;
          const img = newImage(v, spec);
          if (img !== undefined) parent[key] = img;
        });
      }
    }
  }
}

/** Sets the replica count of the resources with the given (original or current) name. */
export function setReplicas(resources: readonly Resource[], name: string, count: number, specs: readonly FieldSpec[]): boolean {
  let found = false;
  for (const r of resources) {
    if (orgId(r).name !== name && curId(r).name !== name && !r.prevIds.some((id) => id.name === name)) continue;
    for (const fs of specs) {
      walkFieldSpec(r.obj, fs, 'scalar', ({ parent, key }) => {
        parent[key] = count;
        found = true;
      });
    }
  }
  return found;
}
