import { clusterAdminBinding } from '../../../shared/src/rules/kubernetes/cluster-admin-binding';
import { ruleTester } from '../../rule-tester';

ruleTester(clusterAdminBinding, {
  valid: [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: api}]\n',
    { name: 'dont-fire: a Role that happens to be called cluster-admin', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: cluster-admin}\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ci}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin # temporary\nsubjects: [{kind: ServiceAccount, name: ci, namespace: ci}]\n',
      findings: [{ range: [6, 8, 6, 21], message: /^ClusterRoleBinding "ci" grants cluster-admin/ }],
    },
  ],
});
