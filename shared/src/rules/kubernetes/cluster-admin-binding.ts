import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { pairIn } from '../../parse/kubernetes';
import { scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, valueRange, objectName } from './support/findings';
import { isBinding } from './support/rbac';

/** Bindings to the cluster-admin ClusterRole. */
export const clusterAdminBinding = defineYamlRule({
  id: 'k8s/cluster-admin-binding',
  kind: 'kubernetes',
  title: { en: 'Do not bind cluster-admin', de: 'cluster-admin nicht binden' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSC-5.2.1', 'OTC-C2'],
  external: [owaspK8s('K02')],
  equivalents: ['kube-linter:cluster-admin-role-binding', 'trivy:KSV111', 'kubescape:C-0035'],
  messages: {
    default: {
      en: '{kind} "{name}" grants cluster-admin, full control over the cluster; bind a role with only the permissions needed.',
      de: '{kind} "{name}" gewährt cluster-admin, volle Kontrolle über den Cluster; eine Rolle mit nur den nötigen Rechten binden.',
    },
  },
  docs: {
    rationale: {
      en: 'cluster-admin can do anything on every resource; a compromised subject bound to it compromises the cluster.',
      de: 'cluster-admin darf alles mit jeder Ressource; ein übernommenes Subjekt mit dieser Rolle übernimmt den Cluster.',
    },
    fix: { en: 'Create a Role or ClusterRole with the specific permissions and bind that instead.', de: 'Eine Role oder ClusterRole mit den konkreten Rechten anlegen und stattdessen diese binden.' },
    bad: 'roleRef:\n  kind: ClusterRole\n  name: cluster-admin',
    good: 'roleRef:\n  kind: Role\n  name: shop-api',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const o of file.objects) {
      if (!isBinding(o)) continue;
      const name = pairIn(o.node, ['roleRef', 'name']);
      const kind = scalarString(pairIn(o.node, ['roleRef', 'kind'])?.value);
      if (!name || scalarString(name.value) !== 'cluster-admin' || (kind !== undefined && kind !== 'ClusterRole')) continue;
      out.push(findingOn(o, valueRange(o.document, name), { args: { kind: o.kind, name: objectName(o) } }));
    }
    return out;
  },
});
