import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintText, lintWorkspace, parseFile } from '../../../shared/src/lint';
import { implicitRootUser } from '../../../shared/src/rules/compose/implicit-root-user';
import { dockerfileUri } from '../../../shared/src/rules/compose/support/build-context';
import type { FileKind } from '../../../shared/src/types';

type Files = Record<string, string>;

/** Runs the workspace rule over files given by path below file:///w/. */
function run(files: Files): { uri: string; range: [number, number, number, number]; en: string; de: string }[] {
  const parsed = Object.entries(files).map(([path, text]) => {
    const kind: FileKind = /Dockerfile|Containerfile/.test(path) ? 'dockerfile' : 'compose';
    return parseFile(`file:///w/${path}`, text, kind);
  });
  return lintWorkspace(parsed, { config: { ...DEFAULT_CONFIG, level: 'L3' }, rules: [implicitRootUser] }).map((r) => ({
    uri: r.uri,
    range: [r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character],
    en: r.message.en,
    de: r.message.de,
  }));
}

const COMPOSE = 'services:\n  app:\n    build: ./app\n  api:\n    build:\n      context: .\n      dockerfile: docker/api.Dockerfile\n      target: runtime\n  db:\n    image: postgres:16\n';

describe('compose/implicit-root-user', () => {
  it('resolves build context and dockerfile relative to the Compose file', () => {
    assert.equal(dockerfileUri('file:///w/deploy/compose.yaml', '../app', 'Dockerfile'), 'file:///w/app/Dockerfile');
    assert.equal(dockerfileUri('file:///w/compose.yaml', '.', 'docker/api.Dockerfile'), 'file:///w/docker/api.Dockerfile');
    assert.equal(dockerfileUri('file:///w/compose.yaml', 'https://github.com/x/y.git#main', 'Dockerfile'), undefined);
    assert.equal(dockerfileUri('file:///w/compose.yaml', '${CTX}', 'Dockerfile'), undefined);
  });

  it('a build path no URI can hold (a lone surrogate) names no Dockerfile and crashes nothing (found by fuzzing)', () => {
    assert.equal(dockerfileUri('file:///w/compose.yaml', './app\ud800', 'Dockerfile'), undefined);
    const compose = 'services:\n  app:\n    build: "./app\\ud800"\n';
    assert.deepEqual(run({ 'compose.yaml': compose, 'app/Dockerfile': 'FROM python:3.12\n' }), []);
    const report = lintText('file:///w/compose.yaml', compose);
    assert.deepEqual(report.results.filter((r) => r.ruleId === 'bollwerk/internal-error'), []);
  });

  it('reports a built Dockerfile without USER and one that ends as root, not image-only services', () => {
    const results = run({
      'compose.yaml': COMPOSE,
      'app/Dockerfile': 'FROM node:20\nCOPY . /app\nCMD ["node", "/app"]\n',
      'docker/api.Dockerfile': 'FROM golang:1.23 AS build\nUSER 1000\nFROM debian:12 AS runtime\nUSER root\nCMD ["/api"]\nFROM runtime AS debug\nUSER 1000\n',
    });
    assert.deepEqual(results.map((r) => [r.uri, r.range]), [
      ['file:///w/compose.yaml', [2, 4, 2, 9]],
      ['file:///w/compose.yaml', [4, 4, 4, 9]],
    ]);
    assert.equal(results[0]!.en, 'Service "app" builds Dockerfile, which sets no USER on top of node:20 (root by default), and sets no user: itself, so it runs as root; add a USER to the Dockerfile or user: to the service.');
    assert.match(results[1]!.en, /docker\/api\.Dockerfile, which runs as root \(USER on line 4\)/);
    assert.ok(results.every((r) => r.de.length > 0));
  });

  it('is quiet when the service or the Dockerfile sets a user, or the Dockerfile is not among the files', () => {
    assert.deepEqual(run({ 'compose.yaml': 'services:\n  app:\n    build: .\n    user: "10001"\n', 'Dockerfile': 'FROM node:20\n' }), []);
    assert.deepEqual(run({ 'compose.yaml': 'services:\n  app:\n    build: .\n', 'Dockerfile': 'FROM node:20\nUSER node\n' }), []);
    assert.deepEqual(run({ 'compose.yaml': 'services:\n  app:\n    build: .\n', 'other/Dockerfile': 'FROM node:20\n' }), []);
    assert.deepEqual(run({ 'compose.yaml': 'services:\n  app:\n    build: .\n', 'Dockerfile': 'FROM gcr.io/distroless/static:nonroot\n' }), []);
    assert.deepEqual(run({ 'compose.yaml': 'services:\n  app:\n    build: .\n', 'Dockerfile': 'FROM grafana/grafana:11.2.0\n' }), [], 'a vendor image sets its own user');
    assert.deepEqual(run({ 'compose.yaml': 'services:\n  app:\n    build: .\n', 'Dockerfile': 'FROM elasticsearch:8.15.0\n' }), [], 'an official image that ends with a non-root USER');
    assert.deepEqual(run({ 'compose.yaml': 'services:\n  app:\n    build: .\n', 'Dockerfile': 'ARG BASE\nFROM ${BASE}\n' }), []);
    const contexts = 'services:\n  base:\n    build:\n      context: .\n      dockerfile: base.Dockerfile\n    user: "1000"\n  app:\n    build:\n      context: .\n      additional_contexts:\n        base: "service:base"\n';
    assert.deepEqual(run({ 'compose.yaml': contexts, 'Dockerfile': 'FROM base\n', 'base.Dockerfile': 'FROM alpine:3.20\nUSER 1000\n' }), [], 'FROM a named build context');
    assert.deepEqual(run({ 'compose.yaml': 'services:\n  app:\n    build: .\n', 'Dockerfile': 'FROM node:20 AS base\nUSER node\nFROM base\nCOPY . .\n' }), [], 'USER inherited from the parent stage');
  });

  it('honours a suppression comment above the service', () => {
    const compose = 'services:\n  # bollwerk-ignore compose/implicit-root-user -- drops privileges in its entrypoint\n  app:\n    build: .\n';
    assert.deepEqual(run({ 'compose.yaml': compose, 'Dockerfile': 'FROM node:20\n' }), []);
  });
});
