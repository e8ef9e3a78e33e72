import { defineWorkspaceRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { getIn, namespaceOf } from '../../parse/kubernetes';
import type { K8sObject } from '../../parse/yaml';
import type { Anchor, RawFinding } from '../../types';
import { findingOn, nameRange, objectName } from './support/findings';
import { isNetworkPolicy, networkedPod } from './support/network';
import { readSelector, selectorMatches, type Selector } from './support/selectors';
import { enclosingUnits, folderOf, unitRoot } from './support/deployable-unit';

/** What the rule reads of one file: its NetworkPolicies' selectors, its networked workloads, whether it is a kustomization. */
interface Facts {
  readonly kustomization: boolean;
  readonly policies: readonly { readonly namespace: string; readonly selector: Selector }[];
  readonly workloads: readonly { readonly namespace: string; readonly labels: Readonly<Record<string, string>>; readonly kind: string; readonly name: string; readonly anchor: Anchor }[];
}

function collect(objects: readonly K8sObject[]): Facts | undefined {
  const policies: Facts['policies'][number][] = [];
  const workloads: Facts['workloads'][number][] = [];
  let kustomization = false;
  for (const o of objects) {
    if (o.kind === 'Kustomization' && o.apiVersion.startsWith('kustomize.config.k8s.io/')) kustomization = true;
    if (isNetworkPolicy(o)) policies.push({ namespace: namespaceOf(o), selector: readSelector(getIn(o.node, ['spec', 'podSelector'])) });
    const pod = networkedPod(o);
    if (pod) workloads.push({ namespace: namespaceOf(o), labels: pod.labels, kind: o.kind, name: objectName(o), anchor: findingOn(o, nameRange(o)) });
  }
  return policies.length === 0 && workloads.length === 0 && !kustomization ? undefined : { kustomization, policies, workloads };
}

/** A unit's folder for messages: its last two segments, decoded. */
function unitLabel(unit: string): string {
  const parts = unit.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/').filter((s) => s !== '');
  const tail = parts.slice(-2).join('/');
  try {
    return `${decodeURIComponent(tail)}/`;
  } catch {
    return `${tail}/`;
  }
}

/**
 * Workloads that no NetworkPolicy of their namespace and deployable unit selects (a chart, a
 * kustomization tree, a folder tree with its own manifests: support/deployable-unit.ts), over
 * all files scanned together: an unrelated application's default-deny covers nothing here.
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
  external: [owaspK8s('K05')],
  equivalents: ['kube-linter:non-isolated-pod'],
  messages: {
    default: {
      en: '{kind} "{name}" in namespace "{namespace}" is selected by no NetworkPolicy; its pods accept traffic from everywhere. Add a policy that selects its labels.',
      de: '{kind} "{name}" im Namespace "{namespace}" wird von keiner NetworkPolicy erfasst; seine Pods nehmen Verkehr von überall an. Eine Policy für seine Labels ergänzen.',
    },
    none: {
      en: '{kind} "{name}" in namespace "{namespace}" is selected by no NetworkPolicy, and its deployable unit ({unit}) defines none; start with a default-deny policy per namespace.',
      de: '{kind} "{name}" im Namespace "{namespace}" wird von keiner NetworkPolicy erfasst, und seine Einheit ({unit}) definiert keine; mit einer Default-Deny-Policy je Namespace beginnen.',
    },
  },
  docs: {
    rationale: {
      en: 'Without a NetworkPolicy selecting a pod, Kubernetes allows all traffic to and from it; one compromised pod can reach every other. Coverage is judged over all files scanned together, within a deployable unit: a Helm chart (the folder above templates/), a kustomization tree (base and overlays together), or else the folder tree of the manifest, counted from above the folders that only sort manifests (k8s/, deployments/, network-policies/ …); a policy applies to the workloads of its unit\'s folder tree. It selects a workload when it is in the same namespace (default when unset) and its podSelector (matchLabels, matchExpressions; empty selects all) matches the pod template labels. Pods on the host network and PodTemplates are skipped. The rule also reports when the scanned files contain no NetworkPolicy at all: a repository that defines workloads but no policy is the gap the checklist describes. Where policies live elsewhere (a platform repository, a cluster baseline), switch the rule off in .bollwerk.yaml or suppress it per workload with a reason.',
      de: 'Ohne NetworkPolicy, die einen Pod erfasst, erlaubt Kubernetes jeden Verkehr von und zu ihm; ein übernommener Pod erreicht alle anderen. Die Abdeckung wird über alle gemeinsam geprüften Dateien beurteilt, innerhalb einer auslieferbaren Einheit: ein Helm-Chart (der Ordner über templates/), ein Kustomization-Baum (Base und Overlays zusammen) oder sonst der Ordnerbaum des Manifests, gerechnet oberhalb der Ordner, die Manifeste nur sortieren (k8s/, deployments/, network-policies/ …); eine Policy gilt für die Workloads im Ordnerbaum ihrer Einheit. Sie erfasst einen Workload, wenn sie im selben Namespace liegt (default, wenn keiner gesetzt ist) und ihr podSelector (matchLabels, matchExpressions; leer erfasst alle) auf die Labels der Pod-Vorlage passt. Pods im Host-Netz und PodTemplates werden übergangen. Die Regel meldet auch, wenn die geprüften Dateien gar keine NetworkPolicy enthalten: ein Repository mit Workloads, aber ohne Policy ist genau die Lücke, die die Checkliste beschreibt. Liegen die Policies anderswo (Plattform-Repository, Cluster-Grundkonfiguration), die Regel in .bollwerk.yaml abschalten oder je Workload mit Begründung unterdrücken.',
    },
    fix: { en: 'Add a default-deny NetworkPolicy per namespace and policies that allow the needed traffic by label.', de: 'Je Namespace eine Default-Deny-NetworkPolicy und Policies für den nötigen Verkehr nach Labels anlegen.' },
    bad: 'kind: Deployment\nmetadata: {name: api}\n# no NetworkPolicy',
    good: 'kind: NetworkPolicy\nmetadata: {name: default-deny}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
  },
  fixable: false,
  collect: (file) => (file.kind === 'kubernetes' ? collect(file.objects) : undefined),
  check(files) {
    const kustomizations = new Set(files.filter((f) => f.facts.kustomization).map((f) => folderOf(f.uri)));
    // a manifest's unit depends on its folder alone: found once per folder
    const units = new Map<string, string>();
    const unitOf = (uri: string): string => {
      const folder = folderOf(uri);
      let unit = units.get(folder);
      if (unit === undefined) units.set(folder, (unit = unitRoot(uri, kustomizations)));
      return unit;
    };
    // the policies by the unit they are in, and those that apply in each unit of a workload once:
    // a large repository has thousands of files with workloads, most of them sharing their unit
    const policiesByUnit = new Map<string, Facts['policies'][number][]>();
    for (const f of files) {
      if (f.facts.policies.length === 0) continue;
      const unit = unitOf(f.uri);
      const list = policiesByUnit.get(unit);
      if (list) list.push(...f.facts.policies);
      else policiesByUnit.set(unit, [...f.facts.policies]);
    }
    const inScopeOf = new Map<string, Facts['policies'][number][]>();
    const inScopeFor = (unit: string): Facts['policies'][number][] => {
      let inScope = inScopeOf.get(unit);
      if (!inScope) {
        // the policies of the units whose folder tree holds this one, looked up rather than testing every policy's unit
        inScope = enclosingUnits(unit).flatMap((u) => policiesByUnit.get(u) ?? []);
        inScopeOf.set(unit, inScope);
      }
      return inScope;
    };
    const out: RawFinding[] = [];
    for (const { uri, facts } of files) {
      if (facts.workloads.length === 0) continue;
      const unit = unitOf(uri);
      const inScope = inScopeFor(unit);
      for (const w of facts.workloads) {
        if (inScope.some((p) => p.namespace === w.namespace && selectorMatches(p.selector, w.labels))) continue;
        const args = { kind: w.kind, name: w.name, namespace: w.namespace, unit: unitLabel(unit) };
        out.push({ ...w.anchor, uri, messageId: inScope.length === 0 ? 'none' : 'default', args });
      }
    }
    return out;
  },
});
