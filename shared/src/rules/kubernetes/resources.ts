import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, containersOf, getIn } from '../../parse/kubernetes';
import { scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { containerFinding } from './support/findings';

const FIELDS = [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'cpu'], ['limits', 'memory']] as const;

/** Containers without CPU/memory requests and limits. */
export const resources = defineYamlRule({
  id: 'k8s/resources',
  kind: 'kubernetes',
  title: { en: 'Set CPU and memory requests and limits', de: 'CPU- und Speicher-Requests und -Limits setzen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-2.2.3', 'CSC-2.2.1'],
  external: [owaspK8s('K01')],
  equivalents: [
    'kube-linter:unset-cpu-requirements', 'kube-linter:unset-memory-requirements', 'checkov:CKV_K8S_10',
    'checkov:CKV_K8S_11', 'checkov:CKV_K8S_12', 'checkov:CKV_K8S_13', 'trivy:KSV011', 'trivy:KSV015', 'trivy:KSV016',
    'trivy:KSV018', 'kubescape:C-0004', 'kubescape:C-0050',
  ],
  messages: {
    default: {
      en: 'Container "{container}" does not set {missing}; one container can starve the node without them.',
      de: 'Container "{container}" setzt {missing} nicht; ohne sie kann ein Container den Knoten aushungern.',
    },
  },
  docs: {
    rationale: {
      en: 'Requests let the scheduler place pods; limits cap what a runaway or compromised container can consume.',
      de: 'Requests lassen den Scheduler Pods platzieren; Limits begrenzen, was ein entgleister oder übernommener Container verbraucht.',
    },
    fix: { en: 'Set resources.requests and resources.limits for cpu and memory.', de: 'resources.requests und resources.limits für cpu und memory setzen.' },
    bad: 'containers:\n- name: app\n  image: app:1.0',
    good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    requests: {cpu: 100m, memory: 128Mi}\n    limits: {cpu: 500m, memory: 256Mi}',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      // Ephemeral containers cannot declare resources.
      if (c.group === 'ephemeralContainers') continue;
      const missing = FIELDS.filter((f) => scalarString(getIn(c.node, ['resources', ...f])) === undefined).map((f) => f.join('.'));
      if (missing.length > 0) out.push(containerFinding(c, undefined, { args: { container: containerName(c), missing: missing.join(', ') } }));
    }
    return out;
  },
});
