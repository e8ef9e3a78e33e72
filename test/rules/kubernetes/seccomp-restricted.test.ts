import { seccompRestricted } from '../../../shared/src/rules/kubernetes/seccomp-restricted';
import { ruleTester } from '../../rule-tester';

ruleTester(seccompRestricted, {
  valid: [
    { name: 'inherited from the pod', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n  initContainers: [{name: i}]\n  containers: [{name: a}]\n' },
    { name: 'dont-fire: Windows pods are exempt', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: windows}\n  containers: [{name: a}]\n' },
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile:\n        type: Localhost\n        localhostProfile: a.json\n',
  ],
  invalid: [
    {
      name: 'one finding and fix per container; block and flow style',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers: [{name: init, image: "i:1"}]\n      containers:\n      - name: app # main\n        image: app:1\n        securityContext:\n          runAsNonRoot: true\n',
      findings: [{ range: [6, 30, 6, 34], message: /Container "init" has no seccomp profile/ }, { range: [8, 14, 8, 17] }],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers: [{name: init, image: "i:1", securityContext: {seccompProfile: {type: RuntimeDefault}}}]\n      containers:\n      - name: app # main\n        image: app:1\n        securityContext:\n          runAsNonRoot: true\n          seccompProfile:\n            type: RuntimeDefault\n',
    },
    {
      name: 'an Unconfined pod value does not count as set',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n  - name: b\n',
      findings: [{ range: [6, 12, 6, 22], message: /"Unconfined" is not allowed/ }, { range: [11, 10, 11, 11] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n  - name: b\n    securityContext:\n      seccompProfile:\n        type: RuntimeDefault\n',
    },
  ],
});
