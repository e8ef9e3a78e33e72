import { runAsNonRoot } from '../../../shared/src/rules/kubernetes/run-as-non-root';
import { ruleTester } from '../../rule-tester';

ruleTester(runAsNonRoot, {
  valid: [
    { name: 'dont-fire: inherited from the pod (the peers\' common false positive)', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      initContainers: [{name: i, image: "i:1"}]\n      containers:\n      - name: a\n        image: a:1\n' },
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {runAsNonRoot: true}}, {name: b, securityContext: {runAsNonRoot: true}}]\n',
  ],
  invalid: [
    {
      name: 'nothing set: one finding per container, securityContext created',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  # the app\n  - name: a\n    image: a:1\n  - {name: b, image: "b:1"}\n',
      findings: [{ range: [6, 10, 6, 11], message: /Container "a" may run as root/ }, { range: [8, 11, 8, 12] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  # the app\n  - name: a\n    image: a:1\n    securityContext:\n      runAsNonRoot: true\n  - {name: b, image: "b:1", securityContext: {runAsNonRoot: true}}\n',
    },
    {
      name: 'explicit false on the pod fails even when containers set true; false on a container overrides the pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: false\n  containers:\n  - name: a\n    securityContext: {runAsNonRoot: true}\n',
      findings: [{ range: [5, 18, 5, 23], message: /^runAsNonRoot: false allows root/ }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    securityContext: {runAsNonRoot: true}\n',
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    securityContext:\n      runAsNonRoot: false # legacy image\n',
      findings: [{ range: [9, 20, 9, 25] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    securityContext:\n      runAsNonRoot: true # legacy image\n',
    },
    {
      name: 'a non-zero runAsUser (own or the pod\'s) is not root: the message says runAsNonRoot is not enforced',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000}\n  containers:\n  - name: a\n  - name: b\n    securityContext: {runAsUser: 0}\n',
      findings: [
        { range: [6, 10, 6, 11], message: 'Container "a" runs as UID 1000, not root, but runAsNonRoot: true is not set, so nothing enforces a non-root user (a changed runAsUser or image could run as root); set runAsNonRoot: true.' },
        { range: [7, 10, 7, 11], message: /^Container "b" may run as root/ },
      ],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000}\n  containers:\n  - name: a\n    securityContext:\n      runAsNonRoot: true\n  - name: b\n    securityContext: {runAsUser: 0}\n',
    },
    {
      name: 'no fix beside runAsUser: 0 (own or the pod\'s): the kubelet would refuse to start the container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 0, runAsNonRoot: false}\n  containers:\n  - name: a\n',
      findings: [{ range: [4, 48, 4, 53], messageId: 'false' }, { range: [6, 10, 6, 11], message: /^Container "a" may run as root/ }],
      output: null,
    },
  ],
});
