import { capabilitiesBaseline } from '../../../shared/src/rules/kubernetes/capabilities-baseline';
import { ruleTester } from '../../rule-tester';

ruleTester(capabilitiesBaseline, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [NET_BIND_SERVICE, CHOWN]\n',
    { name: 'dont-fire: dropping is always fine', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {capabilities: {drop: [NET_RAW, SYS_ADMIN]}}}]\n' },
  ],
  invalid: [
    {
      name: 'exact, case-sensitive match without CAP_ prefix',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        add:\n        - NET_ADMIN # vpn\n        - chown\n        - CAP_CHOWN\n        - KILL\n',
      findings: [{ range: [9, 10, 9, 19], message: /adds capability NET_ADMIN/ }, { range: [10, 10, 10, 15] }, { range: [11, 10, 11, 19] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        add:\n        - KILL\n',
    },
    {
      name: 'flow style, two containers; an emptied add goes, drop stays',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, securityContext: {capabilities: {add: [SYS_ADMIN, CHOWN, NET_RAW]}}}\n  - {name: b, securityContext: {capabilities: {add: [BPF], drop: [ALL]}}}\n',
      findings: [{ range: [5, 53, 5, 62] }, { range: [5, 71, 5, 78] }, { range: [6, 53, 6, 56] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, securityContext: {capabilities: {add: [CHOWN]}}}\n  - {name: b, securityContext: {capabilities: {drop: [ALL]}}}\n',
    },
  ],
});
