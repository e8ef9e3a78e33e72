import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageUserRoot } from '../../../shared/src/rules/kubernetes/image-user-root';
import { runWorkspace } from './workspace-helpers';

const manifest = (image: string, securityContext = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: ${image}\n${securityContext}`;

const compose = (context: string, image: string, dockerfile = ''): string =>
  `services:\n  api:\n    build:\n      context: ${context}\n${dockerfile ? `      dockerfile: ${dockerfile}\n` : ''}    image: ${image}\n`;

describe('k8s/image-user-root', () => {
  it('invalid: a Compose service builds shop-api/Dockerfile as the image; it has no USER and the manifest does not set runAsNonRoot', () => {
    const files = {
      'shop-api/Dockerfile': 'FROM node:20\nCMD ["node", "server.js"]\n',
      'compose.yaml': compose('./shop-api', 'ghcr.io/acme/shop-api:dev'),
      'deploy/api.yaml': manifest('ghcr.io/acme/shop-api:1.4 # built in CI'),
    };
    assert.deepEqual(runWorkspace(imageUserRoot, files), [
      {
        uri: 'deploy/api.yaml',
        range: [8, 15, 8, 40],
        message: 'Container "app" runs an image built from shop-api/Dockerfile, whose final stage runs as root, and the manifest does not set runAsNonRoot: true; add a USER to the Dockerfile and runAsNonRoot: true here.',
      },
    ]);
  });

  it('invalid: a Skaffold artifact with its own Dockerfile name builds the image', () => {
    const files = {
      'services/billing/build/Containerfile': 'FROM python:3.12-slim\nCMD ["python", "-m", "billing"]\n',
      'skaffold.yaml': 'apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n  - image: registry.local/team/billing\n    context: services/billing\n    docker: {dockerfile: build/Containerfile}\n',
      'k8s/billing.yaml': manifest('registry.local/team/billing'),
    };
    assert.deepEqual(runWorkspace(imageUserRoot, files).map((f) => [f.uri, f.range]), [['k8s/billing.yaml', [8, 15, 8, 42]]]);
  });

  it('invalid: explicit USER root, matched by LABEL org.opencontainers.image.title', () => {
    const files = { 'build/Dockerfile': 'FROM alpine:3.20\nLABEL org.opencontainers.image.title="billing"\nUSER 1000\nUSER root\n', 'k8s.yaml': manifest('registry.local/billing:2') };
    assert.equal(runWorkspace(imageUserRoot, files).length, 1);
  });

  it('invalid: a numeric USER overridden by runAsUser 0 (inherited from the pod)', () => {
    const files = {
      'worker/Dockerfile': 'FROM alpine:3.20 AS base\nUSER 10001\nFROM base\n',
      'docker-compose.yml': 'services:\n  worker:\n    build: worker\n    image: acme/worker:latest\n',
      'worker.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  securityContext:\n    runAsUser: 0 # debugging\n  containers:\n  - {name: w, image: "acme/worker:3"}\n',
    };
    assert.deepEqual(runWorkspace(imageUserRoot, files), [
      { uri: 'worker.yaml', range: [5, 15, 5, 16], message: 'runAsUser: 0 overrides USER 10001 of worker/Dockerfile and runs container "w" as root; remove it or use the image\'s UID.' },
    ]);
  });

  it('valid: runAsNonRoot set on the pod, or a non-zero runAsUser', () => {
    const dockerfile = 'FROM node:20\n';
    const built = compose('./api', 'acme/api');
    const podLevel = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers: [{name: app, image: "acme/api:1"}]\n';
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': dockerfile, 'compose.yaml': built, 'a.yaml': podLevel }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': dockerfile, 'compose.yaml': built, 'a.yaml': manifest('acme/api:1', '        securityContext: {runAsUser: 10001}\n') }), []);
  });

  it('valid (dont-fire): a folder or file name alone is no evidence that the Dockerfile builds the image', () => {
    assert.deepEqual(runWorkspace(imageUserRoot, { 'shop-api/Dockerfile': 'FROM node:20\n', 'deploy/api.yaml': manifest('ghcr.io/acme/shop-api:1.4') }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'Dockerfile.worker': 'FROM alpine:3.20\n', 'w.yaml': manifest('acme/worker:3') }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'nginx/Dockerfile': 'FROM nginx:1.27\n', 'k.yaml': manifest('bitnami/nginx:1.27') }), []);
  });

  it('valid (dont-fire): ambiguous evidence, unrelated image, non-root USER, nonroot base image, USER from a variable', () => {
    const evidence = runWorkspace(imageUserRoot, { 'api/Dockerfile': 'FROM node:20\nCMD ["x"]\n', 'web/Dockerfile': 'FROM node:20\n', 'compose.yaml': compose('./web', 'acme/api'), 'k.yaml': manifest('acme/api:1') });
    assert.deepEqual(evidence.map((f) => f.message.match(/built from (\S+),/)?.[1]), ['web/Dockerfile'], 'the Compose build, not the folder name, decides');
    const ambiguous = { 'a/Dockerfile': 'FROM node:20\nLABEL name=api\n', 'b/Dockerfile': 'FROM node:20\nLABEL name=api\n', 'k.yaml': manifest('acme/api:1') };
    assert.deepEqual(runWorkspace(imageUserRoot, ambiguous), []);
    const built = compose('./api', 'acme/api');
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': 'FROM node:20\n', 'compose.yaml': built, 'k.yaml': manifest('postgres:16') }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': 'FROM node:20\nUSER node\n', 'compose.yaml': built, 'k.yaml': manifest('acme/api:1') }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': 'FROM gcr.io/distroless/nodejs20-debian12:nonroot\n', 'compose.yaml': built, 'k.yaml': manifest('acme/api:1') }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': 'FROM node:20\nARG UID\nUSER $UID\n', 'compose.yaml': built, 'k.yaml': manifest('acme/api:1') }), []);
  });
});
