import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, getIn, podSpecs } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarBool, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, valueRange } from './support/findings';

const REMOTE_ADMIN: Readonly<Record<string, string>> = { '22': 'SSH', '3389': 'RDP', '5900': 'VNC' };
const ETCD: Readonly<Record<string, string>> = { '2379': 'etcd', '2380': 'etcd peer' };

/**
 * Remote administration ports (SSH, RDP, VNC) in containers, and etcd ports published on the
 * node (hostPort or host network). An etcd pod's containerPort alone stays inside the cluster.
 */
export const exposedSensitivePorts = defineYamlRule({
  id: 'k8s/exposed-sensitive-ports',
  kind: 'kubernetes',
  title: { en: 'No remote administration or exposed etcd ports', de: 'Keine Fernwartungs- oder offenen etcd-Ports' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.12', 'CSVS-3.13', 'CL-2.3.2'],
  external: [owaspK8s('K06')],
  equivalents: ['kube-linter:ssh-port', 'kubescape:C-0042'],
  messages: {
    default: {
      en: 'Container "{container}" exposes port {port} ({service}); remote administration does not belong in a container — use kubectl exec or debug containers.',
      de: 'Container "{container}" öffnet Port {port} ({service}); Fernwartung gehört nicht in einen Container — kubectl exec oder Debug-Container verwenden.',
    },
    etcd: {
      en: 'Container "{container}" publishes {service} port {port} on the node; etcd must be reachable only from the control plane, with client certificates.',
      de: 'Container "{container}" veröffentlicht {service}-Port {port} auf dem Knoten; etcd darf nur von der Control Plane erreichbar sein, mit Client-Zertifikaten.',
    },
  },
  docs: {
    rationale: {
      en: 'An SSH or RDP daemon in a container is an extra, rarely patched entry point; etcd holds every Secret of the cluster.',
      de: 'Ein SSH- oder RDP-Dienst im Container ist ein zusätzlicher, selten gepatchter Zugang; etcd enthält jedes Secret des Clusters.',
    },
    fix: { en: 'Remove the SSH/RDP port and daemon; keep etcd ports off the node network.', de: 'SSH/RDP-Port und -Dienst entfernen; etcd-Ports vom Knotennetz fernhalten.' },
    bad: 'ports:\n- containerPort: 22',
    good: 'ports:\n- containerPort: 8080',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      const hostNetwork = scalarBool(getIn(pod.spec, ['hostNetwork'])) === true;
      for (const c of pod.containers) {
        for (const p of seqItems(mapGet(c.node, 'ports'))) {
          for (const key of ['containerPort', 'hostPort']) {
            const pair = mapPair(p, key);
            const port = scalarString(pair?.value);
            if (!pair || port === undefined) continue;
            const admin = REMOTE_ADMIN[port];
            const etcd = ETCD[port];
            const args = { container: containerName(c), port, service: admin ?? etcd ?? '' };
            if (admin) out.push(findingOn(pod.object, valueRange(pod.document, pair), { args }));
            else if (etcd && (key === 'hostPort' || hostNetwork)) out.push(findingOn(pod.object, valueRange(pod.document, pair), { messageId: 'etcd', args }));
          }
        }
      }
    }
    return out;
  },
});
