import { allowPrivilegeEscalation } from '../../../shared/src/rules/kubernetes/allow-privilege-escalation';
import { ruleTester } from '../../rule-tester';

ruleTester(allowPrivilegeEscalation, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {allowPrivilegeEscalation: false}}]\n',
    { name: 'dont-fire: Windows pods are exempt', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: windows}\n  containers: [{name: a}]\n' },
  ],
  invalid: [
    {
      name: 'missing (securityContext created) and explicit true; comments kept',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a # web\n        image: a:1\n      - name: b\n        image: b:1\n        securityContext:\n          allowPrivilegeEscalation: true # sudo\n',
      findings: [{ range: [7, 14, 7, 15], message: /Container "a" does not set/ }, { range: [12, 36, 12, 40], message: /^allowPrivilegeEscalation: true/ }],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a # web\n        image: a:1\n        securityContext:\n          allowPrivilegeEscalation: false\n      - name: b\n        image: b:1\n        securityContext:\n          allowPrivilegeEscalation: false # sudo\n',
    },
    {
      name: 'no fix for a privileged container (the API rejects the combination)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n',
      findings: [{ range: [4, 22, 4, 23], message: /^Container "a" is privileged, which always allows privilege escalation, and the API server rejects allowPrivilegeEscalation: false beside privileged: true; remove privileged: true/ }],
      output: null,
    },
    {
      name: 'privileged with allowPrivilegeEscalation: true: the advice is to drop privileged first',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: agent\n    securityContext: {privileged: true, allowPrivilegeEscalation: true}\n',
      findings: [{ range: [6, 66, 6, 70], message: /^Container "agent" is privileged/ }],
      output: null,
    },
  ],
});
