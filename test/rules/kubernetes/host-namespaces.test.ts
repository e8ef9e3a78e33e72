import { hostNamespaces } from '../../../shared/src/rules/kubernetes/host-namespaces';
import { ruleTester } from '../../rule-tester';

ruleTester(hostNamespaces, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: false\n  containers: [{name: a, image: a:1}]\n',
    { name: 'dont-fire: hostPID as a label', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {hostPID: "true"}\nspec:\n  containers: [{name: a, image: a:1}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      hostNetwork: true # node metrics\n      hostPID: true\n      hostIPC: false\n      containers: [{name: a, image: a:1}]\n',
      findings: [{ range: [6, 19, 6, 23], message: /^hostNetwork: true/ }, { range: [7, 15, 7, 19], message: /^hostPID: true/ }],
      output: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      hostNetwork: false # node metrics\n      hostPID: false\n      hostIPC: false\n      containers: [{name: a, image: a:1}]\n',
    },
    {
      name: 'flow-style pod spec',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostIPC: true, containers: [{name: a, image: a:1}]}\n',
      findings: [{ range: [3, 16, 3, 20] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostIPC: false, containers: [{name: a, image: a:1}]}\n',
    },
  ],
});
