import { noSsh } from '../../../shared/src/rules/dockerfile/no-ssh';
import { ruleTester } from '../../rule-tester';

ruleTester(noSsh, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends openssh-client\nEXPOSE 8080',
    'FROM fedora:40\nRUN dnf install -y openssh',
    'FROM alpine:3.20\nEXPOSE 2222',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y \\\n    curl \\\n    openssh-server\nEXPOSE 22/tcp 80',
      findings: [{ range: [3, 4, 3, 18], messageId: 'package', message: /openssh-server installs a remote administration server/ }, { range: [4, 7, 4, 13], messageId: 'port', message: /Port 22 \(SSH\)/ }],
    },
    {
      name: 'alpine openssh and dropbear, RDP port',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh dropbear\nEXPOSE 3389',
      findings: [{ range: [1, 23, 1, 30] }, { range: [1, 31, 1, 39] }, { range: [2, 7, 2, 11], message: /RDP/ }],
    },
  ],
});
