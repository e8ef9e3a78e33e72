import { trustedRegistry } from '../../../shared/src/rules/dockerfile/trusted-registry';
import { ruleTester } from '../../rule-tester';

const trusted = { config: { trustedRegistries: ['registry.example.com', 'docker.io/library', 'ghcr.io/acme'] } };

ruleTester(trustedRegistry, {
  valid: [
    { name: 'no trusted registries configured', code: 'FROM quay.io/x/y:1' },
    { code: 'FROM registry.example.com/team/app:1\nFROM python:3.12-slim\nFROM docker.io/library/node:20\nFROM ghcr.io/acme/tool:2', options: trusted },
    { name: 'variables and stages', code: 'ARG B\nFROM ${B} AS x\nFROM x', options: trusted },
  ],
  invalid: [
    {
      code: 'FROM bitnami/redis:7.2\nFROM ghcr.io/acme-evil/tool:1\nCOPY --from=quay.io/x/y:1 /a /a',
      options: trusted,
      findings: [
        { range: [0, 5, 0, 22], message: /comes from docker\.io, which is not in the trusted registries/ },
        { range: [1, 5, 1, 29], message: /ghcr\.io/ },
        { range: [2, 12, 2, 25], message: /quay\.io/ },
      ],
    },
  ],
});
