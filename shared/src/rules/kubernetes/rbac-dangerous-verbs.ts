import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import type { RawFinding } from '../../types';
import { findingOn, objectName } from './support/findings';
import { policyRules } from './support/rbac';

const DANGEROUS = new Set(['escalate', 'bind', 'impersonate']);

/** The `escalate`, `bind` and `impersonate` verbs, which bypass RBAC's own limits. */
export const rbacDangerousVerbs = defineYamlRule({
  id: 'k8s/rbac-dangerous-verbs',
  kind: 'kubernetes',
  title: { en: 'No escalate, bind or impersonate in RBAC rules', de: 'Kein escalate, bind oder impersonate in RBAC-Regeln' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSC-5.2.1', 'OTC-C2'],
  external: [owaspK8s('K02')],
  equivalents: [
    'trivy:KSV043', 'kube-linter:escalate-verb-in-role', 'kube-linter:bind-verb-in-role', 'checkov:CKV_K8S_157',
    'checkov:CKV_K8S_158', 'kubescape:C-0065',
  ],
  messages: {
    default: {
      en: '{role} "{name}" grants "{verb}", which lets its holder obtain permissions it does not have; remove it.',
      de: '{role} "{name}" gewährt "{verb}", womit sein Inhaber Rechte erlangen kann, die er nicht hat; entfernen.',
    },
  },
  docs: {
    rationale: {
      en: 'escalate and bind let a subject create roles or bindings beyond its own rights; impersonate lets it act as any user, group or service account.',
      de: 'escalate und bind erlauben es, Rollen oder Bindungen über die eigenen Rechte hinaus anzulegen; impersonate erlaubt es, als beliebiger Benutzer, Gruppe oder Service-Account zu handeln.',
    },
    fix: { en: 'Remove the verb; grant the concrete permissions directly where really needed.', de: 'Das Verb entfernen; wo wirklich nötig, die konkreten Rechte direkt vergeben.' },
    bad: 'verbs: [get, bind]',
    good: 'verbs: [get]',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const rule of policyRules(file)) {
      for (const v of rule.verbs) {
        if (DANGEROUS.has(v.value)) out.push(findingOn(rule.object, rule.object.document.rangeOf(v.node), { args: { role: rule.object.kind, name: objectName(rule.object), verb: v.value } }));
      }
    }
    return out;
  },
});
