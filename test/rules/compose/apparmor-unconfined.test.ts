import { apparmorUnconfined } from '../../../shared/src/rules/compose/apparmor-unconfined';
import { ruleTester } from '../../rule-tester';

const OK = 'services:\n  app:\n    image: a:1\n    security_opt:\n      - seccomp:./profile.json\n      - apparmor:erp\n      - label:type:erp_t\n      - no-new-privileges:true\n';


ruleTester(apparmorUnconfined, {
  valid: [OK],
  invalid: [
    {
      code: 'services:\n  app: {image: a:1, security_opt: [apparmor=unconfined]}\n',
      findings: [{ range: [1, 35, 1, 54] }],
      output: 'services:\n  app: {image: a:1}\n',
    },
    {
      name: 'block list: the option goes, the others and the comment stay; the only option takes its key along',
      code: 'services:\n  app:\n    image: a:1\n    security_opt:\n      # hardening\n      - no-new-privileges:true\n      - apparmor:unconfined\n  web:\n    image: w:1\n    security_opt: ["apparmor=unconfined"]\n',
      findings: [{ range: [6, 8, 6, 27] }, { range: [9, 19, 9, 40] }],
      output: 'services:\n  app:\n    image: a:1\n    security_opt:\n      # hardening\n      - no-new-privileges:true\n  web:\n    image: w:1\n',
    },
  ],
});
