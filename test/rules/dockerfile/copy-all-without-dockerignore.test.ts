import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../../shared/src/lint';
import { copyAllWithoutDockerignore } from '../../../shared/src/rules/dockerfile/copy-all-without-dockerignore';
import { ruleTester } from '../../rule-tester';

ruleTester(copyAllWithoutDockerignore, {
  valid: [
    { name: 'unknown whether a .dockerignore exists', code: 'FROM node:20-slim\nCOPY . .' },
    { name: '.dockerignore present', code: 'FROM node:20-slim\nCOPY . .', options: { hasDockerignore: true } },
    { name: 'explicit paths', code: 'FROM node:20-slim\nCOPY package.json server.js ./', options: { hasDockerignore: false } },
    {
      name: 'a build stage whose files never ship',
      code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app',
      options: { hasDockerignore: false },
    },
    { name: 'from another stage', code: 'FROM node:20 AS b\nFROM node:20-slim\nCOPY --from=b . .', options: { hasDockerignore: false } },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .',
      options: { hasDockerignore: false },
      findings: [{ range: [2, 23, 2, 24], message: /no \.dockerignore/ }],
    },
    {
      name: 'a stage the final stage builds on ships its files',
      code: 'FROM node:20 AS base\nCOPY . /app\nFROM base AS dev\nRUN npm ci\nFROM base\nCMD ["node", "/app"]',
      options: { hasDockerignore: false },
      findings: [{ range: [1, 5, 1, 6] }],
    },
    {
      name: 'ADD ./ and COPY *',
      code: 'FROM node:20-slim\nADD ./ /src\nCOPY * /app/',
      options: { hasDockerignore: false },
      findings: [{ range: [1, 4, 1, 6], message: /ADD copies the whole build context/ }, { range: [2, 5, 2, 6] }],
    },
  ],
});

describe('the .dockerignore lookup', () => {
  const lookups = (code: string, exists: boolean): { calls: number; ids: string[] } => {
    let calls = 0;
    const report = lintText('file:///w/Dockerfile', code, {
      rules: [copyAllWithoutDockerignore],
      hasDockerignore: () => {
        calls++;
        return exists;
      },
    });
    return { calls, ids: report.results.map((r) => r.ruleId) };
  };
  it('is not made for a Dockerfile that copies no whole context', () => {
    assert.deepEqual(lookups('FROM node:20-slim\nCOPY package.json ./\nCOPY --from=b . .', false), { calls: 0, ids: [] });
  });
  it('is made once, however many instructions copy the whole context', () => {
    assert.deepEqual(lookups('FROM node:20-slim\nCOPY . .\nADD ./ /src', false), { calls: 1, ids: ['dockerfile/copy-all-without-dockerignore', 'dockerfile/copy-all-without-dockerignore'] });
    assert.deepEqual(lookups('FROM node:20-slim\nCOPY . .', true), { calls: 1, ids: [] });
  });
});
