import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { pairIn, podSpecs } from '../../parse/kubernetes';
import { scalarBool } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn, replaceFix, valueRange, withFix } from './support/findings';

const KEYS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** Pods sharing the host's network, PID or IPC namespace (PSS baseline `hostNamespaces`). */
export const hostNamespaces = defineYamlRule({
  id: 'k8s/host-namespaces',
  kind: 'kubernetes',
  title: { en: 'Pods must not share host namespaces', de: 'Pods dürfen keine Host-Namespaces teilen' },
  severity: 'error',
  levels: BASELINE_LEVELS,
  references: ['CL-2.2.4', 'CL-2.3.2'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/hostNamespaces' }, owaspK8s('K01')],
  equivalents: [
    ...baselineControl('hostNamespaces'),
    'kube-linter:host-network', 'kube-linter:host-pid', 'kube-linter:host-ipc',
    'checkov:CKV_K8S_17', 'checkov:CKV_K8S_18', 'checkov:CKV_K8S_19',
    'trivy:KSV008', 'trivy:KSV009', 'trivy:KSV010',
    'kubescape:C-0038', 'kubescape:C-0041',
  ],
  messages: {
    default: {
      en: '{key}: true shares the host\'s namespace with the pod; remove it.',
      de: '{key}: true teilt den Namespace des Hosts mit dem Pod; entfernen.',
    },
  },
  docs: {
    rationale: {
      en: 'Host network, PID and IPC namespaces let a pod see and reach the node\'s processes, interfaces and shared memory.',
      de: 'Netzwerk-, PID- und IPC-Namespace des Hosts lassen einen Pod Prozesse, Schnittstellen und Shared Memory des Knotens sehen und erreichen.',
    },
    fix: { en: 'Remove hostNetwork, hostPID and hostIPC or set them to false.', de: 'hostNetwork, hostPID und hostIPC entfernen oder auf false setzen.' },
    bad: 'spec:\n  hostNetwork: true',
    good: 'spec:\n  hostNetwork: false',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      for (const key of KEYS) {
        const pair = pairIn(pod.spec, [key]);
        if (!pair || scalarBool(pair.value) !== true) continue;
        const fix = replaceFix(file, pod.document, pair, 'false', { en: `Set ${key}: false`, de: `${key}: false setzen` });
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, pair), { args: { key } }), fix));
      }
    }
    return out;
  },
});
