import { imageLatestTag } from '../../../shared/src/rules/kubernetes/image-latest-tag';
import { ruleTester } from '../../rule-tester';

ruleTester(imageLatestTag, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "nginx:1.27.3"}, {name: b, image: "registry.local:5000/app@sha256:0123"}]\n',
    { name: 'dont-fire: variables resolved later', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "${IMAGE}"}]\n' },
    { name: 'dont-fire: registry port is not a tag', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: localhost:5000/app:2.1\n' },
  ],
  invalid: [
    {
      name: 'tags without a version float like latest',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: "redis:alpine"}\n  - {name: b, image: ghcr.io/acme/api:main}\n  - {name: c, image: "redis:7-alpine"}\n',
      findings: [
        { range: [5, 21, 5, 35], message: 'Image "redis:alpine" of container "a" uses the tag alpine, which names no version and moves like latest; pin a version (and a digest).' },
        { range: [6, 21, 6, 42], message: /uses the tag main, which names no version/ },
      ],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: nginx:latest # fixme\n  - name: b\n    image: "registry.local:5000/team/app"\n',
      findings: [{ range: [6, 11, 6, 23], message: /uses the latest tag/ }, { range: [8, 11, 8, 41], message: /has no tag/ }],
    },
  ],
});
