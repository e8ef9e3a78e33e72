import { procMount } from '../../../shared/src/rules/kubernetes/proc-mount';
import { ruleTester } from '../../rule-tester';

ruleTester(procMount, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext: {procMount: Default}\n',
    { name: 'dont-fire: Unmasked inside a user namespace (baseline since v1.35)', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers:\n  - name: a\n    securityContext: {procMount: Unmasked}\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: true\n  initContainers:\n  - name: i\n    securityContext:\n      procMount: Unmasked # nested runtime\n  containers: [{name: a}]\n',
      findings: [{ range: [8, 17, 8, 25], message: /Container "i" sets procMount Unmasked/ }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: true\n  initContainers:\n  - name: i\n    securityContext:\n      procMount: Default # nested runtime\n  containers: [{name: a}]\n',
    },
  ],
});
