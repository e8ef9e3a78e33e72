import { defaultServiceAccount } from '../../../shared/src/rules/kubernetes/default-service-account';
import { ruleTester } from '../../rule-tester';

ruleTester(defaultServiceAccount, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: shop-api\n  containers: [{name: a}]\n',
    { name: 'dont-fire: no token mounted', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  automountServiceAccountToken: false\n  containers: [{name: a}]\n' },
  ],
  invalid: [
    { code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n', findings: [{ range: [3, 0, 3, 4] }] },
    { name: 'explicit default', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      serviceAccountName: default # shared\n      containers: [{name: a}]\n', findings: [{ range: [6, 26, 6, 33] }] },
  ],
});
