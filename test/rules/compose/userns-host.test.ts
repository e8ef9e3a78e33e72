import { usernsHost } from '../../../shared/src/rules/compose/userns-host';
import { ruleTester } from '../../rule-tester';

ruleTester(usernsHost, {
  valid: ['services:\n  app:\n    image: a:1\n'],
  invalid: [{ code: 'services:\n  app:\n    image: a:1\n    userns_mode: "host"\n', findings: [{ range: [3, 4, 3, 23] }] }],
});
