import { hostUsers } from '../../../shared/src/rules/kubernetes/host-users';
import { ruleTester } from '../../rule-tester';

ruleTester(hostUsers, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers: [{name: a}]\n',
    { name: 'dont-fire: Windows pods', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: windows}\n  containers: [{name: a}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec: # pod\n      containers: [{name: a}]\n',
      findings: [{ range: [5, 4, 5, 8] }],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec: # pod\n      containers: [{name: a}]\n      hostUsers: false\n',
    },
    {
      name: 'explicit true, flow style',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostUsers: true, containers: [{name: a}]}\n',
      findings: [{ range: [3, 18, 3, 22] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostUsers: false, containers: [{name: a}]}\n',
    },
    {
      name: 'no fix with host namespaces (the API rejects the combination)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers: [{name: a}]\n',
      findings: [{ range: [3, 0, 3, 4] }],
      output: null,
    },
  ],
});
