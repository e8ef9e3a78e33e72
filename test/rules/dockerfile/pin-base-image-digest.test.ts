import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintText } from '../../../shared/src/lint';
import { pinBaseImageDigest } from '../../../shared/src/rules/dockerfile/pin-base-image-digest';
import { ruleTester } from '../../rule-tester';

ruleTester(pinBaseImageDigest, {
  valid: [
    'FROM python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'FROM scratch\nCOPY app /',
    'FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build\nFROM build\nCOPY --from=build /a /a\nCOPY --from=0 /a /b',
  ],
  invalid: [
    {
      name: 'FROM with platform flag and stage name: the range covers the image only',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build\nFROM build',
      findings: [{ range: [0, 31, 0, 49], messageId: 'default', message: /golang:1\.22-alpine is referenced by tag/ }],
    },
    {
      name: 'COPY --from an image, not a stage',
      code: 'FROM alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nCOPY --from=docker.io/tonistiigi/xx:1.4 / /',
      findings: [{ range: [1, 12, 1, 39] }],
    },
    {
      name: 'ARG-based image gets its own message',
      code: 'ARG BASE=node:20\nFROM ${BASE}',
      findings: [{ range: [1, 5, 1, 12], messageId: 'variable', message: /cannot be pinned here/ }],
    },
  ],
});

test('pin-base-image-digest: findings carry the reference for the pinning quick-fix', () => {
  const code = 'FROM ghcr.io/org/app:1.2 AS x\nARG B=1\nFROM ${B}';
  const results = lintText('file:///t/Dockerfile', code, { rules: [pinBaseImageDigest], kind: 'dockerfile', config: { ...DEFAULT_CONFIG, level: 'L3' } }).results;
  assert.deepEqual(results.map((r) => r.data), [{ pin: { reference: 'ghcr.io/org/app:1.2' } }, undefined]);
  assert.equal(results[0]!.severity, 'info');
  assert.equal(results[0]!.fix, undefined);
});
