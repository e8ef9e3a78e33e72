import { procMountRestricted } from '../../../shared/src/rules/kubernetes/proc-mount-restricted';
import { ruleTester } from '../../rule-tester';

ruleTester(procMountRestricted, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers:\n  - name: a\n    securityContext: {procMount: Default}\n',
    { name: 'dont-fire: outside a user namespace k8s/proc-mount reports it', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext: {procMount: Unmasked}\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false # user namespace\n  containers:\n  - name: a\n    securityContext: {procMount: Unmasked}\n',
      findings: [{ range: [7, 33, 7, 41] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false # user namespace\n  containers:\n  - name: a\n    securityContext: {procMount: Default}\n',
    },
  ],
});
