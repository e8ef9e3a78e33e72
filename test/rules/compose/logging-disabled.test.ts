import { loggingDisabled } from '../../../shared/src/rules/compose/logging-disabled';
import { ruleTester } from '../../rule-tester';

ruleTester(loggingDisabled, {
  valid: ['services:\n  app:\n    image: a:1\n    logging:\n      driver: json-file\n', 'services:\n  app:\n    image: a:1\n'],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    logging:\n      driver: "none"\n  web:\n    image: a:1\n    log_driver: none\n',
      findings: [{ range: [4, 14, 4, 20] }, { range: [7, 16, 7, 20] }],
    },
  ],
});
