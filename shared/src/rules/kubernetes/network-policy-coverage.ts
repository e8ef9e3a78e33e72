import { defineWorkspaceRule } from '../../define';
import { getIn, namespaceOf } from '../../parse/kubernetes';
import type { K8sObject } from '../../parse/yaml';
import type { Anchor, RawFinding } from '../../types';
import { findingOn, nameRange, objectName } from './support/findings';
import { isNetworkPolicy, networkedPod } from './support/network';
import { readSelector, selectorMatches, type Selector } from './support/selectors';

/** What the rule reads of one file: its NetworkPolicies' selectors and its networked workloads. */
interface Facts {
  readonly policies: readonly { readonly namespace: string; readonly selector: Selector }[];
  readonly workloads: readonly { readonly namespace: string; readonly labels: Readonly<Record<string, string>>; readonly kind: string; readonly name: string; readonly anchor: Anchor }[];
}

function collect(objects: readonly K8sObject[]): Facts | undefined {
  const policies: Facts['policies'][number][] = [];
  const workloads: Facts['workloads'][number][] = [];
  for (const o of objects) {
    if (isNetworkPolicy(o)) policies.push({ namespace: namespaceOf(o), selector: readSelector(getIn(o.node, ['spec', 'podSelector'])) });
    const pod = networkedPod(o);
    if (pod) workloads.push({ namespace: namespaceOf(o), labels: pod.labels, kind: o.kind, name: objectName(o), anchor: findingOn(o, nameRange(o)) });
  }
  return policies.length === 0 && workloads.length === 0 ? undefined : { policies, workloads };
}

/**
 * Workloads that no NetworkPolicy of their namespace selects, over all files scanned together.
 *
 * Decision: the rule reports also when the scan holds no NetworkPolicy at all (with its own
 * message). A repository that defines workloads but no policy is the gap CL-2.3.1 describes;
 * teams whose policies live elsewhere (a platform repository, a cluster baseline) switch the
 * rule off in `.bollwerk.yaml` or suppress it per workload with a reason.
 */
export const networkPolicyCoverage = defineWorkspaceRule<Facts>({
  id: 'k8s/network-policy-coverage',
  kind: 'kubernetes',
  scope: 'workspace',
  fileKinds: ['kubernetes'],
  title: { en: 'Every workload is selected by a NetworkPolicy', de: 'Jeder Workload wird von einer NetworkPolicy erfasst' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-2.3.1', 'POL-1.1.1', 'POL-1.1.3', 'CSC-2.3.1', 'CSC-2.3.2', 'ART-3.8', 'OTC-C4'],
  messages: {
    default: {
      en: '{kind} "{name}" in namespace "{namespace}" is selected by no NetworkPolicy; its pods accept traffic from everywhere. Add a policy that selects its labels.',
      de: '{kind} "{name}" im Namespace "{namespace}" wird von keiner NetworkPolicy erfasst; seine Pods nehmen Verkehr von überall an. Eine Policy für seine Labels ergänzen.',
    },
    none: {
      en: '{kind} "{name}" in namespace "{namespace}" is selected by no NetworkPolicy, and the scanned files define none; start with a default-deny policy per namespace.',
      de: '{kind} "{name}" im Namespace "{namespace}" wird von keiner NetworkPolicy erfasst, und die geprüften Dateien definieren keine; mit einer Default-Deny-Policy je Namespace beginnen.',
    },
  },
  docs: {
    rationale: {
      en: 'Without a NetworkPolicy selecting a pod, Kubernetes allows all traffic to and from it; one compromised pod can reach every other. Coverage is judged over all files scanned together: a policy selects a workload when it is in the same namespace (default when unset) and its podSelector (matchLabels, matchExpressions; empty selects all) matches the pod template labels. Pods on the host network and PodTemplates are skipped. The rule also reports when the scanned files contain no NetworkPolicy at all: a repository that defines workloads but no policy is the gap the checklist describes. Where policies live elsewhere (a platform repository, a cluster baseline), switch the rule off in .bollwerk.yaml or suppress it per workload with a reason.',
      de: 'Ohne NetworkPolicy, die einen Pod erfasst, erlaubt Kubernetes jeden Verkehr von und zu ihm; ein übernommener Pod erreicht alle anderen. Die Abdeckung wird über alle gemeinsam geprüften Dateien beurteilt: eine Policy erfasst einen Workload, wenn sie im selben Namespace liegt (default, wenn keiner gesetzt ist) und ihr podSelector (matchLabels, matchExpressions; leer erfasst alle) auf die Labels der Pod-Vorlage passt. Pods im Host-Netz und PodTemplates werden übergangen. Die Regel meldet auch, wenn die geprüften Dateien gar keine NetworkPolicy enthalten: ein Repository mit Workloads, aber ohne Policy ist genau die Lücke, die die Checkliste beschreibt. Liegen die Policies anderswo (Plattform-Repository, Cluster-Grundkonfiguration), die Regel in .bollwerk.yaml abschalten oder je Workload mit Begründung unterdrücken.',
    },
    fix: { en: 'Add a default-deny NetworkPolicy per namespace and policies that allow the needed traffic by label.', de: 'Je Namespace eine Default-Deny-NetworkPolicy und Policies für den nötigen Verkehr nach Labels anlegen.' },
    bad: 'kind: Deployment\nmetadata: {name: api}\n# no NetworkPolicy',
    good: 'kind: NetworkPolicy\nmetadata: {name: default-deny}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
  },
  fixable: false,
  collect: (file) => (file.kind === 'kubernetes' ? collect(file.objects) : undefined),
  check(files) {
    const policies = files.flatMap((f) => f.facts.policies);
    const out: RawFinding[] = [];
    for (const { uri, facts } of files) {
      for (const w of facts.workloads) {
        if (policies.some((p) => p.namespace === w.namespace && selectorMatches(p.selector, w.labels))) continue;
        out.push({ ...w.anchor, uri, messageId: policies.length === 0 ? 'none' : 'default', args: { kind: w.kind, name: w.name, namespace: w.namespace } });
      }
    }
    return out;
  },
});
