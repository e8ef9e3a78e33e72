import { privileged } from '../../../shared/src/rules/kubernetes/privileged';
import { ruleTester } from '../../rule-tester';

const pod = (containers: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
${containers}`;

ruleTester(privileged, {
  valid: [
    pod('  - name: app\n    image: app:1.0\n    securityContext:\n      privileged: false\n'),
    pod('  - name: app\n    image: app:1.0\n'),
    { name: 'dont-fire: privileged as a string and in a ConfigMap', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  privileged: "true"\n' },
    { name: 'suppressed by kube-linter\'s annotation for its equivalent check', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ignore-check.kube-linter.io/privileged-container: "device plugin"\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n' },
    { name: 'suppressed by a Checkov skip annotation', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    checkov.io/skip1: CKV_K8S_16=device plugin\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n' },
    { name: 'suppressed by a bollwerk-ignore comment above the object', code: '# bollwerk-ignore k8s/privileged -- GPU driver installer\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n' },
    { name: 'dont-fire: not a pod-carrying kind', code: 'apiVersion: example.com/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        securityContext: {privileged: true}\n' },
  ],
  invalid: [
    {
      name: 'a suppression for another check does not apply',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {ignore-check.kube-linter.io/host-network: "x"}\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n',
      findings: [{ range: [6, 55, 6, 59] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {ignore-check.kube-linter.io/host-network: "x"}\nspec:\n  containers: [{name: a, securityContext: {privileged: false}}]\n',
    },
    {
      name: 'block style, comment kept',
      code: pod('  - name: app\n    image: app:1.0\n    securityContext:\n      privileged: true # needed?\n'),
      findings: [{ range: [9, 18, 9, 22], message: /Container "app" runs privileged/ }],
      output: pod('  - name: app\n    image: app:1.0\n    securityContext:\n      privileged: false # needed?\n'),
    },
    {
      name: 'flow style init container of a Deployment',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers: [{name: init, image: "busybox:1.36", securityContext: {privileged: true}}]\n      containers: [{name: app, image: app:1.0}]\n',
      findings: [{ range: [6, 89, 6, 93] }],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers: [{name: init, image: "busybox:1.36", securityContext: {privileged: false}}]\n      containers: [{name: app, image: app:1.0}]\n',
    },
    {
      name: 'CronJob and ephemeral container, one finding each',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            securityContext: {privileged: true}\n          ephemeralContainers:\n          - name: debug\n            securityContext: {privileged: true}\n',
      findings: [{ range: [10, 42, 10, 46] }, { range: [13, 42, 13, 46] }],
      output: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            securityContext: {privileged: false}\n          ephemeralContainers:\n          - name: debug\n            securityContext: {privileged: false}\n',
    },
  ],
});
