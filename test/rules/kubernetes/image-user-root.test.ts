import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageUserRoot } from '../../../shared/src/rules/kubernetes/image-user-root';
import { runWorkspace } from './workspace-helpers';

const manifest = (image: string, securityContext = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: ${image}\n${securityContext}`;

describe('k8s/image-user-root', () => {
  it('invalid: the image of shop-api/Dockerfile has no USER and the manifest does not set runAsNonRoot', () => {
    const files = { 'shop-api/Dockerfile': 'FROM node:20\nCMD ["node", "server.js"]\n', 'deploy/api.yaml': manifest('ghcr.io/acme/shop-api:1.4 # built in CI') };
    assert.deepEqual(runWorkspace(imageUserRoot, files), [
      {
        uri: 'deploy/api.yaml',
        range: [8, 15, 8, 40],
        message: 'Container "app" runs an image built from shop-api/Dockerfile, whose final stage runs as root, and the manifest does not set runAsNonRoot: true; add a USER to the Dockerfile and runAsNonRoot: true here.',
      },
    ]);
  });

  it('invalid: explicit USER root, matched by LABEL org.opencontainers.image.title', () => {
    const files = { 'build/Dockerfile': 'FROM alpine:3.20\nLABEL org.opencontainers.image.title="billing"\nUSER 1000\nUSER root\n', 'k8s.yaml': manifest('registry.local/billing:2') };
    assert.equal(runWorkspace(imageUserRoot, files).length, 1);
  });

  it('invalid: a numeric USER overridden by runAsUser 0 (inherited from the pod)', () => {
    const files = {
      'Dockerfile.worker': 'FROM alpine:3.20 AS base\nUSER 10001\nFROM base\n',
      'worker.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  securityContext:\n    runAsUser: 0 # debugging\n  containers:\n  - {name: w, image: "acme/worker:3"}\n',
    };
    assert.deepEqual(runWorkspace(imageUserRoot, files), [
      { uri: 'worker.yaml', range: [5, 15, 5, 16], message: 'runAsUser: 0 overrides USER 10001 of ws/Dockerfile.worker and runs container "w" as root; remove it or use the image\'s UID.' },
    ]);
  });

  it('valid: runAsNonRoot set on the pod, or a non-zero runAsUser', () => {
    const dockerfile = 'FROM node:20\n';
    const podLevel = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers: [{name: app, image: "acme/api:1"}]\n';
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': dockerfile, 'a.yaml': podLevel }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': dockerfile, 'a.yaml': manifest('acme/api:1', '        securityContext: {runAsUser: 10001}\n') }), []);
  });

  it('valid (dont-fire): ambiguous match, unrelated image, official image vs folder, non-root USER, nonroot base image, USER from a variable', () => {
    const ambiguous = { 'a/api/Dockerfile': 'FROM node:20\n', 'b/api/Dockerfile': 'FROM node:20\n', 'k.yaml': manifest('acme/api:1') };
    assert.deepEqual(runWorkspace(imageUserRoot, ambiguous), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': 'FROM node:20\n', 'k.yaml': manifest('postgres:16') }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'python/Dockerfile': 'FROM python:3.12\n', 'k.yaml': manifest('python:3.12') }), [], 'official images are not matched by a folder name');
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': 'FROM node:20\nUSER node\n', 'k.yaml': manifest('acme/api:1') }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': 'FROM gcr.io/distroless/nodejs20-debian12:nonroot\n', 'k.yaml': manifest('acme/api:1') }), []);
    assert.deepEqual(runWorkspace(imageUserRoot, { 'api/Dockerfile': 'FROM node:20\nARG UID\nUSER $UID\n', 'k.yaml': manifest('acme/api:1') }), []);
  });
});
