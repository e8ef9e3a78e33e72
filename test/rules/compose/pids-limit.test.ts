import { pidsLimit } from '../../../shared/src/rules/compose/pids-limit';
import { ruleTester } from '../../rule-tester';

ruleTester(pidsLimit, {
  valid: [
    'services:\n  app:\n    image: a:1\n    pids_limit: 200\n',
    'services:\n  app:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          pids: 100\n',
    'services:\n  app:\n    image: a:1\n    pids_limit: ${PIDS:-100}\n',
    { name: 'extends', code: 'services:\n  base:\n    image: a:1\n    pids_limit: 50\n  app:\n    extends:\n      service: base\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    build:\n      context: .\n',
      findings: [{ range: [1, 2, 1, 5], messageId: 'missing' }],
      output: 'services:\n  app:\n    build:\n      context: .\n    pids_limit: 1024\n',
    },
    {
      name: 'unlimited values',
      code: 'services:\n  app:\n    image: a:1\n    pids_limit: -1\n  web:\n    image: a:1\n    deploy: {resources: {limits: {pids: 0}}}\n',
      findings: [
        { range: [3, 16, 3, 18], messageId: 'unlimited', message: /unlimited process count \(-1\)/ },
        { range: [6, 40, 6, 41], messageId: 'unlimited' },
      ],
      output: null,
    },
    {
      name: 'CRLF line breaks are kept',
      code: 'services:\r\n  app:\r\n    image: a:1\r\n',
      findings: [{ range: [1, 2, 1, 5] }],
      output: 'services:\r\n  app:\r\n    image: a:1\r\n    pids_limit: 1024\r\n',
    },
  ],
});
