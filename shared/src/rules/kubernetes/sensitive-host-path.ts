import { defineYamlRule } from '../../define';
import { podSpecs } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, valueRange } from './support/findings';

const SOCKETS = /(?:^|\/)(?:docker|containerd|crio|cri-dockerd|podman)\.sock$|^\/(?:var\/)?run\/(?:docker|containerd|crio)\/?$/;
const SENSITIVE_DIRS = new Set(['/', '/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/home', '/var/run', '/run', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/etc/kubernetes', '/usr', '/lib', '/bin', '/sbin']);

/** True for host paths that hand over the node: runtime sockets and system directories. */
export function isSensitiveHostPath(path: string): boolean {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return SOCKETS.test(p) || SENSITIVE_DIRS.has(p);
}

/** The container runtime socket or system directories of the node mounted into a pod. */
export const sensitiveHostPath = defineYamlRule({
  id: 'k8s/sensitive-host-path',
  kind: 'kubernetes',
  title: { en: 'Do not mount the runtime socket or system directories of the node', de: 'Keinen Laufzeit-Socket und keine Systemverzeichnisse des Knotens einhängen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.15', 'POL-2.1.1'],
  external: [{ source: 'CIS Docker Benchmark', id: '5.31' }],
  equivalents: ['kube-linter:docker-sock', 'kube-linter:sensitive-host-mounts', 'checkov:CKV_K8S_27', 'trivy:KSV006'],
  messages: {
    default: {
      en: 'Volume "{volume}" mounts {path} from the node; with it a container can control the node. Remove the mount or confine it to what monitoring needs, read-only.',
      de: 'Volume "{volume}" hängt {path} des Knotens ein; damit kann ein Container den Knoten steuern. Den Mount entfernen oder auf das für Monitoring Nötige beschränken, schreibgeschützt.',
    },
  },
  docs: {
    rationale: {
      en: 'The runtime socket starts privileged containers on request; /etc, /proc, /var/lib/kubelet and similar directories hold the node\'s credentials and configuration.',
      de: 'Der Laufzeit-Socket startet auf Anfrage privilegierte Container; /etc, /proc, /var/lib/kubelet und ähnliche Verzeichnisse enthalten Zugangsdaten und Konfiguration des Knotens.',
    },
    fix: { en: 'Remove the hostPath volume; where a monitoring agent needs it, mount it readOnly and document why.', de: 'Das hostPath-Volume entfernen; wo ein Monitoring-Agent es braucht, readOnly einhängen und den Grund dokumentieren.' },
    bad: 'volumes:\n- name: docker\n  hostPath: {path: /var/run/docker.sock}',
    good: 'volumes:\n- name: cache\n  emptyDir: {}',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      for (const v of seqItems(mapGet(pod.spec, 'volumes'))) {
        const pair = mapPair(mapGet(v, 'hostPath'), 'path');
        const path = scalarString(pair?.value);
        if (!pair || path === undefined || !isSensitiveHostPath(path)) continue;
        out.push(findingOn(pod.object, valueRange(pod.document, pair), { args: { volume: scalarString(mapGet(v, 'name')) ?? '?', path } }));
      }
    }
    return out;
  },
});
