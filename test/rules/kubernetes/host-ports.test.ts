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
    },
  ],
});
