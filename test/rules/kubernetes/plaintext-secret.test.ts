import { plaintextSecret } from '../../../shared/src/rules/kubernetes/plaintext-secret';
import { ruleTester } from '../../rule-tester';

ruleTester(plaintextSecret, {
  valid: [
    'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n',
    { name: 'dont-fire: placeholders and empty values', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: ${DB_PASSWORD}\n  token: ""\n' },
    { name: 'dont-fire: a ConfigMap with data', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  password: nope\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: # demo only\n  password: hunter2\ndata: {token: aHVudGVyMg==, user: YWRtaW4=}\n',
      findings: [{ range: [3, 0, 3, 10], message: 'Secret "db" carries 1 value(s) under stringData in the file; base64 is not encryption. Keep the values out of the repository (External Secrets, Sealed Secrets, SOPS).' }, { range: [5, 0, 5, 4], message: /2 value\(s\) under data/ }],
    },
  ],
});
