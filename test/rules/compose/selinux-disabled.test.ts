import { selinuxDisabled } from '../../../shared/src/rules/compose/selinux-disabled';
import { ruleTester } from '../../rule-tester';

const OK = 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:./profile.json\n      - apparmor:erp\n      - label:type:erp_t\n      - no-new-privileges:true\n';


ruleTester(selinuxDisabled, {
  valid: [OK],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    security_opt:\n      - label:disable\n      - label=disable\n',
      findings: [{ range: [4, 8, 4, 21] }, { range: [5, 8, 5, 21] }],
      output: 'services:\n  app:\n    image: a:1\n',
    },
    {
      name: 'flow list beside other options',
      code: 'services:\n  app: {image: a:1, security_opt: ["label:disable", no-new-privileges]} # x\n',
      findings: [{ range: [1, 35, 1, 50] }],
      output: 'services:\n  app: {image: a:1, security_opt: [no-new-privileges]} # x\n',
    },
  ],
});
