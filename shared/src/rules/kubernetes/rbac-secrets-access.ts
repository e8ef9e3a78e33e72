import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import type { RawFinding } from '../../types';
import { findingOn, objectName } from './support/findings';
import { policyRules } from './support/rbac';

const READ = new Set(['get', 'list', 'watch', '*']);

/**
 * Read access to all Secrets of a namespace or the cluster. Rules limited by resourceNames to
 * named Secrets are not reported; wildcards are k8s/rbac-wildcard's.
 */
export const rbacSecretsAccess = defineYamlRule({
  id: 'k8s/rbac-secrets-access',
  kind: 'kubernetes',
  title: { en: 'Limit read access to Secrets', de: 'Lesezugriff auf Secrets begrenzen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-3.1.4', 'CSC-5.2.1'],
  external: [owaspK8s('K02')],
  equivalents: ['kube-linter:access-to-secrets', 'trivy:KSV041', 'kubescape:C-0015'],
  messages: {
    default: {
      en: '{role} "{name}" can read every Secret ({verbs}); restrict it with resourceNames or move the need elsewhere.',
      de: '{role} "{name}" kann jedes Secret lesen ({verbs}); mit resourceNames einschränken oder den Bedarf anders lösen.',
    },
  },
  docs: {
    rationale: {
      en: 'Whoever can list or get Secrets holds every password, token and key stored in them, including service-account tokens.',
      de: 'Wer Secrets auflisten oder lesen kann, hat jedes dort gespeicherte Passwort, Token und jeden Schlüssel, auch Service-Account-Tokens.',
    },
    fix: { en: 'Name the Secrets in resourceNames and grant only get.', de: 'Die Secrets in resourceNames benennen und nur get gewähren.' },
    bad: 'rules:\n- apiGroups: [""]\n  resources: [secrets]\n  verbs: [get, list]',
    good: 'rules:\n- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [shop-db]\n  verbs: [get]',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const rule of policyRules(file)) {
      if (rule.resourceNames.length > 0) continue;
      const coreGroup = rule.apiGroups.length === 0 || rule.apiGroups.some((g) => g.value === '' || g.value === '*');
      const verbs = rule.verbs.filter((v) => READ.has(v.value)).map((v) => v.value);
      if (!coreGroup || verbs.length === 0) continue;
      for (const r of rule.resources) {
        if (r.value !== 'secrets') continue;
        out.push(findingOn(rule.object, rule.object.document.rangeOf(r.node), { args: { role: rule.object.kind, name: objectName(rule.object), verbs: verbs.join(', ') } }));
      }
    }
    return out;
  },
});
