import { capabilitiesRestricted } from '../../../shared/src/rules/kubernetes/capabilities-restricted';
import { ruleTester } from '../../rule-tester';

ruleTester(capabilitiesRestricted, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}\n',
    { name: 'dont-fire: Windows pods are exempt', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os:\n    name: windows\n  containers: [{name: a}]\n' },
  ],
  invalid: [
    {
      name: 'drop list without ALL, block style, comment kept',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        drop:\n        - NET_RAW # not enough\n        add: [SYS_TIME]\n',
      findings: [{ range: [5, 10, 5, 11], message: /does not drop ALL/ }, { range: [10, 14, 10, 22], message: /adds SYS_TIME/ }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        drop:\n        - NET_RAW # not enough\n        - ALL\n        add: [SYS_TIME]\n',
    },
    {
      name: 'securityContext created, flow container and empty capabilities',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: i, securityContext: {capabilities: {}}}]\n  containers:\n  - name: a\n    image: a:1\n',
      findings: [{ range: [4, 26, 4, 27] }, { range: [6, 10, 6, 11] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: i, securityContext: {capabilities: {drop: [ALL]}}}]\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      capabilities:\n        drop:\n          - ALL\n',
    },
  ],
});
