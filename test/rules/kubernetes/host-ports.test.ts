import { hostPorts } from '../../../shared/src/rules/kubernetes/host-ports';
import { ruleTester } from '../../rule-tester';

ruleTester(hostPorts, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    ports:\n    - containerPort: 8080\n',
    { name: 'dont-fire: hostPort 0 means none', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    ports: [{containerPort: 8080, hostPort: 0}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: init\n    image: a:1\n    ports: [{containerPort: 53, hostPort: 53}]\n  containers:\n  - name: a\n    image: a:1\n    ports:\n    - containerPort: 8080\n      hostPort: 80 # legacy\n',
      findings: [{ range: [7, 42, 7, 44], message: /"init" binds host port 53/ }, { range: [13, 16, 13, 18] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: init\n    image: a:1\n    ports: [{containerPort: 53}]\n  containers:\n  - name: a\n    image: a:1\n    ports:\n    - containerPort: 8080\n',
    },
    {
      name: 'hostPort as the first key of its item, and the only key (no fix: the port would be gone)',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        ports:\n        - hostPort: 443 # tls\n          containerPort: 8443\n        - {hostPort: 9000}\n',
      findings: [{ range: [9, 20, 9, 23] }, { range: [11, 21, 11, 25] }],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        ports:\n        - containerPort: 8443\n        - {hostPort: 9000}\n',
    },
  ],
});
