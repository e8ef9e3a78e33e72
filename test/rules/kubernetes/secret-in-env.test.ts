import { secretInEnv } from '../../../shared/src/rules/kubernetes/secret-in-env';
import { ruleTester } from '../../rule-tester';

ruleTester(secretInEnv, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    envFrom: [{configMapRef: {name: settings}}]\n    volumeMounts: [{name: db, mountPath: /run/secrets/db, readOnly: true}]\n  volumes: [{name: db, secret: {secretName: db}}]\n',
    { name: 'dont-fire: configMapKeyRef', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    env: [{name: MODE, valueFrom: {configMapKeyRef: {name: c, key: mode}}}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: # db credentials\n          name: db\n          key: password\n    envFrom:\n    - secretRef: {name: api-keys}\n',
      findings: [{ range: [9, 8, 9, 20], message: /receives Secret "db"/ }, { range: [13, 6, 13, 15], message: /Secret "api-keys"/ }],
    },
  ],
});
