import { secretLiteralEnv } from '../../../shared/src/rules/kubernetes/secret-literal-env';
import { ruleTester } from '../../rule-tester';

ruleTester(secretLiteralEnv, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    env:\n    - name: DB_PASSWORD_FILE\n      value: /run/secrets/db\n    - name: API_TOKEN\n      valueFrom: {secretKeyRef: {name: api, key: token}}\n    - {name: LOG_LEVEL, value: debug}\n',
    { name: 'dont-fire: placeholders and empty values', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    env: [{name: PASSWORD, value: "$(DB_PASSWORD)"}, {name: SECRET_KEY, value: ""}, {name: TOKEN_ENABLED, value: "true"}]\n' },
    { name: 'dont-fire: flags and file paths', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    env:\n    - {name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "yes-please"}\n    - {name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/secrets/google/key.json}\n    - {name: CLIENT_SECRET, value: "<your client secret>"}\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    env:\n    - name: POSTGRES_PASSWORD\n      value: "hunter2" # demo\n    - {name: AWS_SECRET_ACCESS_KEY, value: wJalrXUtnFEMI}\n',
      findings: [{ range: [8, 13, 8, 22], message: 'Environment variable POSTGRES_PASSWORD of container "a" holds a literal secret in the manifest; reference a Secret mounted as a file instead.' }, { range: [9, 43, 9, 56] }],
    },
  ],
});
