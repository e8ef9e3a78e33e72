import { defineYamlRule } from '../../define';
import { cisDocker, owaspK8s } from '../../checklist/external';
import { podSpecs } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, valueRange } from './support/findings';

const SOCKETS = /(?:^|\/)(?:docker|containerd|crio|cri-dockerd|podman)\.sock$|^\/(?:var\/)?run\/(?:docker|containerd|crio)\/?$/;
/** Directories that are sensitive themselves (what lies below some of them, like /etc/ssl/certs, is not). */
const SENSITIVE_DIRS = new Set(['/', '/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/home', '/var/run', '/run', '/usr', '/lib', '/bin', '/sbin']);
/**
 * Trees nothing below which may be mounted: the kubelet's pods and credentials, the runtimes'
 * state, CNI configuration and plugins (code the node runs), etcd, node credentials.
 */
const SENSITIVE_TREES = [
  '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/var/lib/crio', '/var/lib/etcd', '/var/lib/cni', '/etc/kubernetes',
  '/etc/cni', '/opt/cni', '/etc/containerd', '/etc/crio', '/etc/docker', '/etc/ssh', '/etc/sudoers', '/etc/sudoers.d', '/etc/shadow',
  '/etc/gshadow', '/etc/passwd', '/etc/group', '/etc/pam.d', '/etc/systemd', '/etc/ld.so.preload', '/root', '/boot', '/proc',
  '/run/containerd', '/var/run/containerd', '/run/crio', '/var/run/crio', '/run/docker', '/var/run/docker',
];

/** The path with `.`, `..`, repeated and trailing slashes resolved (`/var/lib//kubelet/./pods/` → `/var/lib/kubelet/pods`). */
function normalizeHostPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.trim().split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

/** True for host paths that hand over the node: runtime sockets, system directories and what lies below the sensitive trees. */
export function isSensitiveHostPath(path: string): boolean {
  if (!path.trim().startsWith('/')) return false;
  const p = normalizeHostPath(path);
  return SOCKETS.test(p) || SENSITIVE_DIRS.has(p) || SENSITIVE_TREES.some((t) => p === t || p.startsWith(`${t}/`));
}

/** The container runtime socket or system directories of the node mounted into a pod. */
export const sensitiveHostPath = defineYamlRule({
  id: 'k8s/sensitive-host-path',
  kind: 'kubernetes',
  title: { en: 'Do not mount the runtime socket or system directories of the node', de: 'Keinen Laufzeit-Socket und keine Systemverzeichnisse des Knotens einhängen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.15', 'POL-2.1.1'],
  external: [cisDocker('5.6'), cisDocker('5.32'), owaspK8s('K01')],
  equivalents: [
    'kube-linter:docker-sock', 'kube-linter:sensitive-host-mounts', 'checkov:CKV_K8S_27', 'trivy:KSV006',
    'kube-linter:container-runtime-sock', 'kubescape:C-0074',
  ],
  messages: {
    default: {
      en: 'Volume "{volume}" mounts {path} from the node; with it a container can control the node. Remove the mount or confine it to what monitoring needs, read-only.',
      de: 'Volume "{volume}" hängt {path} des Knotens ein; damit kann ein Container den Knoten steuern. Den Mount entfernen oder auf das für Monitoring Nötige beschränken, schreibgeschützt.',
    },
  },
  docs: {
    rationale: {
      en: 'The runtime socket starts privileged containers on request; /etc, /proc, /var/lib/kubelet and similar directories hold the node\'s credentials and configuration. Everything below the kubelet\'s and the runtimes\' state, the CNI configuration and plugins, /etc/kubernetes, /etc/ssh and /proc counts too (/var/lib/kubelet/pods holds every pod\'s secrets).',
      de: 'Der Laufzeit-Socket startet auf Anfrage privilegierte Container; /etc, /proc, /var/lib/kubelet und ähnliche Verzeichnisse enthalten Zugangsdaten und Konfiguration des Knotens. Alles unterhalb des Zustands von Kubelet und Laufzeiten, der CNI-Konfiguration und -Plugins, /etc/kubernetes, /etc/ssh und /proc zählt ebenso (/var/lib/kubelet/pods enthält die Secrets aller Pods).',
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
