import type { Pair } from 'yaml';
import { isMap, isSeq, mapGet, type Node, type YAMLMap } from './yaml';

/**
 * Pod specs inside resources whose kind Bollwerk does not know (Argo Rollouts, JobSets,
 * RayClusters, LeaderWorkerSets, Knative Services, KEDA ScaledJobs …), recognised by their shape
 * wherever they sit: a map whose `containers` is a list of maps with an `image`. A pod template
 * is such a map under `spec`, with its `metadata` beside it. Argo Workflows and Tekton, whose
 * containers are no `containers` list, are read by operator-containers.ts instead.
 */

/** A pod spec found by its shape. */
export interface PodShape {
  /** The pod spec map. */
  readonly spec: YAMLMap;
  /** The pair holding it (`spec: …`), when it is a map value. */
  readonly specPair: Pair | undefined;
  /** The template's `metadata` map beside `spec`, when the pod spec is a template's. */
  readonly metadata: Node | undefined;
  /** Keys and list indexes from the object root, for reading. */
  readonly path: readonly string[];
}

/** Kinds whose `containers` lists describe schemas or other things than pods. */
const NOT_PODS = new Set(['CustomResourceDefinition', 'ConfigMap', 'Secret', 'List']);
const MAX_DEPTH = 12;

/** True for a pod spec's shape: `containers` is a list holding at least one map with an `image`. */
export function isPodSpecShape(node: unknown): node is YAMLMap {
  const containers = mapGet(node, 'containers');
  return isSeq(containers) && containers.items.some((c) => isMap(c) && mapGet(c, 'image') !== undefined);
}

/** Every pod spec below an object's root, outermost first; nothing is searched inside a pod spec. */
export function findPodShapes(kind: string, root: unknown): PodShape[] {
  if (NOT_PODS.has(kind)) return [];
  const out: PodShape[] = [];
  const visit = (node: unknown, parent: YAMLMap | undefined, pair: Pair | undefined, path: string[]): void => {
    if (path.length > MAX_DEPTH) return;
    if (isMap(node)) {
      if (path.length > 0 && isPodSpecShape(node)) {
        const template = path[path.length - 1] === 'spec' ? parent : undefined;
        out.push({ spec: node, specPair: pair, metadata: template ? mapGet(template, 'metadata') : undefined, path });
        return;
      }
      for (const item of node.items) {
        const key = (item.key as { value?: unknown } | null)?.value;
        // metadata and status describe the object, not what it runs
        if (typeof key !== 'string' || (path.length === 0 && (key === 'metadata' || key === 'status'))) continue;
        visit(item.value, node, item as Pair, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, k) => visit(item, undefined, undefined, [...path, String(k)]));
    }
  };
  visit(root, undefined, undefined, []);
  return out;
}
