// Target selection of patches and replacements: kustomize's types.Selector and resWrangler.Select
// (api/resmap/reswrangler.go, api/types/selector.go). Copyright 2019 The Kubernetes Authors, Apache-2.0.
import { getIn, getString, isMap, type Json } from './json';
import { curId, gvkOf, idEquals, isClusterScoped, orgId, allIds, type ResId, type Resource } from './resource';
import { KustomizeError } from './loader';
import { idString } from './resource';

/** A selector: regular expressions for each id part, plus label and annotation selectors. */
export interface Selector {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly annotationSelector?: string;
}

/** A selector read from a kustomization map. */
export function parseSelector(v: Json | undefined): Selector | undefined {
  if (!isMap(v)) return undefined;
  const s = (k: string): string => getString(v, k);
  return { group: s('group'), version: s('version'), kind: s('kind'), name: s('name'), namespace: s('namespace'), labelSelector: s('labelSelector'), annotationSelector: s('annotationSelector') };
}

function regex(p: string | undefined): RegExp | undefined {
  if (!p) return undefined;
  try {
    return new RegExp(`^(?:${p})$`);
  } catch {
    throw new KustomizeError(`invalid selector pattern '${p}'`);
  }
}

/** Matches a Kubernetes label selector string against a map of labels. */
export function matchesLabelSelector(selector: string | undefined, labels: Json | undefined): boolean {
  if (!selector) return true;
  const get = (k: string): string | undefined => {
    const v = isMap(labels) ? labels[k] : undefined;
    return v === undefined || v === null ? undefined : String(v);
  };
  const terms = selector.match(/([^,(]+(\([^)]*\))?)/g) ?? [];
  return terms.every((raw) => {
    const t = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(t))) {
      const vals = m[3]!.split(',').map((x) => x.trim());
      const v = get(m[1]!);
      return m[2] === 'in' ? v !== undefined && vals.includes(v) : v === undefined || !vals.includes(v);
    }
    if ((m = /^(\S+?)\s*!=\s*(\S*)$/.exec(t))) return get(m[1]!) !== m[2];
    if ((m = /^(\S+?)\s*==?\s*(\S*)$/.exec(t))) return get(m[1]!) === m[2];
    if ((m = /^!\s*(\S+)$/.exec(t))) return get(m[1]!) === undefined;
    return get(t) !== undefined;
  });
}

const effectiveNs = (id: ResId): string => (isClusterScoped(id) ? '' : id.namespace || 'default');

/** The resources a selector picks, as resWrangler.Select does (original or current name and namespace). */
export function select(resources: readonly Resource[], s: Selector): Resource[] {
  const [g, v, k, n, ns] = [regex(s.group), regex(s.version), regex(s.kind), regex(s.name), regex(s.namespace)];
  return resources.filter((r) => {
    const cur = curId(r), org = orgId(r);
    if (ns && !ns.test(effectiveNs(org)) && !ns.test(effectiveNs(cur))) return false;
    if (n && !n.test(org.name) && !n.test(cur.name)) return false;
    const gvk = gvkOf(r.obj);
    if ((g && !g.test(gvk.group)) || (v && !v.test(gvk.version)) || (k && !k.test(gvk.kind))) return false;
    return matchesLabelSelector(s.labelSelector, getIn(r.obj, 'metadata', 'labels')) && matchesLabelSelector(s.annotationSelector, getIn(r.obj, 'metadata', 'annotations'));
  });
}

/** The one resource with this id among all its ids (resWrangler.GetById); throws when none or several. */
export function getById(resources: readonly Resource[], id: ResId): Resource {
  const found = resources.filter((r) => allIds(r).some((x) => idEquals(x, id)));
  if (found.length === 1) return found[0]!;
  const what = found.length > 1 ? 'multiple matches' : 'no matches';
  throw new KustomizeError(`${what} for Id ${idString(id)}; failed to find unique target for patch ${idString(id)}`);
}
