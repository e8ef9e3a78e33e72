import { seccompBaseline } from '../../../shared/src/rules/kubernetes/seccomp-baseline';
import { ruleTester } from '../../rule-tester';

ruleTester(seccompBaseline, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n  containers: [{name: a, securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}}]\n',
    { name: 'dont-fire: unset seccomp is restricted\'s concern', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n' },
    { name: 'dont-fire: legacy annotation for a container that does not exist', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.seccomp.security.alpha.kubernetes.io/other: unconfined\nspec:\n  containers: [{name: a}]\n' },
  ],
  invalid: [
    {
      name: 'field on pod and container, legacy annotation',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined # strace\n  containers:\n  - name: a\n    securityContext: {seccompProfile: {type: Unconfined}}\n',
      findings: [{ range: [5, 46, 5, 56], message: /"unconfined" disables/ }, { range: [9, 12, 9, 22] }, { range: [12, 45, 12, 55] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault # strace\n  containers:\n  - name: a\n    securityContext: {seccompProfile: {type: RuntimeDefault}}\n',
    },
    {
      name: 'no fix beside a localhostProfile; an unknown annotation value is not guessed',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {container.seccomp.security.alpha.kubernetes.io/a: "foo"}\nspec:\n  containers:\n  - name: a\n    securityContext: {seccompProfile: {type: Unconfined, localhostProfile: p.json}}\n',
      findings: [{ range: [4, 66, 4, 71] }, { range: [8, 45, 8, 55] }],
      output: null,
    },
  ],
});
