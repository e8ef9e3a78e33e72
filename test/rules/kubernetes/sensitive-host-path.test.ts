import { sensitiveHostPath } from '../../../shared/src/rules/kubernetes/sensitive-host-path';
import { ruleTester } from '../../rule-tester';

ruleTester(sensitiveHostPath, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n  volumes: [{name: data, hostPath: {path: /srv/data}}]\n',
    { name: 'dont-fire: a folder whose name only starts like a sensitive tree, a relative path, the timezone', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n  volumes: [{name: a, hostPath: {path: /var/lib/kubelet-backup}}, {name: b, hostPath: {path: var/lib/kubelet}}, {name: tz, hostPath: {path: /etc/localtime}}]\n' },
    { name: 'dont-fire: /etc/ssl below /etc is not /etc itself', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n  volumes: [{name: certs, hostPath: {path: /etc/ssl/certs}}]\n' },
  ],
  invalid: [
    {
      name: 'paths below the sensitive trees, written with extra slashes and dots',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: cni}\nspec:\n  template:\n    spec:\n      containers: [{name: a}]\n      volumes:\n      - {name: pods, hostPath: {path: /var/lib/kubelet/pods}}\n      - {name: cni, hostPath: {path: /etc/cni/net.d/}}\n      - {name: bin, hostPath: {path: /opt/cni/bin}}\n      - {name: pki, hostPath: {path: "/etc//kubernetes/./pki"}}\n      - {name: up, hostPath: {path: /srv/../proc/sys}}\n',
      findings: [
        { range: [8, 38, 8, 59], message: /^Volume "pods" mounts \/var\/lib\/kubelet\/pods from the node/ },
        { range: [9, 37, 9, 52] },
        { range: [10, 37, 10, 49] },
        { range: [11, 37, 11, 61] },
        { range: [12, 36, 12, 52] },
      ],
    },
    {
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      containers: [{name: a}]\n      volumes:\n      - name: docker\n        hostPath:\n          path: /var/run/docker.sock # build agent\n      - {name: root, hostPath: {path: /}}\n      - {name: etc, hostPath: {path: /etc/}}\n',
      findings: [{ range: [10, 16, 10, 36], message: /Volume "docker" mounts \/var\/run\/docker.sock/ }, { range: [11, 38, 11, 39] }, { range: [12, 37, 12, 42] }],
    },
  ],
});
