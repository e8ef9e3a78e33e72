import { imageLatestTag } from '../../../shared/src/rules/compose/image-latest-tag';
import { pinImageDigest } from '../../../shared/src/rules/compose/pin-image-digest';
import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintText } from '../../../shared/src/lint';
import { ruleTester } from '../../rule-tester';
import assert from 'node:assert/strict';
import { it } from 'node:test';

const DIGEST = 'sha256:' + 'a'.repeat(64);

ruleTester(imageLatestTag, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4\n',
    `services:\n  db:\n    image: postgres@${DIGEST}\n`,
    'services:\n  db:\n    image: ${DB_IMAGE:-postgres:latest}\n',
    { name: 'an untagged name for a built image', code: 'services:\n  app:\n    build: .\n    image: erp/app\n' },
    'services:\n  reg:\n    image: localhost:5000/erp/app:2.1\n',
  ],
  invalid: [
    {
      code: 'services:\n  db:\n    image: postgres:latest\n  cache:\n    image: "redis"\n  app: {image: "localhost:5000/erp/app"}\n',
      findings: [
        { range: [2, 11, 2, 26], messageId: 'latest', message: 'Service "db" uses image postgres:latest with the tag latest; name a fixed version tag (and pin its digest).' },
        { range: [4, 11, 4, 18], messageId: 'untagged' },
        { range: [5, 15, 5, 39], messageId: 'untagged' },
      ],
    },
  ],
});

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
