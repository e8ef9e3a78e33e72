import { copyAllWithoutDockerignore } from '../../../shared/src/rules/dockerfile/copy-all-without-dockerignore';
import { ruleTester } from '../../rule-tester';

ruleTester(copyAllWithoutDockerignore, {
  valid: [
    { name: 'unknown whether a .dockerignore exists', code: 'FROM node:20-slim\nCOPY . .' },
    { name: '.dockerignore present', code: 'FROM node:20-slim\nCOPY . .', options: { hasDockerignore: true } },
    { name: 'explicit paths', code: 'FROM node:20-slim\nCOPY package.json server.js ./', options: { hasDockerignore: false } },
    { name: 'from another stage', code: 'FROM node:20 AS b\nFROM node:20-slim\nCOPY --from=b . .', options: { hasDockerignore: false } },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .',
      options: { hasDockerignore: false },
      findings: [{ range: [2, 23, 2, 24], message: /no \.dockerignore/ }],
    },
    {
      name: 'ADD ./ and COPY *',
      code: 'FROM node:20-slim\nADD ./ /src\nCOPY * /app/',
      options: { hasDockerignore: false },
      findings: [{ range: [1, 4, 1, 6], message: /ADD copies the whole build context/ }, { range: [2, 5, 2, 6] }],
    },
  ],
});
