import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../shared/src/lint';
import { noSecretsInEnv } from '../../../shared/src/rules/dockerfile/no-secrets-in-env';
import { ruleTester } from '../../rule-tester';

const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

ruleTester(noSecretsInEnv, {
  valid: [
    'FROM alpine:3.20\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db',
    'FROM alpine:3.20\nARG NPM_TOKEN',
    'FROM alpine:3.20\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
    'FROM alpine:3.20\nENV API_TOKEN=${API_TOKEN}',
    'FROM alpine:3.20\nENV DISABLE_TOKEN_CHECK=true TOKEN_URL=https://auth.example.com/token',
    'FROM alpine:3.20\nENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app',
    'FROM alpine:3.20\nENV PASSWORD_MIN_LENGTH=8 SECRET_NAME=db-credentials TOKEN_EXPIRES=3600',
  ],
  invalid: [
    {
      name: 'secret-looking name with a literal value: range on the name',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2',
      findings: [{ range: [1, 4, 1, 15], messageId: 'name', message: /ENV DB_PASSWORD has a literal value/ }],
    },
    {
      name: 'ARG default, legacy ENV syntax, camelCase',
      code: 'FROM alpine:3.20\nARG GITHUB_TOKEN=abc123def\nENV apiKey 0f9e8d7c',
      findings: [{ range: [1, 4, 1, 16], message: /ARG GITHUB_TOKEN/ }, { range: [2, 4, 2, 10] }],
    },
    {
      name: 'credential-looking values under harmless names: range on the value',
      code: `FROM alpine:3.20\nENV AWS_ID=${AWS_KEY} \\\n    SESSION=${JWT}\nENV DATABASE_URL=postgres://app:s3cret@db:5432/app`,
      findings: [
        { range: [1, 11, 1, 31], messageId: 'aws', message: /an AWS access key/ },
        { range: [2, 12, 2, 12 + JWT.length], messageId: 'jwt' },
        { range: [3, 17, 3, 50], messageId: 'connection' },
      ],
    },
  ],
});

test('no-secrets-in-env: the messages never contain the secret value', () => {
  const secrets = ['hunter2-very-secret', AWS_KEY, JWT, 's3cretpw', '-----BEGIN RSA PRIVATE KEY-----'];
  const code = `FROM alpine:3.20\nENV DB_PASSWORD=${secrets[0]}\nENV K=${secrets[1]}\nENV T=${secrets[2]}\nENV U=mysql://root:${secrets[3]}@db/x\nENV PEM="${secrets[4]}"`;
  const results = lintText('file:///t/Dockerfile', code, { rules: [noSecretsInEnv], kind: 'dockerfile' }).results;
  assert.equal(results.length, 5);
  for (const r of results) {
    for (const s of secrets) {
      assert.ok(!r.message.en.includes(s) && !r.message.de.includes(s), `message repeats a secret: ${r.message.en}`);
    }
    assert.match(r.message.en, /RUN --mount=type=secret/);
    assert.match(r.message.de, /RUN --mount=type=secret/);
  }
});
