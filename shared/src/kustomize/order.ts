// Output order: kustomize's legacy order (api/resid/gvk.go orderFirst/orderLast, IsLessThan, and
// api/builtins SortOrderTransformer). Copyright 2019 The Kubernetes Authors, Apache-2.0.
import { curId, gvkString, type Gvk, type ResId, type Resource } from './resource';

/** Kinds that come first, in this order. */
export const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole',
  'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
/** Kinds that come last, in this order. */
export const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function typeOrders(first: readonly string[], last: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  first.forEach((k, i) => m.set(k, -first.length + i));
  last.forEach((k, i) => m.set(k, i + 1));
  return m;
}

/** The id string kustomize's legacy order compares for equal types: namespace (`~X` when empty), then name. */
const legacyIdString = (id: ResId): string => `${id.namespace || '~X'}|${id.name || '~N'}`;

const gvkEq = (a: Gvk, b: Gvk): boolean => a.group === b.group && a.version === b.version && a.kind === b.kind;

/** Sorts resources in kustomize's legacy order: by kind rank, then by id string; stable for equal ids. */
export function legacySort(resources: readonly Resource[], first = ORDER_FIRST, last = ORDER_LAST): Resource[] {
  const orders = typeOrders(first, last);
  const keyed = resources.map((r, i) => ({ r, i, id: curId(r) }));
  keyed.sort((a, b) => {
    if (!gvkEq(a.id, b.id)) {
      const oa = orders.get(a.id.kind) ?? 0;
      const ob = orders.get(b.id.kind) ?? 0;
      if (oa !== ob) return oa - ob;
      const sa = gvkString(a.id), sb = gvkString(b.id);
      return sa < sb ? -1 : sa > sb ? 1 : a.i - b.i;
    }
    const sa = legacyIdString(a.id), sb = legacyIdString(b.id);
    return sa < sb ? -1 : sa > sb ? 1 : a.i - b.i;
  });
  return keyed.map((k) => k.r);
}
