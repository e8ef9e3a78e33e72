/** Host paths that several Compose rules recognise: engine sockets and sensitive directories. */
import type { VolumeMount } from '../../../parse/compose-settings';
import { hostPath } from '../common';

/** Host paths of container-engine API sockets. */
export const ENGINE_SOCKET = /^\/\/\.\/pipe\/docker_engine$|(?:^|\/)(?:docker|podman|containerd|crio|cri-dockerd)\.sock$|^\/run\/containerd(?:\/|$)|^\/var\/run\/docker(?:\/|$)/;

/** Host directories that must not be mounted themselves. */
const SENSITIVE_DIRS = new Set([
  '/', '/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/home', '/run', '/var', '/var/run', '/var/lib', '/usr', '/usr/lib', '/lib', '/lib64',
  '/lib/modules', '/bin', '/sbin', '/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet', '/etc/kubernetes', '~', '$HOME', '${HOME}',
]);

/** Character devices that give nothing away. */
const HARMLESS_DEVICES = new Set(['/dev/null', '/dev/zero', '/dev/random', '/dev/urandom']);

/** Host trees nothing below which may be mounted. */
const SENSITIVE_TREES = [
  '/proc/', '/sys/', '/boot/', '/root/', '/dev/', '/var/lib/docker/', '/var/lib/containerd/', '/var/lib/kubelet/', '/etc/kubernetes/',
  '/etc/ssh/', '/etc/docker/', '/etc/sudoers', '/etc/shadow', '/etc/gshadow', '/etc/passwd', '/etc/group', '/etc/cron', '/etc/systemd/',
  '/etc/pam.d/', '/etc/security/', '/etc/ld.so.preload', '~/.ssh', '~/.aws', '~/.kube', '~/.docker', '~/.gnupg', '~/.config/gcloud',
  '$HOME/.ssh', '$HOME/.aws', '$HOME/.kube', '$HOME/.docker', '${HOME}/.ssh', '${HOME}/.aws', '${HOME}/.kube', '${HOME}/.docker',
];

/** The sensitive host path a volume mounts, or undefined. Engine sockets are left to compose/docker-socket. */
export function sensitiveHostPath(volume: VolumeMount): string | undefined {
  if (volume.type !== 'bind' || volume.source === undefined) return undefined;
  const raw = volume.source.trim().replace(/\/+$/, '') || '/';
  if (SENSITIVE_DIRS.has(raw)) return raw;
  const path = hostPath(volume.source);
  if (path === undefined || ENGINE_SOCKET.test(path) || HARMLESS_DEVICES.has(path)) return undefined;
  const normal = path.replace(/\/\.(?=\/|$)/g, '');
  if (SENSITIVE_DIRS.has(normal)) return normal;
  return SENSITIVE_TREES.some((t) => normal === t.replace(/\/$/, '') || normal.startsWith(t.endsWith('/') ? t : `${t}/`) || normal === t) ? normal : undefined;
}
