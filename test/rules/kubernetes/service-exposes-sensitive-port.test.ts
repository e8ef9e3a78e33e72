import { serviceExposesSensitivePort } from '../../../shared/src/rules/kubernetes/service-exposes-sensitive-port';
import { ruleTester } from '../../rule-tester';

ruleTester(serviceExposesSensitivePort, {
  valid: [
    'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ClusterIP\n  ports: [{port: 5432}]\n',
    { name: 'dont-fire: a public web port', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: LoadBalancer\n  ports: [{port: 443, targetPort: 8443}]\n' },
  ],
  invalid: [
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
