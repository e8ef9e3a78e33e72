import { exposedSensitivePorts } from '../../../shared/src/rules/kubernetes/exposed-sensitive-ports';
import { ruleTester } from '../../rule-tester';

ruleTester(exposedSensitivePorts, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, ports: [{containerPort: 8080}]}]\n',
    { name: 'dont-fire: etcd inside the cluster network only', code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: etcd}\nspec:\n  template:\n    spec:\n      containers:\n      - name: etcd\n        ports: [{containerPort: 2379}, {containerPort: 2380}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers:\n  - name: a\n    ports:\n    - containerPort: 22 # sshd\n    - {containerPort: 2379, name: client}\n',
      findings: [{ range: [8, 21, 8, 23], message: /exposes port 22 \(SSH\)/ }, { range: [9, 22, 9, 26], message: /publishes etcd port 2379 on the node/ }],
    },
  ],
});
