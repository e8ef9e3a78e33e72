import { hostProbes } from '../../../shared/src/rules/kubernetes/host-probes';
import { ruleTester } from '../../rule-tester';

ruleTester(hostProbes, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    livenessProbe:\n      httpGet: {path: /healthz, port: 8080}\n    readinessProbe:\n      tcpSocket: {port: 8080, host: ""}\n',
    { name: 'dont-fire: httpHeaders named Host', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    livenessProbe:\n      httpGet:\n        port: 8080\n        httpHeaders: [{name: Host, value: example.com}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: sidecar\n    restartPolicy: Always\n    startupProbe:\n      tcpSocket: {host: 10.0.0.1, port: 53}\n  containers:\n  - name: a\n    lifecycle:\n      preStop:\n        httpGet:\n          host: 127.0.0.1 # still the node\n          port: 8080\n',
      findings: [{ range: [8, 24, 8, 32], message: /"sidecar" sends .* host "10.0.0.1"/ }, { range: [14, 16, 14, 25] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: sidecar\n    restartPolicy: Always\n    startupProbe:\n      tcpSocket: {port: 53}\n  containers:\n  - name: a\n    lifecycle:\n      preStop:\n        httpGet:\n          port: 8080\n',
    },
    {
      name: 'several probes of one container; a host that is the only key keeps no fix',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        livenessProbe:\n          httpGet: {path: /healthz, host: example.com, port: 80}\n        readinessProbe:\n          tcpSocket:\n            host: db # wrong\n      - name: b\n        startupProbe: {httpGet: {port: 80, host: "10.1.1.1"}}\n',
      findings: [{ range: [9, 42, 9, 53] }, { range: [12, 18, 12, 20] }, { range: [14, 49, 14, 59] }],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        livenessProbe:\n          httpGet: {path: /healthz, port: 80}\n        readinessProbe:\n          tcpSocket:\n            host: db # wrong\n      - name: b\n        startupProbe: {httpGet: {port: 80}}\n',
    },
  ],
});
