import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import type { RawFinding } from '../../types';
import { findingOn, objectName } from './support/findings';
import { policyRules } from './support/rbac';

/** `*` in verbs, resources or apiGroups of a Role or ClusterRole. */
export const rbacWildcard = defineYamlRule({
  id: 'k8s/rbac-wildcard',
  kind: 'kubernetes',
  title: { en: 'No wildcards in RBAC rules', de: 'Keine Platzhalter in RBAC-Regeln' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-3.1.4', 'CSC-5.2.1', 'OTC-C2'],
  external: [owaspK8s('K02')],
  equivalents: ['kube-linter:wildcard-in-rules', 'checkov:CKV_K8S_49', 'trivy:KSV044', 'trivy:KSV046'],
  messages: {
    default: {
      en: '{role} "{name}" grants "*" in {field}; list the {field} it needs, since a wildcard also covers ones added later.',
      de: '{role} "{name}" gewährt "*" in {field}; die benötigten {field} aufzählen, denn ein Platzhalter umfasst auch später hinzukommende.',
    },
  },
  docs: {
    rationale: {
      en: 'Wildcards grant far more than intended, including resources and verbs that do not exist yet.',
      de: 'Platzhalter gewähren weit mehr als gewollt, auch Ressourcen und Verben, die es noch gar nicht gibt.',
    },
    fix: { en: 'Replace "*" with the explicit verbs, resources and API groups.', de: '"*" durch die ausdrücklichen Verben, Ressourcen und API-Gruppen ersetzen.' },
    bad: 'rules:\n- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]',
    good: 'rules:\n- apiGroups: [""]\n  resources: [configmaps]\n  verbs: [get]',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const rule of policyRules(file)) {
      for (const field of ['apiGroups', 'resources', 'verbs'] as const) {
        for (const item of rule[field]) {
          if (item.value !== '*') continue;
          out.push(findingOn(rule.object, rule.object.document.rangeOf(item.node), { args: { role: rule.object.kind, name: objectName(rule.object), field } }));
        }
      }
    }
    return out;
  },
});
