import { imagePullPolicy } from '../../../shared/src/rules/kubernetes/image-pull-policy';
import { ruleTester } from '../../rule-tester';

ruleTester(imagePullPolicy, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "app:1", imagePullPolicy: Always}]\n',
    { name: 'dont-fire: digest-pinned images may be cached', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "app:1@sha256:0123", imagePullPolicy: IfNotPresent}]\n' },
    { name: 'dont-fire: latest defaults to Always (k8s/image-latest-tag reports it)', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: app}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: app:1 # defaults to IfNotPresent\n  - name: b\n    image: app:1\n    imagePullPolicy: Never\n',
      findings: [{ range: [6, 11, 6, 16], message: /imagePullPolicy IfNotPresent/ }, { range: [9, 21, 9, 26], message: /imagePullPolicy Never/ }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: app:1 # defaults to IfNotPresent\n    imagePullPolicy: Always\n  - name: b\n    image: app:1\n    imagePullPolicy: Always\n',
    },
    {
      name: 'flow style, several containers',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: i, image: "init:2", imagePullPolicy: "IfNotPresent"}]\n  containers: [{name: a, image: app:1}, {name: b, image: app:latest}]\n',
      findings: [{ range: [4, 63, 4, 77] }, { range: [5, 32, 5, 37] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: i, image: "init:2", imagePullPolicy: Always}]\n  containers: [{name: a, image: app:1, imagePullPolicy: Always}, {name: b, image: app:latest}]\n',
    },
  ],
});
