import { runAsGroupRoot } from '../../../shared/src/rules/kubernetes/run-as-group-root';
import { ruleTester } from '../../rule-tester';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n';

ruleTester(runAsGroupRoot, {
  valid: [
    `${POD}  securityContext: {runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [10002]}\n  containers: [{name: a, image: "a:1"}]\n`,
    { name: 'dont-fire: runAsUser 0 is not a group', code: `${POD}  containers: [{name: a, image: "a:1", securityContext: {runAsUser: 0}}]\n` },
    { name: 'dont-fire: every container overrides the pod\'s root group', code: `${POD}  securityContext: {runAsGroup: 0}\n  containers:\n  - {name: a, image: "a:1", securityContext: {runAsGroup: 1001}}\n  - {name: b, image: "b:1", securityContext: {runAsGroup: 1002}}\n` },
    { name: 'dont-fire: GID 10 and a variable', code: `${POD}  securityContext: {runAsGroup: 10, supplementalGroups: ["\${GID}"]}\n  containers: [{name: a, image: "a:1"}]\n` },
  ],
  invalid: [
    {
      name: 'a pod-level runAsGroup inherited by two containers is reported once; a container\'s own',
      code: `${POD}  securityContext:\n    runAsGroup: 0\n  containers:\n  - {name: a, image: "a:1"}\n  - {name: b, image: "b:1"}\n  initContainers:\n  - {name: i, image: "i:1", securityContext: {runAsGroup: 00}}\n`,
      findings: [{ range: [5, 16, 5, 17], messageId: 'runAsGroup' }, { range: [10, 58, 10, 60], messageId: 'runAsGroup' }],
      output: null,
    },
    {
      name: 'fsGroup and supplementalGroups of a Deployment',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      securityContext:\n        fsGroup: 0\n        supplementalGroups: [4, 0]\n      containers: [{name: a, image: "a:1"}]\n',
      findings: [{ range: [7, 17, 7, 18], messageId: 'fsGroup' }, { range: [8, 32, 8, 33], messageId: 'supplementalGroups' }],
      output: null,
    },
  ],
});
