import { runAsUserRoot } from '../../../shared/src/rules/kubernetes/run-as-user-root';
import { ruleTester } from '../../rule-tester';

ruleTester(runAsUserRoot, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 10001}\n  containers: [{name: a}]\n',
    { name: 'dont-fire: runAsGroup 0 is not runAsUser', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {runAsGroup: 0}}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsUser: 0 # root\n  containers:\n  - name: a\n    securityContext: {runAsUser: 0}\n',
      findings: [{ range: [5, 15, 5, 16] }, { range: [8, 33, 8, 34] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsUser: 10001 # root\n  containers:\n  - name: a\n    securityContext: {runAsUser: 10001}\n',
    },
  ],
});
