import { defineWorkspaceRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { isKind, namespaceOf } from '../../parse/kubernetes';
import { isMap, mapGet, scalarString, seqItems, stringMap, type K8sObject } from '../../parse/yaml';
import type { Anchor, FileFacts, RawFinding } from '../../types';
import { findingOn, nameRange } from './support/findings';
import { isNetworkPolicy, networkedPod } from './support/network';

type Direction = 'Ingress' | 'Egress';

/** True when a label selector is empty (missing, `{}`, or without labels and expressions): it selects every pod. */
export const isEmptySelector = (selector: unknown): boolean =>
  Object.keys(stringMap(mapGet(selector, 'matchLabels'))).length === 0 && seqItems(mapGet(selector, 'matchExpressions')).length === 0;

/** The policy types in force: `policyTypes` when set, else Ingress, plus Egress when egress rules exist (API defaulting). */
export function policyTypes(policy: K8sObject): Direction[] {
  const spec = mapGet(policy.node, 'spec');
  const declared = mapGet(spec, 'policyTypes');
  if (declared !== undefined) return seqItems(declared).map((n) => scalarString(n)).filter((t): t is Direction => t === 'Ingress' || t === 'Egress');
  return mapGet(spec, 'egress') !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The directions a NetworkPolicy denies by default for every pod of its namespace: empty podSelector, the type in force, no allow rules. */
export function deniedDirections(policy: K8sObject): Direction[] {
  const spec = mapGet(policy.node, 'spec');
  const selector = mapGet(spec, 'podSelector');
  // A spec or selector of the wrong type is rejected by the API: it denies nothing.
  if (!isMap(spec) || (selector !== undefined && !isMap(selector)) || !isEmptySelector(selector)) return [];
  return policyTypes(policy).filter((d) => seqItems(mapGet(spec, d === 'Ingress' ? 'ingress' : 'egress')).length === 0);
}

/** What the rule reads of one file: its Namespace objects, its first workload per namespace, what its policies deny. */
interface Facts {
  readonly namespaces: readonly { readonly name: string; readonly anchor: Anchor }[];
  readonly workloads: readonly { readonly namespace: string; readonly anchor: Anchor }[];
  readonly policies: readonly { readonly namespace: string; readonly denied: readonly Direction[] }[];
}

/** The finding anchor of an object: the value of its `metadata.name`, else the whole object. */
const anchorOf = (object: K8sObject): Anchor => findingOn(object, nameRange(object));

function collect(objects: readonly K8sObject[]): Facts | undefined {
  const namespaces: Facts['namespaces'][number][] = [];
  const workloads = new Map<string, Anchor>();
  const policies: Facts['policies'][number][] = [];
  for (const object of objects) {
    if (isKind(object, 'Namespace', /^v1$/) && object.name !== undefined) namespaces.push({ name: object.name, anchor: anchorOf(object) });
    else if (networkedPod(object) && !workloads.has(namespaceOf(object))) workloads.set(namespaceOf(object), anchorOf(object));
    if (isNetworkPolicy(object)) policies.push({ namespace: namespaceOf(object), denied: deniedDirections(object) });
  }
  if (namespaces.length === 0 && workloads.size === 0 && policies.length === 0) return undefined;
  return { namespaces, workloads: [...workloads].map(([namespace, anchor]) => ({ namespace, anchor })), policies };
}

/** Per namespace with workloads: where its finding goes (its Namespace object when scanned, else its first workload, in scan order). */
function anchors(files: readonly FileFacts<Facts>[]): Map<string, { uri: string; anchor: Anchor }> {
  const namespaces = new Map<string, { uri: string; anchor: Anchor }>();
  const workloads = new Map<string, { uri: string; anchor: Anchor }>();
  for (const { uri, facts } of files) {
    for (const n of facts.namespaces) if (!namespaces.has(n.name)) namespaces.set(n.name, { uri, anchor: n.anchor });
    for (const w of facts.workloads) if (!workloads.has(w.namespace)) workloads.set(w.namespace, { uri, anchor: w.anchor });
  }
  return new Map([...workloads].map(([ns, w]) => [ns, namespaces.get(ns) ?? w]));
}

/**
 * Namespaces with workloads but without a default-deny NetworkPolicy, over all files scanned together.
 *
 * Decision: one finding per namespace, on the `metadata.name` of its Namespace object when the scan
 * holds one, else on the first workload of that namespace (files and documents in scan order).
 */
export const networkPolicyDefaultDeny = defineWorkspaceRule<Facts>({
  id: 'k8s/network-policy-default-deny',
  kind: 'kubernetes',
  scope: 'workspace',
  fileKinds: ['kubernetes'],
  title: { en: 'Deny all traffic by default in every namespace', de: 'In jedem Namespace jeden Verkehr standardmäßig verbieten' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['POL-1.1.2', 'CL-2.3.1', 'CSC-2.3.1', 'OTC-C4'],
  external: [{ source: 'CIS Kubernetes Benchmark', id: '5.3.2' }, owaspK8s('K05')],
  messages: {
    default: {
      en: 'Namespace "{namespace}" has workloads but no default-deny NetworkPolicy (podSelector: {}, policyTypes [Ingress, Egress], no rules); connections that no policy allows are not blocked.',
      de: 'Namespace "{namespace}" hat Workloads, aber keine Default-Deny-NetworkPolicy (podSelector: {}, policyTypes [Ingress, Egress], keine Regeln); Verbindungen, die keine Policy erlaubt, werden nicht blockiert.',
    },
    egress: {
      en: 'Namespace "{namespace}" denies incoming traffic by default but not outgoing traffic; add Egress to the policyTypes of its default-deny NetworkPolicy so that outgoing connections need an explicit allow too.',
      de: 'Namespace "{namespace}" verbietet eingehenden Verkehr standardmäßig, ausgehenden aber nicht; Egress in die policyTypes seiner Default-Deny-NetworkPolicy aufnehmen, damit auch ausgehende Verbindungen eine ausdrückliche Erlaubnis brauchen.',
    },
    ingress: {
      en: 'Namespace "{namespace}" denies outgoing traffic by default but not incoming traffic; add Ingress to the policyTypes of its default-deny NetworkPolicy so that incoming connections need an explicit allow too.',
      de: 'Namespace "{namespace}" verbietet ausgehenden Verkehr standardmäßig, eingehenden aber nicht; Ingress in die policyTypes seiner Default-Deny-NetworkPolicy aufnehmen, damit auch eingehende Verbindungen eine ausdrückliche Erlaubnis brauchen.',
    },
  },
  docs: {
    rationale: {
      en: 'Kubernetes allows every connection to and from a pod until a NetworkPolicy isolates it. A default-deny policy per namespace (podSelector: {} selecting every pod, policyTypes Ingress and Egress, no ingress or egress rules) blocks everything that other policies do not explicitly allow, including pods added later. The rule judges all files scanned together: for each namespace that has workloads (default when unset; host-network pods and PodTemplates do not count) it looks for policies of that namespace that deny ingress and egress this way; the two directions may come from separate policies. One finding per namespace, on the name of its Namespace object when the scan holds one, else on the name of its first workload. Where policies live elsewhere (a platform repository, a cluster baseline), switch the rule off in .bollwerk.yaml or suppress it with a reason.',
      de: 'Kubernetes erlaubt jede Verbindung von und zu einem Pod, bis eine NetworkPolicy ihn isoliert. Eine Default-Deny-Policy je Namespace (podSelector: {} erfasst jeden Pod, policyTypes Ingress und Egress, keine ingress- oder egress-Regeln) blockiert alles, was andere Policies nicht ausdrücklich erlauben, auch für später hinzukommende Pods. Die Regel beurteilt alle gemeinsam geprüften Dateien: für jeden Namespace mit Workloads (default, wenn keiner gesetzt ist; Pods im Host-Netz und PodTemplates zählen nicht) sucht sie Policies dieses Namespace, die Ingress und Egress so verbieten; beide Richtungen dürfen aus getrennten Policies kommen. Eine Meldung je Namespace, am Namen seines Namespace-Objekts, wenn die Prüfung eines enthält, sonst am Namen seines ersten Workloads. Liegen die Policies anderswo (Plattform-Repository, Cluster-Grundkonfiguration), die Regel in .bollwerk.yaml abschalten oder mit Begründung unterdrücken.',
    },
    fix: {
      en: 'Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress] and no rules to each namespace, then allow the needed connections with further policies.',
      de: 'Jedem Namespace eine NetworkPolicy mit podSelector: {} und policyTypes [Ingress, Egress] ohne Regeln geben und die nötigen Verbindungen mit weiteren Policies erlauben.',
    },
    bad: 'kind: NetworkPolicy\nmetadata: {name: allow-web, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{ports: [{port: 8080}]}]',
    good: 'kind: NetworkPolicy\nmetadata: {name: default-deny, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
  },
  fixable: false,
  collect: (file) => (file.kind === 'kubernetes' ? collect(file.objects) : undefined),
  check(files) {
    const denied = new Map<string, Set<Direction>>();
    for (const { facts } of files) {
      for (const p of facts.policies) {
        const set = denied.get(p.namespace) ?? new Set<Direction>();
        for (const d of p.denied) set.add(d);
        denied.set(p.namespace, set);
      }
    }
    const out: RawFinding[] = [];
    for (const [namespace, { uri, anchor }] of anchors(files)) {
      const set = denied.get(namespace) ?? new Set<Direction>();
      if (set.has('Ingress') && set.has('Egress')) continue;
      const messageId = set.has('Ingress') ? 'egress' : set.has('Egress') ? 'ingress' : 'default';
      out.push({ ...anchor, uri, messageId, args: { namespace } });
    }
    return out;
  },
});
