import { restartUnbounded } from '../../../shared/src/rules/compose/restart-unbounded';
import { ruleTester } from '../../rule-tester';

ruleTester(restartUnbounded, {
  valid: [
    'services:\n  app:\n    image: a:1\n    restart: on-failure:5\n',
    'services:\n  app:\n    image: a:1\n    restart: "no"\n',
    'services:\n  app:\n    image: a:1\n    restart: always\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 3\n',
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    restart: always\n  web: {image: a:1, restart: unless-stopped}\n',
      findings: [{ range: [3, 13, 3, 19], message: /restart: always/ }, { range: [4, 29, 4, 43], message: /unless-stopped/ }],
      output: 'services:\n  app:\n    image: a:1\n    restart: on-failure:5\n  web: {image: a:1, restart: on-failure:5}\n',
    },
    {
      name: 'quoted value and comment kept; an alias value is not edited',
      code: 'x-r: &r always\nservices:\n  app:\n    image: a:1\n    restart: "always" # keep it up\n  web:\n    image: w:1\n    restart: *r\n',
      findings: [{ range: [0, 8, 0, 14] }, { range: [4, 13, 4, 21] }],
      output: 'x-r: &r always\nservices:\n  app:\n    image: a:1\n    restart: "on-failure:5" # keep it up\n  web:\n    image: w:1\n    restart: *r\n',
    },
  ],
});
