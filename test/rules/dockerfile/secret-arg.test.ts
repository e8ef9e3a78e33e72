import { secretArg } from '../../../shared/src/rules/dockerfile/secret-arg';
import { ruleTester } from '../../rule-tester';

ruleTester(secretArg, {
  valid: [
    'FROM node:20-slim\nARG NODE_VERSION=20\nENV PASSWORD_FILE=/run/secrets/db',
    { name: 'dont-fire: names that describe a secret, not hold it', code: 'FROM alpine:3.20\nARG TOKEN_URL\nARG SECRET_NAME=db\nENV KEYRING=/etc/keys MYSQL_ALLOW_EMPTY_PASSWORD=yes' },
    { name: 'dont-fire: an ENV with a path or an empty default holds no secret; INSTALL_SSHPASS installs a tool', code: 'FROM debian:12-slim\nENV NSS_WRAPPER_PASSWD=/opt/app/passwd GOOGLE_APPLICATION_CREDENTIALS=/secrets/key.json SMTP_PASSWORD=""\nARG INSTALL_SSHPASS=false' },
    { name: 'dont-fire: counts of tokens or keys', code: 'FROM python:3.12-slim\nARG MAX_NEW_TOKENS=512\nARG MAX_TOKENS\nENV NUM_KEYS=${NUM_KEYS}' },
    { name: 'dont-fire: a literal secret value is no-secrets-in-env\'s finding', code: 'FROM alpine:3.20\nARG DB_PASSWORD=s3cr3t-Passw0rd\nENV GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB' },
  ],
  invalid: [
    {
      name: 'ARG without a value, with an empty one and with a placeholder; ENV copying the ARG',
      code: 'FROM node:20-slim\nARG NPM_TOKEN\nARG DB_PASSWORD=""\nARG API_KEY=changeme_later_value\nENV NPM_TOKEN=${NPM_TOKEN}',
      findings: [
        { range: [1, 4, 1, 13], messageId: 'ARG', message: /^ARG NPM_TOKEN is named like a secret/ },
        { range: [2, 4, 2, 15], messageId: 'ARG' },
        { range: [4, 4, 4, 13], messageId: 'ENV', message: /^ENV NPM_TOKEN is named like a secret: its value is stored in the image configuration/ },
      ],
      output: null,
    },
    {
      name: 'an ARG before the first FROM and several in one instruction',
      code: 'ARG GITHUB_TOKEN\nFROM alpine:3.20\nARG VERSION=1.0 AWS_SECRET_ACCESS_KEY=',
      findings: [{ range: [0, 4, 0, 16] }, { range: [2, 16, 2, 37] }],
      output: null,
    },
  ],
});
