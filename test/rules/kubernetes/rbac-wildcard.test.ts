import { rbacWildcard } from '../../../shared/src/rules/kubernetes/rbac-wildcard';
import { ruleTester } from '../../rule-tester';

ruleTester(rbacWildcard, {
  valid: [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- apiGroups: [""]\n  resources: [configmaps]\n  verbs: [get, list]\n',
    { name: 'dont-fire: nonResourceURLs wildcard is a different grant', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules:\n- nonResourceURLs: ["/metrics*"]\n  verbs: [get]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: ops}\nrules:\n- apiGroups: ["*"]\n  resources:\n  - "*" # everything\n  verbs: [get, "*"]\n',
      findings: [{ range: [4, 14, 4, 17], message: 'ClusterRole "ops" grants "*" in apiGroups; list the apiGroups it needs, since a wildcard also covers ones added later.' }, { range: [6, 4, 6, 7] }, { range: [7, 15, 7, 18] }],
    },
  ],
});
