import { pinImageDigest } from '../../../shared/src/rules/compose/pin-image-digest';
import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintText } from '../../../shared/src/lint';
import { ruleTester } from '../../rule-tester';
import assert from 'node:assert/strict';
import { it } from 'node:test';

const DIGEST = 'sha256:' + 'a'.repeat(64);


ruleTester(pinImageDigest, {
  valid: [`services:\n  db:\n    image: postgres:16.4@${DIGEST}\n`, 'services:\n  app:\n    build: .\n    image: erp/app:1.0\n'],
  invalid: [
    {
      code: 'services:\n  db:\n    image: "postgres:16.4" # LTS\n  app:\n    image: $REGISTRY/erp/app:$TAG\n',
      findings: [
        { range: [2, 12, 2, 25], messageId: 'default' },
        { range: [4, 11, 4, 33], messageId: 'variable', message: /cannot be pinned statically/ },
      ],
    },
  ],
});

it('compose/pin-image-digest carries the reference for the registry-backed quick-fix', () => {
  const text = 'services:\n  db:\n    image: "postgres:16.4"\n  app:\n    image: ${REGISTRY}/app\n';
  const results = lintText('file:///t/compose.yaml', text, { config: { ...DEFAULT_CONFIG, level: 'L3' }, rules: [pinImageDigest] }).results;
  assert.deepEqual(results.map((r) => r.data), [{ pin: { reference: 'postgres:16.4' } }, undefined]);
  assert.deepEqual(results[0]!.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 25 } });
});
