import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageReference } from '../../../shared/src/facts/image-reference';
import { NON_ROOT_IMAGES, nonRootImage } from '../../../shared/src/facts/non-root-images';
import { noRootUser } from '../../../shared/src/rules/dockerfile/no-root-user';
import { ruleTester, type InvalidCase } from '../../rule-tester';

const run = (image: string): string => `FROM ${image}\nCOPY app /app\nENTRYPOINT ["/app"]`;
const DEBIAN = 'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\n';
const NUMERIC = 'USER 10001:10001\n';
const NUMERIC_DISTROLESS = 'USER 65532:65532\n';
const DIGEST_REF = `gcr.io/distroless/static@sha256:${'a'.repeat(64)}`;

/** An image that runs as root: reported on its FROM line, the fix adds `lines` before ENTRYPOINT. */
function missing(name: string, image: string, lines: string): InvalidCase {
  return {
    name,
    code: run(image),
    findings: [{ range: [0, 0, 0, 'FROM '.length + image.length], messageId: 'missing' }],
    output: `FROM ${image}\nCOPY app /app\n${lines}ENTRYPOINT ["/app"]`,
  };
}

ruleTester(noRootUser, {
  valid: [
    run('gcr.io/distroless/static-debian12:nonroot'),
    run('gcr.io/distroless/java17-debian12:debug-nonroot'),
    run('gcr.io/distroless/base:nonroot-amd64'),
    run('cgr.dev/chainguard/static:latest'),
    run('cgr.dev/chainguard/node'),
    run('cgr.dev/my-org.example/python:3.12'),
    run('mcr.microsoft.com/dotnet/runtime-deps:8.0-noble-chiseled-extra'),
    run('mcr.microsoft.com/dotnet/aspnet:9.0-azurelinux3.0-distroless'),
    run('nginxinc/nginx-unprivileged:1.27-alpine'),
    run('docker.io/bitnami/postgresql:16'),
    run('bitnami/redis'),
    run('registry.access.redhat.com/ubi8/nodejs-20'),
    run('registry.access.redhat.com/ubi9/python-312:latest'),
    run('registry.redhat.io/ubi9/openjdk-17-runtime:1.20'),
    run('docker.elastic.co/elasticsearch/elasticsearch:8.15.0'),
    run('docker.elastic.co/kibana/kibana:8.15.0'),
    run('grafana/grafana:11.2.0'),
    run('jenkins/jenkins:lts-jdk17'),
    run('quay.io/keycloak/keycloak:25.0'),
    run('prom/prometheus:v2.54.0'),
    { name: 'a stage built on a stage that runs as non-root', code: 'FROM bitnami/node:20 AS base\nRUN echo hi\nFROM base\nCMD ["node", "app.js"]' },
    { name: 'a later non-root USER after USER root', code: 'FROM bitnami/nginx\nUSER root\nRUN apt-get update\nUSER 1001\nCMD ["nginx"]' },
  ],
  invalid: [
    missing('distroless without the nonroot tag', 'gcr.io/distroless/static-debian12:latest', NUMERIC_DISTROLESS),
    missing('distroless pinned by digest only: the tag is unknown', DIGEST_REF, NUMERIC_DISTROLESS),
    missing('Chainguard -dev variant', 'cgr.dev/chainguard/python:latest-dev', NUMERIC_DISTROLESS),
    missing('Chainguard image without run-as', 'cgr.dev/chainguard/wolfi-base', NUMERIC_DISTROLESS),
    missing('.NET image that is not chiseled', 'mcr.microsoft.com/dotnet/aspnet:8.0', DEBIAN),
    missing('.NET SDK', 'mcr.microsoft.com/dotnet/sdk:8.0-jammy', DEBIAN),
    missing('official nginx runs as root', 'nginx:1.27', DEBIAN),
    missing('official node has a node user but runs as root', 'node:20-slim', DEBIAN),
    missing('Bitnami minideb runs as root', 'bitnami/minideb:bookworm', NUMERIC),
    missing('UBI base image runs as root', 'registry.access.redhat.com/ubi9/ubi-minimal', NUMERIC),
    missing('a look-alike on another registry', 'ghcr.io/bitnami/redis:7', NUMERIC),
    {
      name: 'USER root after a non-root base image',
      code: 'FROM bitnami/python:3.12\nUSER root\nCMD ["python"]',
      findings: [{ range: [1, 5, 1, 9], messageId: 'root' }],
      output: 'FROM bitnami/python:3.12\nUSER 1001\nCMD ["python"]',
    },
    {
      name: 'UID 0 in a stage built on a non-root stage',
      code: 'FROM gcr.io/distroless/static:nonroot AS base\nFROM base\nUSER 0:0\nENTRYPOINT ["/app"]',
      findings: [{ range: [2, 5, 2, 8], messageId: 'root' }],
      output: 'FROM gcr.io/distroless/static:nonroot AS base\nFROM base\nUSER 65532\nENTRYPOINT ["/app"]',
    },
  ],
});

describe('the table of non-root images', () => {
  it('cites a vendor source for every entry', () => {
    for (const e of NON_ROOT_IMAGES) {
      assert.match(e.source, /^https:\/\/(?:github\.com|docs\.bitnami\.com)\//, e.family);
      assert.notEqual(e.user.trim(), '', e.family);
      assert.ok(!/^0\b|^root\b/.test(e.user), `${e.family} names a non-root user`);
    }
  });
  it('returns the matching entry with its user', () => {
    assert.equal(nonRootImage(parseImageReference('gcr.io/distroless/cc:nonroot'))?.user, '65532');
    assert.equal(nonRootImage(parseImageReference('index.docker.io/bitnami/kafka:3.7'))?.family, 'Bitnami');
    assert.equal(nonRootImage(parseImageReference('mcr.microsoft.com/dotnet/nightly/aspnet:10.0-noble-chiseled'))?.user, '1654');
  });
  it('knows nothing of references with variables or unlisted images', () => {
    assert.equal(nonRootImage(parseImageReference('${REG}/bitnami/redis')), undefined);
    assert.equal(nonRootImage(parseImageReference('python:3.12')), undefined);
    assert.equal(nonRootImage(parseImageReference('gcr.io/distroless/static')), undefined);
  });
});
