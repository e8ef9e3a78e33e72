import { exposeMinimalPorts } from '../../../shared/src/rules/dockerfile/expose-minimal-ports';
import { ruleTester } from '../../rule-tester';

ruleTester(exposeMinimalPorts, {
  valid: [
    'FROM alpine:3.20\nEXPOSE 8080',
    { name: 'three ports, duplicates and the tcp default counted once', code: 'FROM alpine:3.20\nEXPOSE 80 443/tcp\nEXPOSE 80/tcp 443 9090' },
    { name: 'dont-fire: debug ports and ranges in a build stage the final stage does not build on', code: 'FROM node:22 AS dev\nEXPOSE 9229 3000-3010 1 2 3 4\nFROM node:22-slim\nEXPOSE 3000' },
    { name: 'dont-fire: SSH is dockerfile/no-ssh\'s; variables are not judged', code: 'FROM alpine:3.20\nEXPOSE 22 ${PORT}' },
    { name: 'dont-fire: no FROM at all', code: 'EXPOSE 9229 1 2 3 4' },
  ],
  invalid: [
    {
      name: 'a port range',
      code: 'FROM alpine:3.20\nEXPOSE 8080 8000-9000/udp',
      findings: [{ range: [1, 12, 1, 25], messageId: 'range', message: 'EXPOSE 8000-9000/udp declares a whole port range; expose the one service or health port the image needs.' }],
    },
    {
      name: 'debugger and Docker API ports',
      code: 'FROM node:22-slim\nexpose 3000 9229/tcp\nEXPOSE 2375',
      findings: [
        { range: [1, 12, 1, 20], messageId: 'debug', message: 'Port 9229 (usually Node.js inspector) is exposed in the final image; debuggers and administration interfaces do not belong in a production image.' },
        { range: [2, 7, 2, 11], messageId: 'debug', message: /^Port 2375 \(usually Docker API, HTTP\)/ },
      ],
    },
    {
      name: 'more than three ports: once, on the fourth, counting the stage it builds on',
      code: 'FROM alpine:3.20 AS base\nEXPOSE 80 443\nFROM base\nEXPOSE 8080 \\\n  9090 53/udp',
      findings: [{ range: [4, 2, 4, 6], messageId: 'many', message: 'The final image exposes 5 ports (80, 443, 8080, 9090, 53/udp); expose only what clients need, ideally the one service or health port.' }],
    },
  ],
});
