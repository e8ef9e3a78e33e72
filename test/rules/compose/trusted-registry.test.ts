import { trustedRegistry } from '../../../shared/src/rules/compose/trusted-registry';
import { ruleTester } from '../../rule-tester';

const config = { trustedRegistries: ['registry.example.com', 'docker.io/library'] };

ruleTester(trustedRegistry, {
  valid: [
    { name: 'no list configured: the rule is silent', code: 'services:\n  a:\n    image: quay.io/x/y:1\n' },
    { code: 'services:\n  a:\n    image: registry.example.com/erp/app:1.2\n  b:\n    image: postgres:16\n  c:\n    image: ${IMAGE}\n  d:\n    build: .\n    image: local/app:dev\n', options: { config } },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: "quay.io/prometheus/node-exporter:v1.8"\n  b: {image: bitnami/redis:7.4}\n',
      options: { config },
      findings: [
        { range: [2, 12, 2, 49], message: 'Service "a" pulls quay.io/prometheus/node-exporter:v1.8 from quay.io, which is not among the trusted registries; use a mirror in a trusted registry or add it to trustedRegistries in .bollwerk.yaml.' },
        { range: [3, 13, 3, 30], message: /bitnami\/redis:7\.4 from docker\.io/ },
      ],
    },
  ],
});
