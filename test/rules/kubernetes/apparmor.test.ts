import { apparmor } from '../../../shared/src/rules/kubernetes/apparmor';
import { ruleTester } from '../../rule-tester';

ruleTester(apparmor, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: localhost/custom\nspec:\n  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n  containers: [{name: a, image: a:1}]\n',
    { name: 'dont-fire: the annotation on a Deployment object (PSA reads the template)', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: unconfined\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a:1}]\n' },
  ],
  invalid: [
    {
      name: 'legacy annotation on the pod template and field on a container',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/a: unconfined\n    spec:\n      containers:\n      - name: a\n        image: a:1\n        securityContext:\n          appArmorProfile:\n            type: Unconfined # debugging\n',
      findings: [{ range: [7, 58, 7, 68], message: /"unconfined" is not allowed/ }, { range: [14, 18, 14, 28] }],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/a: runtime/default\n    spec:\n      containers:\n      - name: a\n        image: a:1\n        securityContext:\n          appArmorProfile:\n            type: RuntimeDefault # debugging\n',
    },
    {
      name: 'flow style on the pod and two containers, one beside a localhostProfile (no fix there)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {appArmorProfile: {type: Unconfined}}\n  containers:\n  - {name: a, securityContext: {appArmorProfile: {type: Unconfined}}}\n  - {name: b, securityContext: {appArmorProfile: {type: Unconfined, localhostProfile: x}}}\n',
      findings: [{ range: [4, 44, 4, 54] }, { range: [6, 56, 6, 66] }, { range: [7, 56, 7, 66] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {appArmorProfile: {type: RuntimeDefault}}\n  containers:\n  - {name: a, securityContext: {appArmorProfile: {type: RuntimeDefault}}}\n  - {name: b, securityContext: {appArmorProfile: {type: Unconfined, localhostProfile: x}}}\n',
    },
  ],
});
