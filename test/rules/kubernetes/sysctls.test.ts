import { sysctls } from '../../../shared/src/rules/kubernetes/sysctls';
import { ruleTester } from '../../rule-tester';

ruleTester(sysctls, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    sysctls:\n    - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}\n    - name: net.ipv4.tcp_rmem # v1.32\n      value: "4096 87380 16777216"\n  containers: [{name: a}]\n',
    { name: 'dont-fire: no sysctls', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {}\n  containers: [{name: a}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    sysctls:\n    - name: kernel.msgmax\n      value: "65536"\n    - {name: net.core.somaxconn, value: "1024"}\n  containers: [{name: a}]\n',
      findings: [{ range: [6, 12, 6, 25], message: /^sysctl kernel.msgmax/ }, { range: [8, 13, 8, 31] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    sysctls:\n  containers: [{name: a}]\n',
    },
    {
      name: 'block style: the unsafe sysctl goes, the safe one and the comment stay',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    sysctls:\n    # tuned for the proxy\n    - name: net.ipv4.ip_local_port_range\n      value: "1024 65535"\n    - name: net.core.somaxconn\n      value: "1024"\n  containers: [{name: a}]\n',
      findings: [{ range: [10, 12, 10, 30] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    sysctls:\n    # tuned for the proxy\n    - name: net.ipv4.ip_local_port_range\n      value: "1024 65535"\n  containers: [{name: a}]\n',
    },
  ],
});
