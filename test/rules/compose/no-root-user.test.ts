import { noRootUser } from '../../../shared/src/rules/compose/no-root-user';
import { ruleTester } from '../../rule-tester';

ruleTester(noRootUser, {
  valid: [
    'services:\n  app:\n    image: a:1\n    user: "10001:10001"\n',
    'services:\n  app:\n    image: a:1\n    user: app\n',
    'services:\n  app:\n    image: a:1\n    user: ${UID}:${GID}\n',
    'services:\n  app:\n    image: a:1\n    user: "1000:0"\n',
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: a:1\n    user: root\n  b:\n    image: a:1\n    user: "0:0"\n  c: {image: a:1, user: 0}\n',
      findings: [
        { range: [3, 10, 3, 14], message: 'Service "a" runs as root (user: root); set a non-root user, e.g. user: "10001:10001".' },
        { range: [6, 10, 6, 15] },
        { range: [7, 24, 7, 25] },
      ],
      output: 'services:\n  a:\n    image: a:1\n    user: "10001:10001"\n  b:\n    image: a:1\n    user: "10001:10001"\n  c: {image: a:1, user: "10001:10001"}\n',
    },
    {
      name: 'single quotes kept, comment kept, interpolated default',
      code: "services:\n  a:\n    image: a:1\n    user: 'root' # admin\n  b:\n    image: b:1\n    user: ${APP_USER:-root}\n",
      findings: [{ range: [3, 10, 3, 16] }, { range: [6, 10, 6, 27] }],
      output: 'services:\n  a:\n    image: a:1\n    user: \'10001:10001\' # admin\n  b:\n    image: b:1\n    user: ${APP_USER:-root}\n',
    },
  ],
});
