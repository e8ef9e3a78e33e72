import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floatingTag } from '../../shared/src/parse/image-tags';
import { parseImageReference } from '../../shared/src/facts/image-reference';

/** [reference, expected] — the one table every image-tag rule (Dockerfile, Compose, Kubernetes) relies on. */
const CASES: readonly (readonly [string, ReturnType<typeof floatingTag>])[] = [
  ['nginx', 'untagged'],
  ['localhost:5000/app', 'untagged'],
  ['nginx:latest', 'latest'],
  ['nginx:LATEST', 'latest'],
  ['python:slim', 'versionless'],
  ['node:alpine', 'versionless'],
  ['node:lts-alpine', 'versionless'],
  ['nginx:stable', 'versionless'],
  ['ghcr.io/acme/api:main', 'versionless'],
  ['python:slim-bookworm', 'versionless'],
  ['debian:bookworm', undefined],
  ['debian:bookworm-slim', undefined],
  ['ubuntu:noble', undefined],
  ['buildpack-deps:bookworm-curl', undefined],
  ['amd64/buildpack-deps:noble-curl', undefined],
  ['bitnami/minideb:bookworm', undefined],
  ['debian:sid-slim', 'versionless'],
  ['python:bookworm', 'versionless'],
  ['node:22-alpine', undefined],
  ['python:3.12-slim', undefined],
  ['mcr.microsoft.com/windows/servercore:ltsc2022', undefined],
  ['acme/app:1a2b3c4', undefined],
  ['node:alpine@sha256:' + 'a'.repeat(64), undefined],
  ['${IMAGE}:alpine', undefined],
  ['localhost:5000/app:v2', undefined],
];

describe('floatingTag', () => {
  for (const [reference, expected] of CASES) {
    it(`${reference} → ${String(expected)}`, () => assert.equal(floatingTag(parseImageReference(reference)), expected));
  }
});
