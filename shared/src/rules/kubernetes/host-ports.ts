import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containersOf, containerName } from '../../parse/kubernetes';
import { isMap, mapGet, mapPair, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn, removePairFix, valueRange, withFix } from './support/findings';

/** Container ports bound on the node (PSS baseline `hostPorts`). */
export const hostPorts = defineYamlRule({
  id: 'k8s/host-ports',
  kind: 'kubernetes',
  title: { en: 'Containers must not bind host ports', de: 'Container dürfen keine Host-Ports binden' },
  severity: 'warning',
  levels: BASELINE_LEVELS,
  references: ['CL-2.3.2'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/hostPorts' }, owaspK8s('K01')],
  equivalents: [...baselineControl('hostPorts'), 'trivy:KSV024', 'checkov:CKV_K8S_26', 'kubescape:C-0044'],
  messages: {
    default: {
      en: 'Container "{container}" binds host port {port} on the node; expose it through a Service instead.',
      de: 'Container "{container}" bindet Host-Port {port} auf dem Knoten; stattdessen über einen Service freigeben.',
    },
  },
  docs: {
    rationale: {
      en: 'A hostPort opens a port on every node the pod lands on, bypassing Services and NetworkPolicies.',
      de: 'Ein hostPort öffnet einen Port auf jedem Knoten, auf dem der Pod läuft, vorbei an Services und NetworkPolicies.',
    },
    fix: { en: 'Remove hostPort and publish the port through a Service.', de: 'hostPort entfernen und den Port über einen Service veröffentlichen.' },
    bad: 'ports:\n- containerPort: 8080\n  hostPort: 8080',
    good: 'ports:\n- containerPort: 8080',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      for (const p of seqItems(mapGet(c.node, 'ports'))) {
        const pair = mapPair(p, 'hostPort');
        const port = scalarString(pair?.value);
        if (!pair || port === undefined || port === '0') continue;
        // Without hostPort the port stays reachable through the pod's IP and Services.
        const fix = isMap(p) ? removePairFix(file, c.pod.document, p, pair, { en: 'Remove hostPort', de: 'hostPort entfernen' }) : undefined;
        out.push(withFix(findingOn(c.pod.object, valueRange(c.pod.document, pair), { args: { container: containerName(c), port } }), fix));
      }
    }
    return out;
  },
});
