import { usernsHost } from '../../../shared/src/rules/compose/userns-host';
import { ruleTester } from '../../rule-tester';

ruleTester(usernsHost, {
  valid: ['services:\n  app:\n    image: a:1\n'],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    userns_mode: "host"\n',
      findings: [{ range: [3, 4, 3, 23] }],
      output: 'services:\n  app:\n    image: a:1\n',
    },
    {
      name: 'flow style, comment kept',
      code: 'services:\n  app: {image: a:1, userns_mode: host, read_only: true} # isolated\n  web:\n    userns_mode: host # legacy\n    image: w:1\n',
      findings: [{ range: [1, 20, 1, 37] }, { range: [3, 4, 3, 21] }],
      output: 'services:\n  app: {image: a:1, read_only: true} # isolated\n  web:\n    image: w:1\n',
    },
  ],
});
