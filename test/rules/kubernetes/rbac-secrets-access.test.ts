import { rbacSecretsAccess } from '../../../shared/src/rules/kubernetes/rbac-secrets-access';
import { ruleTester } from '../../rule-tester';

ruleTester(rbacSecretsAccess, {
  valid: [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [shop-db]\n  verbs: [get]\n',
    { name: 'dont-fire: write-only and another API group', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- apiGroups: [""]\n  resources: [secrets]\n  verbs: [create]\n- apiGroups: [example.com]\n  resources: [secrets]\n  verbs: [get]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules:\n- apiGroups:\n  - ""\n  resources: [pods, secrets] # too broad\n  verbs: [get, list, watch]\n',
      findings: [{ range: [6, 20, 6, 27], message: 'ClusterRole "reader" can read every Secret (get, list, watch); restrict it with resourceNames or move the need elsewhere.' }],
    },
  ],
});
