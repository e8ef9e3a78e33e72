import { resources } from '../../../shared/src/rules/kubernetes/resources';
import { ruleTester } from '../../rule-tester';

ruleTester(resources, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    resources:\n      requests: {cpu: 100m, memory: 64Mi}\n      limits: {cpu: "1", memory: 128Mi} # burst\n',
    { name: 'dont-fire: ephemeral containers cannot declare resources', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, resources: {requests: {cpu: 1m, memory: 1Mi}, limits: {cpu: 1m, memory: 1Mi}}}]\n  ephemeralContainers: [{name: debug}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources:\n          limits: {memory: 128Mi}\n      - {name: b}\n',
      findings: [
        { range: [7, 14, 7, 15], message: 'Container "a" does not set requests.cpu, requests.memory, limits.cpu; one container can starve the node without them.' },
        { range: [10, 15, 10, 16], message: /requests.cpu, requests.memory, limits.cpu, limits.memory/ },
      ],
    },
  ],
});
