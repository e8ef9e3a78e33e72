import { privilegedPorts } from '../../../shared/src/rules/kubernetes/privileged-ports';
import { ruleTester } from '../../rule-tester';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n';

ruleTester(privilegedPorts, {
  valid: [
    `${POD}  containers: [{name: a, image: "a:1", ports: [{containerPort: 8080}, {containerPort: 1024}]}]\n`,
    { name: 'dont-fire: a Service offering port 80 to clients', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n' },
    { name: 'dont-fire: a named port and port 0', code: `${POD}  containers: [{name: a, image: "a:1", ports: [{containerPort: "\${PORT}"}, {containerPort: 0}]}]\n` },
  ],
  invalid: [
    {
      name: 'ports 80 and 443 of a container, port 53 of an init container',
      code: `${POD}  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    - {containerPort: 443, protocol: TCP}\n  initContainers: [{name: dns, image: "d:1", ports: [{containerPort: 53}]}]\n`,
      findings: [{ range: [8, 21, 8, 23], message: /Container "web" listens on port 80, below 1024/ }, { range: [9, 22, 9, 25] }, { range: [10, 69, 10, 71] }],
      output: null,
    },
  ],
});
