import { getIn, isKind, podSpecOf, type PodSpecRef } from '../../../parse/kubernetes';
import { scalarBool, type K8sObject } from '../../../parse/yaml';

const NETWORKING = /^(?:networking\.k8s\.io|extensions)\/v\w+$/;

/** True for a NetworkPolicy (networking.k8s.io, or the old extensions group). */
export const isNetworkPolicy = (o: K8sObject): boolean => isKind(o, 'NetworkPolicy', NETWORKING);

/** The pod of a workload NetworkPolicies apply to; undefined for PodTemplates, host-network pods and objects without a pod. */
export function networkedPod(o: K8sObject): PodSpecRef | undefined {
  if (o.kind === 'PodTemplate') return undefined;
  const pod = podSpecOf(o);
  return pod && scalarBool(getIn(pod.spec, ['hostNetwork'])) !== true ? pod : undefined;
}
