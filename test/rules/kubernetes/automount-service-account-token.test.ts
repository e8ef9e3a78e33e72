import { automountServiceAccountToken } from '../../../shared/src/rules/kubernetes/automount-service-account-token';
import { ruleTester } from '../../rule-tester';

ruleTester(automountServiceAccountToken, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  automountServiceAccountToken: false\n  containers: [{name: a}]\n',
    { name: 'dont-fire: the pod\'s ServiceAccount in the same file opts out', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api, namespace: shop}\nautomountServiceAccountToken: false\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  template:\n    spec:\n      serviceAccountName: api\n      containers: [{name: a}]\n' },
  ],
  invalid: [
    {
      name: 'pod without the field; ServiceAccount of another namespace does not count',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api, namespace: other}\nautomountServiceAccountToken: false\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: # app\n  serviceAccountName: api\n  containers: [{name: a}]\n',
      findings: [{ range: [8, 0, 8, 4], message: /^The pod gets a service-account token/ }],
      output: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api, namespace: other}\nautomountServiceAccountToken: false\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: # app\n  serviceAccountName: api\n  containers: [{name: a}]\n  automountServiceAccountToken: false\n',
    },
    {
      name: 'explicit true on a pod, ServiceAccount without the field',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {automountServiceAccountToken: true, containers: [{name: a}]}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shop\n',
      findings: [{ range: [3, 37, 3, 41] }, { range: [8, 8, 8, 12], message: /^ServiceAccount "shop" lets every pod/ }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {automountServiceAccountToken: false, containers: [{name: a}]}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shop\nautomountServiceAccountToken: false\n',
    },
  ],
});
