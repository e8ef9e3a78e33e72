import { sensitiveHostPath } from '../../../shared/src/rules/kubernetes/sensitive-host-path';
import { ruleTester } from '../../rule-tester';

ruleTester(sensitiveHostPath, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n  volumes: [{name: data, hostPath: {path: /srv/data}}]\n',
    { name: 'dont-fire: /etc/ssl below /etc is not /etc itself', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n  volumes: [{name: certs, hostPath: {path: /etc/ssl/certs}}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      containers: [{name: a}]\n      volumes:\n      - name: docker\n        hostPath:\n          path: /var/run/docker.sock # build agent\n      - {name: root, hostPath: {path: /}}\n      - {name: etc, hostPath: {path: /etc/}}\n',
      findings: [{ range: [10, 16, 10, 36], message: /Volume "docker" mounts \/var\/run\/docker.sock/ }, { range: [11, 38, 11, 39] }, { range: [12, 37, 12, 42] }],
    },
  ],
});
