import { execFormRule } from '../../../shared/src/rules/dockerfile/exec-form';
import { ruleTester } from '../../rule-tester';

ruleTester(execFormRule, {
  valid: [
    'FROM node:20-slim\nCMD ["node", "server.js"]',
    'FROM node:20-slim\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["run"]',
    { name: 'exec replaces the shell', code: 'FROM python:3.12-slim\nCMD exec gunicorn --bind :$PORT app:app' },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCMD node server.js --port=8080',
      findings: [{ range: [1, 4, 1, 30], message: /^CMD in shell form/ }],
      output: 'FROM node:20-slim\nCMD ["node", "server.js", "--port=8080"]',
    },
    {
      name: 'shell syntax: no fix',
      code: 'FROM node:20-slim\nCMD node server.js --port $PORT\nENTRYPOINT ./run.sh && echo done',
      findings: [{ range: [1, 4, 1, 31] }, { range: [2, 11, 2, 32] }],
      output: null,
    },
    {
      name: 'ENTRYPOINT with a CMD in the stage: converting would change the arguments, no fix',
      code: 'FROM alpine:3.20\nENTRYPOINT /bin/app\nCMD ["--help"]',
      findings: [{ range: [1, 11, 1, 19], message: /^ENTRYPOINT in shell form/ }],
      output: null,
    },
    {
      name: 'ENTRYPOINT alone is converted',
      code: 'FROM alpine:3.20\nENTRYPOINT /bin/app serve',
      findings: [{ range: [1, 11, 1, 25] }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["/bin/app", "serve"]',
    },
  ],
});
