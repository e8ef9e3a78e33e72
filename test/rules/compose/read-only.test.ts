import { readOnly } from '../../../shared/src/rules/compose/read-only';
import { ruleTester } from '../../rule-tester';

ruleTester(readOnly, {
  valid: [
    'services:\n  app:\n    image: a:1\n    read_only: true\n',
    'services:\n  app: {image: a:1, read_only: "true"}\n',
    { name: 'interpolated value is not judged', code: 'services:\n  app:\n    image: a:1\n    read_only: ${RO:-true}\n' },
    { name: 'merged from an anchor', code: 'x-ro: &ro\n  read_only: true\nservices:\n  app:\n    <<: *ro\n    build: .\n' },
    { name: 'override file', code: 'services:\n  app:\n    environment:\n      A: b\n' },
  ],
  invalid: [
    {
      name: 'missing: added after the last key, comment kept',
      code: 'services:\n  app:\n    image: a:1\n    # ports below\n    ports:\n      - "127.0.0.1:80:80"\n',
      findings: [{ range: [1, 2, 1, 5], messageId: 'missing' }],
      output: 'services:\n  app:\n    image: a:1\n    # ports below\n    ports:\n      - "127.0.0.1:80:80"\n    read_only: true\n',
    },
    {
      name: 'false is replaced',
      code: 'services:\n  app:\n    image: a:1\n    read_only: false # for now\n',
      findings: [{ range: [3, 15, 3, 20], messageId: 'disabled' }],
      output: 'services:\n  app:\n    image: a:1\n    read_only: true # for now\n',
    },
    {
      name: 'flow style service',
      code: 'services:\n  app: {image: a:1}\n',
      findings: [{ range: [1, 2, 1, 5] }],
      output: 'services:\n  app: {image: a:1, read_only: true}\n',
    },
    {
      name: 'false inherited from an anchor: the service gets its own key',
      code: 'x-rw: &rw\n  read_only: false\nservices:\n  app:\n    <<: *rw\n    image: a:1\n',
      findings: [{ range: [1, 13, 1, 18], messageId: 'disabled' }],
      output: 'x-rw: &rw\n  read_only: false\nservices:\n  app:\n    <<: *rw\n    image: a:1\n    read_only: true\n',
    },
    {
      name: 'alias service is not edited',
      code: 'x-svc: &svc\n  image: a:1\nservices:\n  app: *svc\n',
      findings: [{ range: [3, 2, 3, 5] }],
      output: null,
    },
  ],
});
