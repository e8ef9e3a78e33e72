import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, containersOf, getIn, pairIn } from '../../parse/kubernetes';
import { isMap, scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn, removePairFix, valueRange, withFix } from './support/findings';

const HANDLERS: readonly (readonly string[])[] = [
  ['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop'],
];

/** Probes and lifecycle handlers aimed at another host (PSS baseline `hostProbesAndHostLifecycle`). */
export const hostProbes = defineYamlRule({
  id: 'k8s/host-probes',
  kind: 'kubernetes',
  title: { en: 'Probes and lifecycle handlers must not set a host', de: 'Probes und Lifecycle-Handler dürfen keinen Host setzen' },
  severity: 'warning',
  levels: BASELINE_LEVELS,
  references: ['CL-2.3.2'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/hostProbesAndHostLifecycle' }, owaspK8s('K01')],
  equivalents: baselineControl('hostProbesAndHostLifecycle'),
  messages: {
    default: {
      en: 'Container "{container}" sends its probe or lifecycle request to host "{host}"; the kubelet would reach it from the node. Remove host.',
      de: 'Container "{container}" schickt seine Probe- oder Lifecycle-Anfrage an Host "{host}"; das Kubelet würde ihn vom Knoten aus erreichen. host entfernen.',
    },
  },
  docs: {
    rationale: {
      en: 'The kubelet performs probes from the node; a host field turns it into a proxy to any address the node can reach.',
      de: 'Das Kubelet führt Probes vom Knoten aus; ein host-Feld macht es zum Proxy für jede Adresse, die der Knoten erreicht.',
    },
    fix: { en: 'Remove the host field; probes then target the pod\'s own IP.', de: 'Das host-Feld entfernen; Probes gehen dann an die IP des Pods.' },
    bad: 'livenessProbe:\n  httpGet: {host: 10.0.0.1, port: 8080}',
    good: 'livenessProbe:\n  httpGet: {port: 8080}',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      for (const handler of HANDLERS) {
        for (const action of ['httpGet', 'tcpSocket']) {
          const pair = pairIn(c.node, [...handler, action, 'host']);
          const host = scalarString(pair?.value) ?? '';
          if (!pair || host === '') continue;
          // Without host the kubelet probes the pod's IP.
          const map = getIn(c.node, [...handler, action]);
          const fix = isMap(map) ? removePairFix(file, c.pod.document, map, pair, { en: 'Remove host', de: 'host entfernen' }) : undefined;
          out.push(withFix(findingOn(c.pod.object, valueRange(c.pod.document, pair), { args: { container: containerName(c), host } }), fix));
        }
      }
    }
    return out;
  },
});
