import { podAntiAffinity } from '../../../shared/src/rules/kubernetes/pod-anti-affinity';
import { ruleTester } from '../../rule-tester';

const deployment = (replicas: string, podSpec: string, kind = 'Deployment', api = 'apps/v1'): string =>
  `apiVersion: ${api}\nkind: ${kind}\nmetadata: {name: api}\nspec:\n${replicas}  template:\n    metadata: {labels: {app: api}}\n    spec:\n${podSpec}      containers: [{name: a, image: "a:1"}]\n`;

ruleTester(podAntiAffinity, {
  valid: [
    { name: 'preferred pod anti-affinity', code: deployment('  replicas: 3\n', '      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: api}}}\n') },
    { name: 'topology spread constraints', code: deployment('  replicas: 2\n', '      topologySpreadConstraints:\n      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: api}}}\n', 'StatefulSet') },
    { name: 'dont-fire: replicas unset (1 or managed by an autoscaler)', code: deployment('', '') },
    { name: 'dont-fire: a single replica', code: deployment('  replicas: 1\n', '') },
    { name: 'dont-fire: zero replicas', code: deployment('  replicas: 0\n', '') },
    { name: 'dont-fire: templated replica count', code: deployment('  replicas: "${REPLICAS}"\n', '') },
    { name: 'dont-fire: DaemonSets run one pod per node anyway', code: deployment('  replicas: 3\n', '', 'DaemonSet') },
    { name: 'dont-fire: unknown API group', code: deployment('  replicas: 3\n', '', 'Deployment', 'example.com/v1') },
    { name: 'dont-fire: wrong types where maps belong', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: 3\n  template: [1, 2]\n' },
  ],
  invalid: [
    {
      code: deployment('  replicas: 3 # three zones\n', ''),
      findings: [{ range: [4, 2, 4, 10], message: 'Deployment "api" runs 3 replicas without podAntiAffinity or topologySpreadConstraints; the scheduler may place them all on one node, where one failure or compromise hits every replica.' }],
    },
    {
      name: 'pod affinity alone and an empty podAntiAffinity do not spread',
      code: deployment('  replicas: 2\n', '      affinity:\n        podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: []}\n        podAntiAffinity: {}\n      topologySpreadConstraints: []\n', 'StatefulSet'),
      findings: [{ range: [4, 2, 4, 10], message: /^StatefulSet "api" runs 2 replicas/ }],
    },
    {
      name: 'ReplicaSet and ReplicationController, flow style',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec: {replicas: 5, template: {spec: {containers: [{name: a}]}}}\n---\napiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec: {replicas: 2, template: {spec: {containers: [{name: a}]}}}\n',
      findings: [{ range: [3, 7, 3, 15], message: /^ReplicaSet "rs" runs 5/ }, { range: [8, 7, 8, 15], message: /^ReplicationController "rc" runs 2/ }],
    },
  ],
});
