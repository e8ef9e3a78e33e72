import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { networkPolicyDefaultDeny } from '../../../shared/src/rules/kubernetes/network-policy-default-deny';
import { runWorkspace, type Brief } from './workspace-helpers';

const deployment = (name: string, namespace = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers: [{name: a, image: "a:1"}]\n`;

const policy = (spec: string, namespace = ''): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np${namespace ? `\n  namespace: ${namespace}` : ''}\nspec:\n${spec}`;

const DENY_ALL = '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';
const namespace = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name} # team shop\n`;

const MESSAGE = (ns: string): string =>
  `Namespace "${ns}" has workloads but no default-deny NetworkPolicy (podSelector: {}, policyTypes [Ingress, Egress], no rules); connections that no policy allows are not blocked.`;

const cases: readonly { name: string; files: Record<string, string>; expected: Brief[] }[] = [
  { name: 'valid: one default-deny policy for both directions (across files)', files: { 'api.yaml': deployment('api'), 'np.yaml': policy(DENY_ALL) }, expected: [] },
  {
    name: 'valid: separate ingress and egress deny policies; missing podSelector and empty rule lists count as empty',
    files: { 'api.yaml': deployment('api', 'shop'), 'np.yaml': policy('  policyTypes: [Ingress]\n  ingress: []\n', 'shop') + '---\n' + policy('  podSelector: {matchLabels: {}}\n  policyTypes: [Egress]\n', 'shop') },
    expected: [],
  },
  {
    name: 'valid (dont-fire): no workloads; host-network pods and PodTemplates; a Namespace without workloads',
    files: {
      'p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  hostNetwork: true\n  containers: [{name: a}]\n',
      't.yaml': 'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n    containers: [{name: a}]\n',
      'ns.yaml': namespace('empty'),
      'Dockerfile': 'FROM alpine:3.20\n',
      'compose.yaml': 'services:\n  a:\n    image: a\n',
    },
    expected: [],
  },
  {
    name: 'invalid: no policy at all, reported on the first workload of the namespace (default when unset)',
    files: { 'api.yaml': deployment('api'), 'web.yaml': deployment('web') },
    expected: [{ uri: 'api.yaml', range: [3, 8, 3, 11], message: MESSAGE('default') }],
  },
  {
    name: 'invalid: reported on the Namespace object when scanned; allow rules, a label selector or another namespace do not deny',
    files: {
      'api.yaml': deployment('api', 'shop'),
      'np.yaml': policy('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  ingress: [{}]\n  egress: [{to: [{namespaceSelector: {}}]}]\n', 'shop')
        + '---\n' + policy('  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Ingress, Egress]\n', 'shop')
        + '---\n' + policy(DENY_ALL, 'other'),
      'z-ns.yaml': namespace('shop'),
    },
    expected: [{ uri: 'z-ns.yaml', range: [3, 8, 3, 12], message: MESSAGE('shop') }],
  },
  {
    name: 'invalid: ingress denied only (policyTypes defaults to Ingress without egress rules)',
    files: { 'api.yaml': deployment('api'), 'np.yaml': policy('  podSelector: {}\n') },
    expected: [{ uri: 'api.yaml', range: [3, 8, 3, 11], message: 'Namespace "default" denies incoming traffic by default but not outgoing traffic; add Egress to the policyTypes of its default-deny NetworkPolicy so that outgoing connections need an explicit allow too.' }],
  },
  {
    name: 'invalid: egress denied only; one finding per namespace',
    files: { 'a.yaml': deployment('api', 'a') + '---\n' + deployment('web', 'b'), 'np.yaml': policy('  podSelector: {}\n  policyTypes: [Egress]\n', 'a') + '---\n' + policy(DENY_ALL, 'b') },
    expected: [{ uri: 'a.yaml', range: [3, 8, 3, 11], message: 'Namespace "a" denies outgoing traffic by default but not incoming traffic; add Ingress to the policyTypes of its default-deny NetworkPolicy so that incoming connections need an explicit allow too.' }],
  },
  {
    name: 'invalid: wrong types where maps and lists belong deny nothing and do not crash',
    files: { 'api.yaml': deployment('api'), 'np.yaml': policy('  podSelector: [1]\n  policyTypes: Ingress\n') + '---\n' + 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: 3\n' },
    expected: [{ uri: 'api.yaml', range: [3, 8, 3, 11], message: MESSAGE('default') }],
  },
];

describe('k8s/network-policy-default-deny', () => {
  for (const c of cases) it(c.name, () => assert.deepEqual(runWorkspace(networkPolicyDefaultDeny, c.files), c.expected));
  it('German messages are filled', () => {
    for (const m of Object.values(networkPolicyDefaultDeny.messages)) assert.ok(m.de.includes('{namespace}'));
  });
});
