import { rbacDangerousVerbs } from '../../../shared/src/rules/kubernetes/rbac-dangerous-verbs';
import { ruleTester } from '../../rule-tester';

ruleTester(rbacDangerousVerbs, {
  valid: [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles]\n  verbs: [get, list]\n',
    { name: 'dont-fire: a binding named escalate', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: escalate}\nroleRef: {kind: Role, name: bind}\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: deployer}\nrules:\n- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles, clusterrolebindings]\n  verbs:\n  - bind # needed by the installer\n  - escalate\n- apiGroups: [""]\n  resources: [users, serviceaccounts]\n  verbs: [impersonate]\n',
      findings: [{ range: [7, 4, 7, 8], message: /grants "bind"/ }, { range: [8, 4, 8, 12] }, { range: [11, 10, 11, 21] }],
    },
  ],
});
