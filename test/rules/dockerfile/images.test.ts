import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageReference } from '../../../shared/src/facts/image-reference';
import { distroFamily, runsAsNonRootByDefault, slimVariant } from '../../../shared/src/parse/images';

const ref = parseImageReference;

describe('parse/images', () => {
  it('applies Docker Hub defaults', () => {
    assert.deepEqual(ref('python:3.12'), { raw: 'python:3.12', registry: 'docker.io', repository: 'library/python', name: 'python', tag: '3.12', digest: null, variable: false });
    assert.equal(ref('bitnami/redis').repository, 'bitnami/redis');
    assert.equal(ref('index.docker.io/library/node:20').registry, 'docker.io');
  });

  it('splits registry, port, tag and digest', () => {
    const r = ref('localhost:5000/team/app:1.0@sha256:abc');
    assert.deepEqual([r.registry, r.repository, r.tag, r.digest], ['localhost:5000', 'team/app', '1.0', 'sha256:abc']);
    assert.deepEqual([ref('registry:5000/app').tag, ref('registry:5000/app').registry], [null, 'registry:5000']);
    assert.equal(ref('ghcr.io/org/app').registry, 'ghcr.io');
    assert.equal(ref('${BASE}:1').variable, true);
  });

  it('classifies distribution families', () => {
    const cases: [string, string][] = [
      ['python:3.12-slim', 'debian'], ['node:20', 'debian'], ['node:20-alpine3.20', 'alpine'], ['alpine', 'alpine'],
      ['ubuntu:24.04', 'ubuntu'], ['eclipse-temurin:21-jre', 'ubuntu'], ['gcr.io/distroless/static', 'distroless'],
      ['cgr.dev/chainguard/go', 'distroless'], ['scratch', 'scratch'], ['mcr.microsoft.com/windows/nanoserver:ltsc2022', 'windows'],
      ['amd64/debian:12', 'debian'], ['quay.io/x/y:1', 'other'], ['mcr.microsoft.com/dotnet/aspnet:8.0', 'debian'],
    ];
    for (const [image, family] of cases) assert.equal(distroFamily(ref(image)), family, image);
  });

  it('knows images that run as non-root by default', () => {
    assert.equal(runsAsNonRootByDefault(ref('gcr.io/distroless/base:nonroot')), true);
    assert.equal(runsAsNonRootByDefault(ref('gcr.io/distroless/base')), false);
    assert.equal(runsAsNonRootByDefault(ref('python:3.12')), false);
  });

  it('suggests slim variants for full images only', () => {
    assert.equal(slimVariant(ref('python:3.12'))?.suggestion, 'python:3.12-slim');
    assert.equal(slimVariant(ref('node:20-bookworm'))?.suggestion, 'node:20-slim');
    assert.equal(slimVariant(ref('python:3.12-alpine')), undefined);
    assert.equal(slimVariant(ref('debian:12-slim')), undefined);
    assert.equal(slimVariant(ref('redis:7')), undefined);
  });
});
