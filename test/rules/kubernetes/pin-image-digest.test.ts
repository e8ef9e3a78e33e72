import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintText } from '../../../shared/src/lint';
import { pinImageDigest } from '../../../shared/src/rules/kubernetes/pin-image-digest';
import { ruleTester } from '../../rule-tester';

const code = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: \'ghcr.io/acme/api:1.4\' # quoted\n  - {name: b, image: nginx}\n';

ruleTester(pinImageDigest, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}]\n',
    { name: 'dont-fire: templated image', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "$(IMAGE)"}]\n' },
  ],
  invalid: [{ code, findings: [{ range: [6, 11, 6, 33], message: /"ghcr.io\/acme\/api:1.4" of container "a" is not pinned/ }, { range: [7, 21, 7, 26] }] }],
});

it('k8s/pin-image-digest: each finding carries data.pin.reference, ranged on the image value', () => {
  const results = lintText('file:///m.yaml', code, { rules: [pinImageDigest], config: { ...DEFAULT_CONFIG, level: 'L3' } }).results;
  assert.deepEqual(results.map((r) => r.data), [{ pin: { reference: 'ghcr.io/acme/api:1.4' } }, { pin: { reference: 'nginx' } }]);
});
