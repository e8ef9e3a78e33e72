import { seccompUnconfined } from '../../../shared/src/rules/compose/seccomp-unconfined';
import { ruleTester } from '../../rule-tester';

const OK = 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:./profile.json\n      - apparmor:erp\n      - label:type:erp_t\n      - no-new-privileges:true\n';


ruleTester(seccompUnconfined, {
  valid: [OK],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:unconfined\n      - "seccomp=unconfined" # both spellings\n',
      findings: [{ range: [4, 8, 4, 26], message: /\(seccomp:unconfined\)/ }, { range: [5, 8, 5, 28], message: /\(seccomp=unconfined\)/ }],
    },
  ],
});
