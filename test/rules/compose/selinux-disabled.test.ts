import { selinuxDisabled } from '../../../shared/src/rules/compose/selinux-disabled';
import { ruleTester } from '../../rule-tester';

const OK = 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:./profile.json\n      - apparmor:erp\n      - label:type:erp_t\n      - no-new-privileges:true\n';


ruleTester(selinuxDisabled, {
  valid: [OK],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    security_opt:\n      - label:disable\n      - label=disable\n',
      findings: [{ range: [4, 8, 4, 21] }, { range: [5, 8, 5, 21] }],
    },
  ],
});
