import { seccompUnconfined } from '../../../shared/src/rules/compose/seccomp-unconfined';
import { ruleTester } from '../../rule-tester';

const OK = 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:./profile.json\n      - apparmor:erp\n      - label:type:erp_t\n      - no-new-privileges:true\n';


ruleTester(seccompUnconfined, {
  valid: [OK],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:unconfined\n      - "seccomp=unconfined" # both spellings\n',
      findings: [{ range: [4, 8, 4, 26], message: /\(seccomp:unconfined\)/ }, { range: [5, 8, 5, 28], message: /\(seccomp=unconfined\)/ }],
      output: 'services:\n  app:\n    image: a:1\n',
    },
    {
      name: 'flow list with other options, two services',
      code: 'services:\n  a: {image: a:1, security_opt: [no-new-privileges:true, seccomp:unconfined]}\n  b: {image: b:1, security_opt: [seccomp=unconfined, label:type:svirt_t]} # b\n',
      findings: [{ range: [1, 57, 1, 75] }, { range: [2, 33, 2, 51] }],
      output: 'services:\n  a: {image: a:1, security_opt: [no-new-privileges:true]}\n  b: {image: b:1, security_opt: [label:type:svirt_t]} # b\n',
    },
  ],
});
