import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { isKind, pairIn } from '../../parse/kubernetes';
import { mapPair, scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, nameRange, valueRange, objectName } from './support/findings';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

/** Namespaces without an enforced Pod Security Admission level. */
export const namespacePsaEnforce = defineYamlRule({
  id: 'k8s/namespace-psa-enforce',
  kind: 'kubernetes',
  title: { en: 'Enforce a Pod Security Standard on every namespace', de: 'In jedem Namespace einen Pod Security Standard erzwingen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-2.1.5', 'POL-2.2.2', 'ART-3.1'],
  external: [{ source: 'Pod Security Standards', id: 'Pod Security Admission' }, owaspK8s('K04')],
  messages: {
    default: {
      en: 'Namespace "{name}" has no {label} label; set it to restricted (or baseline) so that the admission controller rejects unsafe pods.',
      de: 'Namespace "{name}" hat kein Label {label}; auf restricted (oder baseline) setzen, damit der Admission Controller unsichere Pods ablehnt.',
    },
    privileged: {
      en: 'Namespace "{name}" enforces the privileged level, which allows everything; use restricted or baseline.',
      de: 'Namespace "{name}" erzwingt die Stufe privileged, die alles erlaubt; restricted oder baseline verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'Without the enforce label Pod Security Admission only applies the cluster default, often privileged; the rules of this catalogue are then advisory only.',
      de: 'Ohne enforce-Label wendet Pod Security Admission nur den Cluster-Standard an, oft privileged; die Regeln dieses Katalogs sind dann nur Empfehlungen.',
    },
    fix: { en: 'Add the label pod-security.kubernetes.io/enforce: restricted to the namespace.', de: 'Das Label pod-security.kubernetes.io/enforce: restricted am Namespace setzen.' },
    bad: 'kind: Namespace\nmetadata:\n  name: shop',
    good: 'kind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const o of file.objects) {
      if (!isKind(o, 'Namespace', /^v1$/)) continue;
      const args = { name: objectName(o), label: ENFORCE };
      const labelPair = mapPair(pairIn(o.node, ['metadata', 'labels'])?.value, ENFORCE);
      const level = scalarString(labelPair?.value);
      if (labelPair && level === 'privileged') out.push(findingOn(o, valueRange(o.document, labelPair), { messageId: 'privileged', args }));
      else if (!labelPair) out.push(findingOn(o, nameRange(o), { args }));
    }
    return out;
  },
});
