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
      output: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources:\n          limits: {memory: 128Mi, cpu: 500m}\n          requests:\n            cpu: 100m\n            memory: 128Mi\n      - {name: b, resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}}\n',
    },
    {
      name: 'block style: the whole resources block for one container, one key for another, an empty flow map filled',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a # web\n    image: a:1\n  - name: b\n    resources:\n      requests:\n        cpu: 50m\n      limits: {cpu: "1", memory: 1Gi}\n  - name: c\n    resources: {}\n',
      findings: [{ range: [5, 10, 5, 11] }, { range: [7, 10, 7, 11] }, { range: [12, 10, 12, 11] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a # web\n    image: a:1\n    resources:\n      requests:\n        cpu: 100m\n        memory: 128Mi\n      limits:\n        cpu: 500m\n        memory: 256Mi\n  - name: b\n    resources:\n      requests:\n        cpu: 50m\n        memory: 128Mi\n      limits: {cpu: "1", memory: 1Gi}\n  - name: c\n    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}\n',
    },
    {
      name: 'an inner and an outer key added at the same place (the end of the file): the inner one first',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: main\n      resources:\n        limits:\n          memory: "100Mi"',
      findings: [{ range: [5, 12, 5, 16] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: main\n      resources:\n        limits:\n          memory: "100Mi"\n          cpu: 500m\n        requests:\n          cpu: 100m\n          memory: 128Mi',
    },
  ],
});
