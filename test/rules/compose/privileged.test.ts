import { privileged } from '../../../shared/src/rules/compose/privileged';
import { ruleTester } from '../../rule-tester';

ruleTester(privileged, {
  valid: ['services:\n  app:\n    image: a:1\n    privileged: false\n', 'services:\n  app:\n    image: a:1\n', 'services:\n  app:\n    image: a:1\n    privileged: ${PRIV}\n'],
  invalid: [
    {
      code: 'services:\n  dind:\n    image: docker:27-dind\n    privileged: true # needed by dind\n',
      findings: [{ range: [3, 4, 3, 20], message: /Service "dind" runs privileged/ }],
      output: 'services:\n  dind:\n    image: docker:27-dind\n    privileged: false # needed by dind\n',
    },
    {
      name: 'string and flow forms, merged anchor',
      code: 'x-p: &p\n  privileged: "yes"\nservices:\n  a: {image: a:1, privileged: True}\n  b:\n    <<: *p\n    image: b:1\n',
      findings: [{ range: [1, 2, 1, 19] }, { range: [3, 18, 3, 34] }],
      output: 'x-p: &p\n  privileged: "yes"\nservices:\n  a: {image: a:1, privileged: false}\n  b:\n    <<: *p\n    image: b:1\n',
    },
    {
      name: 'compose-go reads y and n in any case, quoted or not',
      code: 'services:\n  a: {image: a:1, privileged: Y}\n  b: {image: b:1, privileged: "y"}\n  c: {image: c:1, privileged: N}\n',
      findings: [{ range: [1, 18, 1, 31] }, { range: [2, 18, 2, 33] }],
      output: 'services:\n  a: {image: a:1, privileged: false}\n  b: {image: b:1, privileged: "false"}\n  c: {image: c:1, privileged: N}\n',
    },
  ],
});

ruleTester(privileged, {
  valid: ['services:\n  app:\n    image: a:1\n'],
  invalid: [
    {
      name: 'a setting inherited by several services from one anchor is reported once',
      code: 'services:\n  base: &base\n    image: a:1\n    privileged: true\n  worker:\n    <<: *base\n  cron:\n    <<: *base\n',
      findings: [{ range: [3, 4, 3, 20], message: /Service "base"/ }],
      output: 'services:\n  base: &base\n    image: a:1\n    privileged: false\n  worker:\n    <<: *base\n  cron:\n    <<: *base\n',
    },
  ],
});
