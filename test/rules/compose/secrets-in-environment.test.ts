import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintText } from '../../../shared/src/lint';
import { secretsInEnvironment } from '../../../shared/src/rules/compose/secrets-in-environment';
import { ruleTester } from '../../rule-tester';

const SECRET_CODE =
  'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "s3cr3t-Hunter2"\n      POSTGRES_USER: erp\n' +
  '  app:\n    image: a:1\n    environment:\n      - API_TOKEN=tok-9f8e7d6c5b4a\n      - DATABASE_URL=postgres://erp:pa55word@db:5432/erp\n      - AWS=AKIAIOSFODNN7EXAMPLE\n';

ruleTester(secretsInEnvironment, {
  valid: [
    'services:\n  db:\n    image: a:1\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n      JWT_SECRET:\n      TOKEN_TTL: 3600\n      PWD: /app\n      PASSWORD_MIN_LENGTH: "12"\n',
    'services:\n  app:\n    image: a:1\n    environment:\n      - API_KEY\n      - SECRET_KEY=${SECRET_KEY:?required}\n      - DATABASE_URL=postgres://erp:${DB_PASSWORD}@db/erp\n      - TOKENIZER=bert\n      - AUTH_ENABLED=true\n',
  ],
  invalid: [
    {
      code: SECRET_CODE,
      findings: [
        { range: [4, 6, 4, 23], message: /sets POSTGRES_PASSWORD to a literal credential/ },
        { range: [9, 8, 9, 34], message: /API_TOKEN/ },
        { range: [10, 8, 10, 56], message: /DATABASE_URL/ },
        { range: [11, 8, 11, 32], message: /AWS/ },
      ],
    },
  ],
});

it('compose/secrets-in-environment never prints the secret', () => {
  const results = lintText('file:///t/compose.yaml', SECRET_CODE, { config: { ...DEFAULT_CONFIG, level: 'L3' }, rules: [secretsInEnvironment] }).results;
  assert.equal(results.length, 4);
  for (const r of results) {
    for (const text of [r.message.en, r.message.de, JSON.stringify(r.data ?? {})]) {
      for (const secret of ['s3cr3t-Hunter2', 'tok-9f8e7d6c5b4a', 'pa55word', 'AKIAIOSFODNN7EXAMPLE']) assert.ok(!text.includes(secret), `secret printed: ${text}`);
    }
  }
});
