import { defineYamlRule } from '../../define';
import { getIn, isKind, pairIn, podSpecOf } from '../../parse/kubernetes';
import { isMap, scalarString, seqItems, type K8sObject } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, objectName } from './support/findings';

const APPS = /^(?:apps|extensions)\/v\w+$/;

/** The replicated kinds: a `spec.replicas` count of identical pods. */
const REPLICATED: readonly { kind: string; api: RegExp }[] = [
  { kind: 'Deployment', api: APPS },
  { kind: 'StatefulSet', api: APPS },
  { kind: 'ReplicaSet', api: APPS },
  { kind: 'ReplicationController', api: /^v1$/ },
];

const isReplicated = (o: K8sObject): boolean => REPLICATED.some((r) => isKind(o, r.kind, r.api));

/** The replica count when it is a plain integer literal (templated or quoted values are not judged). */
export function replicaCount(value: unknown): number | undefined {
  const s = scalarString(value);
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
}

/** True when the pod spec spreads its replicas: a non-empty podAntiAffinity or topologySpreadConstraints. */
export function spreadsReplicas(spec: unknown): boolean {
  const anti = getIn(spec, ['affinity', 'podAntiAffinity']);
  if (isMap(anti) && anti.items.length > 0) return true;
  return seqItems(getIn(spec, ['topologySpreadConstraints'])).length > 0;
}

/** Replicated workloads whose pods the scheduler may stack on one node (CL-2.2.5). */
export const podAntiAffinity = defineYamlRule({
  id: 'k8s/pod-anti-affinity',
  kind: 'kubernetes',
  title: { en: 'Spread the replicas of a workload across nodes', de: 'Replikate eines Workloads über Knoten verteilen' },
  severity: 'info',
  levels: ['L3'],
  references: ['CL-2.2.5'],
  equivalents: ['kube-linter:no-anti-affinity'],
  messages: {
    default: {
      en: '{kind} "{name}" runs {replicas} replicas without podAntiAffinity or topologySpreadConstraints; the scheduler may place them all on one node, where one failure or compromise hits every replica.',
      de: '{kind} "{name}" betreibt {replicas} Replikate ohne podAntiAffinity oder topologySpreadConstraints; der Scheduler kann alle auf einen Knoten legen, wo ein Ausfall oder eine Übernahme jedes Replikat trifft.',
    },
  },
  docs: {
    rationale: {
      en: 'Replicas exist so that a workload survives the loss of one pod. Without pod anti-affinity or topology spread constraints the scheduler may put every replica on the same node, and a node failure, drain or compromise takes the whole workload. The rule looks at Deployments, StatefulSets, ReplicaSets and ReplicationControllers whose spec.replicas is a literal number above 1; an unset replica count (1, or managed by an autoscaler) and templated values are not judged. Any podAntiAffinity term or topologySpreadConstraints entry counts.',
      de: 'Replikate sollen einen Workload den Verlust eines Pods überstehen lassen. Ohne Pod-Anti-Affinity oder Topology-Spread-Constraints kann der Scheduler alle Replikate auf denselben Knoten legen; ein Knotenausfall, ein Drain oder eine Übernahme trifft dann den ganzen Workload. Die Regel prüft Deployments, StatefulSets, ReplicaSets und ReplicationController, deren spec.replicas eine feste Zahl über 1 ist; eine ungesetzte Replikatzahl (1 oder von einem Autoscaler verwaltet) und Template-Werte werden nicht beurteilt. Jede podAntiAffinity-Regel und jeder topologySpreadConstraints-Eintrag zählt.',
    },
    fix: {
      en: 'Add affinity.podAntiAffinity (preferred or required, topologyKey kubernetes.io/hostname) or topologySpreadConstraints matching the pod labels to the pod template.',
      de: 'In der Pod-Vorlage affinity.podAntiAffinity (preferred oder required, topologyKey kubernetes.io/hostname) oder topologySpreadConstraints passend zu den Pod-Labels ergänzen.',
    },
    bad: 'kind: Deployment\nspec:\n  replicas: 3\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers: [{name: api, image: "api:1.0"}]',
    good: 'kind: Deployment\nspec:\n  replicas: 3\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector: {matchLabels: {app: api}}\n      containers: [{name: api, image: "api:1.0"}]',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const o of file.objects) {
      if (!isReplicated(o)) continue;
      const pod = podSpecOf(o);
      const pair = pairIn(o.node, ['spec', 'replicas']);
      const replicas = replicaCount(pair?.value);
      if (!pod || !pair || replicas === undefined || replicas <= 1 || spreadsReplicas(pod.spec)) continue;
      out.push(findingOn(o, o.document.keyRange(pair), { args: { kind: o.kind, name: objectName(o), replicas } }));
    }
    return out;
  },
});
