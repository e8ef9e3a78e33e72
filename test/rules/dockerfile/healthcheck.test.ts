import { healthcheck } from '../../../shared/src/rules/dockerfile/healthcheck';
import { ruleTester } from '../../rule-tester';

ruleTester(healthcheck, {
  valid: [
    'FROM nginx:1.27-alpine\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1',
    { name: 'explicitly disabled', code: 'FROM nginx:1.27-alpine\nHEALTHCHECK NONE' },
    { name: 'inherited from an earlier stage', code: 'FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\nFROM base\nCMD ["sh"]' },
    'ARG X=1',
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html',
      findings: [{ range: [0, 0, 0, 22], message: /no HEALTHCHECK/ }],
    },
    {
      name: 'a HEALTHCHECK in an unrelated stage does not count',
      code: 'FROM alpine:3.20 AS test\nHEALTHCHECK CMD true\nFROM alpine:3.20 AS final\nCMD ["sh"]',
      findings: [{ range: [2, 0, 2, 25] }],
    },
  ],
});
