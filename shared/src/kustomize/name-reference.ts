// Name references: after renames, fields that refer to another resource by name get its new name.
// Port of kubernetes-sigs/kustomize api/filters/nameref/nameref.go (selectReferral and its sieves) and
// resmap SubsetThatCouldBeReferencedByResource. Copyright 2019 The Kubernetes Authors, Apache-2.0.
import type { NameBackRef } from './default-config';
import { walkFieldSpec } from './field-spec';
import { getString, isMap, type Json, type JsonMap } from './json';
import { KustomizeError } from './loader';
import { curId, gvkOf, gvkSelected, idString, isClusterScoped, nsEquals, type Gvk, type Resource } from './resource';

function sameEnding(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const diff = long.length - short.length;
  if (short.length === 0) return diff === 0;
  for (let i = short.length - 1; i >= 0; i--) if (long[i + diff] !== short[i]) return false;
  return true;
}

function affixesEqual(a: Resource, b: Resource, allowEmpty: boolean): boolean {
  const prefixOk = (allowEmpty && (a.prefixes.length === 0 || b.prefixes.length === 0)) || sameEnding(a.prefixes, b.prefixes);
  const suffixOk = (allowEmpty && (a.suffixes.length === 0 || b.suffixes.length === 0)) || sameEnding(a.suffixes, b.suffixes);
  return prefixOk && suffixOk;
}

function couldBeReferenced(referrer: Resource, all: readonly Resource[]): Resource[] {
  const rid = curId(referrer);
  if (isClusterScoped(rid)) return [...all];
  const bindingNs = new Set<string>();
  if (rid.kind === 'RoleBinding' || rid.kind === 'ClusterRoleBinding') {
    const subjects = referrer.obj['subjects'];
    if (Array.isArray(subjects)) for (const s of subjects) if (isMap(s) && s['kind'] === 'ServiceAccount' && typeof s['namespace'] === 'string') bindingNs.add(s['namespace']);
  }
  return all.filter((r) => {
    const id = curId(r);
    return isClusterScoped(id) || nsEquals(id, rid) || bindingNs.has(id.namespace);
  });
}

interface Ctx {
  readonly referrer: Resource;
  readonly target: Partial<Gvk>;
  readonly candidates: readonly Resource[];
}

function select(ctx: Ctx, oldName: string, roleRef: Partial<Gvk> | undefined, withNs: boolean): Resource | undefined {
  // Only renamed resources are candidates: kustomize sieves by previous ids, which a resource has
  // only after a rename (a reference to a resource that kept its name needs no fix).
  let c = ctx.candidates.filter((r) => r.prevIds.some((id) => id.name === oldName));
  c = c.filter((r) => r.prevIds.some((id) => gvkSelected(id, ctx.target)));
  if (roleRef) c = c.filter((r) => r.prevIds.some((id) => gvkSelected(id, roleRef)));
  const rid = curId(ctx.referrer);
  if (!isClusterScoped(rid)) c = c.filter((r) => isClusterScoped(curId(r)) || curId(r).kind === 'ServiceAccount' || nsEquals(rid, curId(r)));
  if (c.length === 1) return c[0];
  const strict = c.filter((r) => affixesEqual(r, ctx.referrer, false));
  if (strict.length === 1) return strict[0];
  c = c.filter((r) => affixesEqual(r, ctx.referrer, true));
  if (c.length === 1) return c[0];
  if (c.length === 0) return undefined;
  const first = curId(c[0]!);
  if (c.every((r) => curId(r).name === first.name && (!withNs || curId(r).namespace === first.namespace))) return c[0];
  throw new KustomizeError(`found multiple possible referrals: ${c.map((r) => idString(curId(r))).join(', ')}`);
}

function roleRefGvk(obj: JsonMap): Partial<Gvk> | undefined {
  const ref = obj['roleRef'];
  if (!isMap(ref)) return undefined;
  return { kind: getString(ref, 'kind'), group: getString(ref, 'apiGroup') };
}

function fixMapping(ctx: Ctx, m: JsonMap): void {
  if ('namespace' in m && (m['namespace'] === null || m['namespace'] === '')) {
    throw new KustomizeError(`Invalid Input: namespace is blank for resource ${JSON.stringify(idString(curId(ctx.referrer)))}`, ctx.referrer.origin.file, ctx.referrer.origin.line);
  }
  const name = m['name'];
  if (typeof name !== 'string') return;
  if (typeof m['kind'] === 'string' && ctx.target.kind && m['kind'] !== ctx.target.kind) return;
  const ns = m['namespace'];
  let candidates = ctx.candidates;
  if (typeof ns === 'string') {
    const byOriginal = candidates.filter((r) => (r.prevIds[0] ?? curId(r)).namespace === ns);
    candidates = byOriginal.length > 0 ? byOriginal : candidates.filter((r) => curId(r).namespace === ns);
  }
  const referral = select({ ...ctx, candidates }, name, undefined, true);
  if (!referral) return;
  const id = curId(referral);
  if (id.name === name && id.namespace === '') return;
  m['name'] = id.name;
  if (id.namespace !== '') m['namespace'] = id.namespace;
}

function fixValue(ctx: Ctx, value: Json, roleRef: Partial<Gvk> | undefined): Json {
  if (typeof value === 'string') {
    const referral = select(ctx, value, roleRef, false);
    return referral ? curId(referral).name : value;
  }
  if (Array.isArray(value)) {
    return value.map((e) => {
      if (isMap(e)) {
        fixMapping(ctx, e);
        return e;
      }
      return fixValue(ctx, e, roleRef);
    });
  }
  if (isMap(value)) fixMapping(ctx, value);
  return value;
}

/** Updates every name reference to renamed resources. */
export function fixNameReferences(resources: readonly Resource[], config: readonly NameBackRef[]): void {
  for (const backRef of config) {
    for (const referrer of resources) {
      let candidates: Resource[] | undefined;
      const gvk = gvkOf(referrer.obj);
      for (const fs of backRef.referrers) {
        if (!gvkSelected(gvk, fs.gvk)) continue;
        walkFieldSpec(referrer.obj, { ...fs, create: false }, 'none', ({ parent, key }) => {
          candidates ??= couldBeReferenced(referrer, resources);
          const roleRef = key === 'name' && fs.path.startsWith('roleRef') ? roleRefGvk(referrer.obj) : undefined;
          parent[key] = fixValue({ referrer, target: backRef.gvk, candidates }, parent[key]!, roleRef);
        }, gvk);
      }
    }
  }
}
