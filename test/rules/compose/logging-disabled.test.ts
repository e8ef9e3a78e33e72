import { loggingDisabled } from '../../../shared/src/rules/compose/logging-disabled';
import { ruleTester } from '../../rule-tester';

ruleTester(loggingDisabled, {
  valid: ['services:\n  app:\n    image: a:1\n    logging:\n      driver: json-file\n', 'services:\n  app:\n    image: a:1\n'],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    logging:\n      driver: "none"\n  web:\n    image: a:1\n    log_driver: none\n',
      findings: [{ range: [4, 14, 4, 20] }, { range: [7, 16, 7, 20] }],
      output: 'services:\n  app:\n    image: a:1\n  web:\n    image: a:1\n',
    },
    {
      name: 'flow style with options, and a logging setting inherited (no fix there)',
      code: 'x-log: &log\n  logging: {driver: none}\nservices:\n  app: {image: a:1, logging: {driver: none, options: {max-size: 1m}}}\n  web:\n    <<: *log\n    image: w:1\n',
      findings: [{ range: [1, 20, 1, 24] }, { range: [3, 38, 3, 42] }],
      output: 'x-log: &log\n  logging: {driver: none}\nservices:\n  app: {image: a:1}\n  web:\n    <<: *log\n    image: w:1\n',
    },
  ],
});
