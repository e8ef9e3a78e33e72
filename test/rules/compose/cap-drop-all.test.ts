import { capDropAll } from '../../../shared/src/rules/compose/cap-drop-all';
import { ruleTester } from '../../rule-tester';

ruleTester(capDropAll, {
  valid: [
    'services:\n  app:\n    image: a:1\n    cap_drop:\n      - ALL\n',
    'services:\n  app:\n    image: a:1\n    cap_drop: [all]\n',
    'services:\n  app:\n    image: a:1\n    cap_drop: ["CAP_ALL"]\n',
    'services:\n  app:\n    image: a:1\n    cap_drop: ${DROP}\n',
  ],
  invalid: [
    {
      name: 'created',
      code: 'services:\n  app:\n    image: a:1\n    cap_add:\n      - NET_BIND_SERVICE\n',
      findings: [{ range: [1, 2, 1, 5] }],
      output: 'services:\n  app:\n    image: a:1\n    cap_add:\n      - NET_BIND_SERVICE\n    cap_drop:\n      - ALL\n',
    },
    {
      name: 'appended to a partial list',
      code: 'services:\n  app:\n    image: a:1\n    cap_drop: [NET_RAW, MKNOD]\n',
      findings: [{ range: [1, 2, 1, 5] }],
      output: 'services:\n  app:\n    image: a:1\n    cap_drop: [NET_RAW, MKNOD, ALL]\n',
    },
    {
      name: 'inherited partial list: no fix',
      code: 'x-c: &c\n  cap_drop: [NET_RAW]\nservices:\n  app:\n    <<: *c\n    image: a:1\n',
      findings: [{ range: [3, 2, 3, 5] }],
      output: null,
    },
  ],
});
