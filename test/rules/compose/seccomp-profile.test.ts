import { seccompProfile } from '../../../shared/src/rules/compose/seccomp-profile';
import { ruleTester } from '../../rule-tester';

const OK = 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:./profile.json\n      - apparmor:erp\n      - label:type:erp_t\n      - no-new-privileges:true\n';


ruleTester(seccompProfile, {
  valid: [
    OK,
    { name: 'unconfined is left to compose/seccomp-unconfined', code: 'services:\n  app:\n    image: a:1\n    security_opt: ["seccomp=unconfined"]\n' },
    { name: 'override file', code: 'services:\n  app:\n    environment: {A: b}\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    security_opt: [no-new-privileges:true]\n',
      findings: [{ range: [1, 2, 1, 5], message: /security_opt: seccomp:\.\/seccomp\/app\.json/ }],
    },
  ],
});
