import { readOnlyRootFilesystem } from '../../../shared/src/rules/kubernetes/read-only-root-filesystem';
import { ruleTester } from '../../rule-tester';

ruleTester(readOnlyRootFilesystem, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {readOnlyRootFilesystem: true}}]\n',
    { name: 'dont-fire: Windows pods cannot mount it read-only', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: windows}\n  containers: [{name: a}]\n' },
  ],
  invalid: [
    {
      name: 'missing in block style (securityContext created), explicit false, flow style; one fix per container',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      # api\n      - name: "api"\n        image: api:1\n        securityContext:\n          runAsNonRoot: true # keep\n      - name: worker\n        securityContext:\n          readOnlyRootFilesystem: false\n      initContainers: [{name: init, image: "init:1"}]\n',
      findings: [{ range: [8, 14, 8, 19], message: /Container "api" has a writable root file system/ }, { range: [14, 34, 14, 39] }, { range: [15, 30, 15, 34] }],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      # api\n      - name: "api"\n        image: api:1\n        securityContext:\n          runAsNonRoot: true # keep\n          readOnlyRootFilesystem: true\n      - name: worker\n        securityContext:\n          readOnlyRootFilesystem: true\n      initContainers: [{name: init, image: "init:1", securityContext: {readOnlyRootFilesystem: true}}]\n',
    },
    {
      name: 'container without securityContext in a Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1 # pinned\n',
      findings: [{ range: [5, 10, 5, 11] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1 # pinned\n    securityContext:\n      readOnlyRootFilesystem: true\n',
    },
  ],
});
