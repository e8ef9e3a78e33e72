import { namespacePsaEnforce } from '../../../shared/src/rules/kubernetes/namespace-psa-enforce';
import { ruleTester } from '../../rule-tester';

ruleTester(namespacePsaEnforce, {
  valid: [
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
    { name: 'dont-fire: warn/audit labels are not needed alongside enforce; a kustomize namespace field is no Namespace', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop # team A\n  labels:\n    pod-security.kubernetes.io/warn: restricted\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: infra, labels: {pod-security.kubernetes.io/enforce: privileged}}\n',
      findings: [{ range: [3, 8, 3, 12], message: /^Namespace "shop" has no pod-security.kubernetes.io\/enforce label/ }, { range: [9, 69, 9, 79], message: /enforces the privileged level/ }],
    },
  ],
});
