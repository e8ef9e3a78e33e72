import { apparmorUnconfined } from '../../../shared/src/rules/compose/apparmor-unconfined';
import { ruleTester } from '../../rule-tester';

const OK = 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:./profile.json\n      - apparmor:erp\n      - label:type:erp_t\n      - no-new-privileges:true\n';


ruleTester(apparmorUnconfined, {
  valid: [OK],
  invalid: [{ code: 'services:\n  app: {image: a:1, security_opt: [apparmor=unconfined]}\n', findings: [{ range: [1, 35, 1, 54] }] }],
});
