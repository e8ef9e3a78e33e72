import { runAsUserLow } from '../../../shared/src/rules/kubernetes/run-as-user-low';
import { ruleTester } from '../../rule-tester';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n';

ruleTester(runAsUserLow, {
  valid: [
    `${POD}  securityContext: {runAsUser: 10000}\n  containers: [{name: a, image: "a:1"}]\n`,
    { name: 'dont-fire: each container sets a high UID of its own', code: `${POD}  containers: [{name: a, image: "a:1", securityContext: {runAsUser: 65532}}]\n` },
    { name: 'dont-fire: every container overrides the pod\'s low UID', code: `${POD}  securityContext: {runAsUser: 1000}\n  containers: [{name: a, image: "a:1", securityContext: {runAsUser: 10001}}]\n` },
    { name: 'dont-fire: a Windows pod', code: `${POD}  os: {name: windows}\n  containers: [{name: a, image: "a:1"}]\n` },
    { name: 'dont-fire: a templated UID', code: `${POD}  securityContext: {runAsUser: "\${UID}"}\n  containers: [{name: a, image: "a:1"}]\n` },
  ],
  invalid: [
    {
      name: 'a pod-level UID 9999 inherited by two containers is reported once; UID 0 is below 10000 too',
      code: `${POD}  securityContext:\n    runAsUser: 9999\n  containers:\n  - {name: a, image: "a:1"}\n  - {name: b, image: "b:1"}\n  - {name: c, image: "c:1", securityContext: {runAsUser: 0}}\n`,
      findings: [{ range: [5, 15, 5, 19], message: /runAsUser: 9999 is below 10000/ }, { range: [9, 57, 9, 58], messageId: 'low' }],
      output: null,
    },
    {
      name: 'no runAsUser anywhere: the finding is on each container\'s name',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app:1\n      - name: sidecar\n        image: s:1\n',
      findings: [{ range: [7, 14, 7, 17], message: /Container "app" sets no runAsUser/ }, { range: [9, 14, 9, 21], messageId: 'unset' }],
      output: null,
    },
  ],
});
