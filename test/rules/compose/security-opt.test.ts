import { apparmorUnconfined } from '../../../shared/src/rules/compose/apparmor-unconfined';
import { seccompProfile } from '../../../shared/src/rules/compose/seccomp-profile';
import { seccompUnconfined } from '../../../shared/src/rules/compose/seccomp-unconfined';
import { selinuxDisabled } from '../../../shared/src/rules/compose/selinux-disabled';
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

ruleTester(apparmorUnconfined, {
  valid: [OK],
  invalid: [{ code: 'services:\n  app: {image: a:1, security_opt: [apparmor=unconfined]}\n', findings: [{ range: [1, 35, 1, 54] }] }],
});

ruleTester(selinuxDisabled, {
  valid: [OK],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    security_opt:\n      - label:disable\n      - label=disable\n',
      findings: [{ range: [4, 8, 4, 21] }, { range: [5, 8, 5, 21] }],
    },
  ],
});

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
