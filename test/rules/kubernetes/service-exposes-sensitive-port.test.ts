import { serviceExposesSensitivePort } from '../../../shared/src/rules/kubernetes/service-exposes-sensitive-port';
import { ruleTester } from '../../rule-tester';

ruleTester(serviceExposesSensitivePort, {
  valid: [
    'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ClusterIP\n  ports: [{port: 5432}]\n',
    { name: 'dont-fire: a public web port', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: LoadBalancer\n  ports: [{port: 443, targetPort: 8443}]\n' },
    ...[
      'networking.gke.io/load-balancer-type: "Internal"',
      'cloud.google.com/load-balancer-type: internal',
      'service.beta.kubernetes.io/aws-load-balancer-internal: "true"',
      'service.beta.kubernetes.io/aws-load-balancer-internal: 0.0.0.0/0',
      'service.beta.kubernetes.io/aws-load-balancer-scheme: internal',
      'service.beta.kubernetes.io/azure-load-balancer-internal: "true"',
      'service.beta.kubernetes.io/openstack-internal-load-balancer: "true"',
      'service.beta.kubernetes.io/oci-load-balancer-internal: "true"',
      'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type: private',
      'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type: intranet',
      'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid: subnet-3k9s0a1b',
    ].map((annotation) => ({
      name: `dont-fire: internal load balancer (${annotation.split(':')[0]})`,
      code: `apiVersion: v1\nkind: Service\nmetadata:\n  name: postgres\n  annotations:\n    ${annotation}\nspec:\n  type: LoadBalancer\n  ports: [{port: 5432}]\n`,
    })),
  ],
  invalid: [
    {
      name: 'an internal annotation set to false, a NodePort with an internal annotation, an unknown annotation',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "false"}\nspec: {type: LoadBalancer, ports: [{port: 5432}]}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: cache\n  annotations: {networking.gke.io/load-balancer-type: Internal}\nspec: {type: NodePort, ports: [{port: 6379}]}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: es\n  annotations: {example.com/internal: "true"}\nspec: {type: LoadBalancer, ports: [{port: 9200}]}\n',
      findings: [{ range: [5, 42, 5, 46] }, { range: [12, 38, 12, 42] }, { range: [19, 42, 19, 46] }],
    },
    {
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 5432 # psql\n  - {port: 80, targetPort: 6379}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: kubernetes-dashboard}\nspec: {type: NodePort, ports: [{port: 443}]}\n',
      findings: [
        { range: [6, 10, 6, 14], message: /publishes PostgreSQL port 5432/ },
        { range: [7, 11, 7, 13], message: /publishes Redis port 80/ },
        { range: [12, 13, 12, 21], message: /publishes a dashboard/ },
      ],
    },
  ],
});
