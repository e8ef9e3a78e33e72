import { copySensitiveFiles } from '../../../shared/src/rules/dockerfile/copy-sensitive-files';
import { ruleTester } from '../../rule-tester';

ruleTester(copySensitiveFiles, {
  valid: [
    'FROM alpine:3.20\nCOPY .env.example /app/.env.example',
    'FROM alpine:3.20\nCOPY certs/ca.pem /usr/local/share/ca-certificates/ca.crt',
    'FROM alpine:3.20\nCOPY release.key /war/release-key.pub',
    'FROM alpine:3.20\nCOPY id_rsa.pub /root/.ssh/authorized_keys',
    'FROM alpine:3.20\nCOPY dhparam.pem /etc/nginx/',
    'FROM alpine:3.20\nCOPY ${KEY_FILE} /k',
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCOPY .npmrc package.json ./',
      findings: [{ range: [1, 5, 1, 11], message: /COPY copies \.npmrc/ }],
    },
    {
      name: 'keys, .env, cloud credentials; exec form and ADD',
      code: 'FROM alpine:3.20\nADD ./secrets/server.key .env /etc/app/\nCOPY ["home/.aws/credentials", "/root/.aws/"]\nCOPY --chown=1:1 id_ed25519 kubeconfig /k/',
      findings: [
        { range: [1, 4, 1, 24], message: /ADD copies/ },
        { range: [1, 25, 1, 29] },
        { range: [2, 6, 2, 29] },
        { range: [3, 17, 3, 27] },
        { range: [3, 28, 3, 38] },
      ],
    },
  ],
});
