import { noNewPrivileges } from '../../../shared/src/rules/compose/no-new-privileges';
import { ruleTester } from '../../rule-tester';

ruleTester(noNewPrivileges, {
  valid: [
    'services:\n  app:\n    image: a:1\n    security_opt:\n      - no-new-privileges:true\n',
    'services:\n  app:\n    image: a:1\n    security_opt: ["no-new-privileges=true"]\n',
    'services:\n  app:\n    image: a:1\n    security_opt:\n      - no-new-privileges\n',
    { name: 'inherited through a merge key', code: 'x-hardening: &hardening\n  security_opt:\n    - no-new-privileges:true\nservices:\n  app:\n    <<: *hardening\n    image: a:1\n' },
    { name: 'extends a service of the same file', code: 'services:\n  base:\n    image: a:1\n    security_opt: [no-new-privileges:true]\n  app:\n    extends: base\n' },
    { name: 'override file: neither image nor build', code: 'services:\n  app:\n    ports:\n      - "127.0.0.1:80:80"\n' },
    { name: 'extends from another file', code: 'services:\n  app:\n    extends:\n      file: common.yml\n      service: app\n' },
    'services: 3\n',
    'services:\n  app:\n',
  ],
  invalid: [
    {
      name: 'creates security_opt, keeping comments',
      code: 'services:\n  app: # the ERP\n    image: a:1 # pinned later\n  db:\n    image: postgres:16\n    security_opt:\n      - no-new-privileges:true\n',
      findings: [{ range: [1, 2, 1, 5], messageId: 'missing', message: /Service "app" does not set/ }],
      output: 'services:\n  app: # the ERP\n    image: a:1 # pinned later\n    security_opt:\n      - no-new-privileges:true\n  db:\n    image: postgres:16\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'appends to an existing block list',
      code: 'services:\n  app:\n    security_opt:\n      - seccomp=./profile.json\n    build: .\n',
      findings: [{ range: [1, 2, 1, 5] }],
      output: 'services:\n  app:\n    security_opt:\n      - seccomp=./profile.json\n      - no-new-privileges:true\n    build: .\n',
    },
    {
      name: 'fills an empty security_opt',
      code: 'services:\n  app:\n    image: a:1\n    security_opt: # hardening\n',
      findings: [{ range: [1, 2, 1, 5] }],
      // yaml-edit fills the value in before the trailing comment, which then follows the new item.
      output: 'services:\n  app:\n    image: a:1\n    security_opt:\n      - no-new-privileges:true # hardening\n',
    },
    {
      name: 'appends to a flow list',
      code: 'services:\n  app:\n    image: a:1\n    security_opt: [apparmor=erp]\n',
      findings: [{ range: [1, 2, 1, 5] }],
      output: 'services:\n  app:\n    image: a:1\n    security_opt: [apparmor=erp, no-new-privileges:true]\n',
    },
    {
      name: 'flow-style service',
      code: 'services:\n  app: {image: "a:1"}\n',
      findings: [{ range: [1, 2, 1, 5] }],
      output: 'services:\n  app: {image: "a:1", security_opt: [no-new-privileges:true]}\n',
    },
    {
      name: ':false and =false are findings; the value is switched to true, quotes kept',
      code: 'services:\n  app:\n    image: a:1\n    security_opt:\n      - "no-new-privileges:false"\n  web:\n    image: b:1\n    security_opt: [no-new-privileges=false]\n',
      findings: [{ range: [4, 8, 4, 33], messageId: 'disabled' }, { range: [7, 19, 7, 42], messageId: 'disabled' }],
      output: 'services:\n  app:\n    image: a:1\n    security_opt:\n      - "no-new-privileges:true"\n  web:\n    image: b:1\n    security_opt: [no-new-privileges=true]\n',
    },
    {
      name: 'a list inherited from an anchor is not edited',
      code: 'x-opts: &opts\n  security_opt:\n    - label=type:erp_t\nservices:\n  app:\n    <<: *opts\n    image: a:1\n',
      findings: [{ range: [4, 2, 4, 5] }],
      output: null,
    },
    {
      name: 'suppressed above the service',
      code: 'services:\n  # bollwerk-ignore compose/no-new-privileges -- sudo needed by the legacy agent\n  legacy:\n    image: a:1\n  app:\n    image: a:1\n    security_opt: []\n',
      findings: [{ range: [4, 2, 4, 5] }],
      output: 'services:\n  # bollwerk-ignore compose/no-new-privileges -- sudo needed by the legacy agent\n  legacy:\n    image: a:1\n  app:\n    image: a:1\n    security_opt: [no-new-privileges:true]\n',
    },
  ],
});
