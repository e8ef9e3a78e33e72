import { selinux } from '../../../shared/src/rules/kubernetes/selinux';
import { ruleTester } from '../../rule-tester';

ruleTester(selinux, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seLinuxOptions: {type: container_t, level: "s0:c123,c456"}\n  containers: [{name: a, image: a:1, securityContext: {seLinuxOptions: {}}}]\n',
    { name: 'dont-fire: empty user and role', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      seLinuxOptions:\n        user: ""\n        role: ""\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers:\n  - name: a\n    securityContext:\n      seLinuxOptions: {user: system_u, role: sysadm_r}\n',
      findings: [{ range: [6, 12, 6, 17], message: /seLinuxOptions.type "spc_t"/ }, { range: [10, 29, 10, 37] }, { range: [10, 45, 10, 53] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seLinuxOptions:\n  containers:\n  - name: a\n    securityContext:\n      seLinuxOptions: {}\n',
    },
    {
      name: 'the allowed level stays; a flow map keeps its other keys',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      seLinuxOptions:\n        level: "s0:c123,c456" # MCS\n        type: unconfined_t\n  - name: b\n    securityContext: {seLinuxOptions: {role: r, level: s0, user: u}}\n',
      findings: [{ range: [9, 14, 9, 26] }, { range: [11, 45, 11, 46] }, { range: [11, 65, 11, 66] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      seLinuxOptions:\n        level: "s0:c123,c456" # MCS\n  - name: b\n    securityContext: {seLinuxOptions: {level: s0}}\n',
    },
  ],
});
