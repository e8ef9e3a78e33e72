import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authDisablingSwitch } from '../../../shared/src/parse/auth-switches';
import { authDisabled } from '../../../shared/src/rules/kubernetes/auth-disabled';
import { ruleTester } from '../../rule-tester';

const deployment = (env: string, extra = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db}\nspec:\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers:\n      - name: pg\n        image: postgres:16.4\n        env:\n${env}${extra}`;
const TRUST = '        - {name: POSTGRES_HOST_AUTH_METHOD, value: trust}\n';

ruleTester(authDisabled, {
  valid: [
    { name: 'reached only inside the cluster (ClusterIP)', code: `${deployment(TRUST)}---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {selector: {app: db}, ports: [{port: 5432}]}\n` },
    { name: 'an internal load balancer', code: `${deployment(TRUST)}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  annotations: {networking.gke.io/load-balancer-type: Internal}\nspec: {type: LoadBalancer, selector: {app: db}, ports: [{port: 5432}]}\n` },
    { name: 'a NodePort Service selecting other pods', code: `${deployment(TRUST)}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: NodePort, selector: {app: web}, ports: [{port: 80}]}\n` },
    { name: 'published, but the password comes from a Secret', code: `${deployment('        - name: POSTGRES_PASSWORD\n          valueFrom: {secretKeyRef: {name: db, key: pw}}\n')}---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: NodePort, selector: {app: db}, ports: [{port: 5432}]}\n` },
  ],
  invalid: [
    {
      name: 'selected by a public LoadBalancer Service of the file',
      code: `${deployment(TRUST)}---\napiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: LoadBalancer, selector: {app: db}, ports: [{port: 5432}]}\n`,
      findings: [{ range: [11, 51, 11, 56], message: 'Container "pg" is reachable from outside the cluster (Service db) and POSTGRES_HOST_AUTH_METHOD allows logins without a password (trust); anyone who reaches it gets in. Set a password from a Secret or keep it ClusterIP.' }],
    },
    {
      name: 'a hostPort or the host network',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: r}\nspec:\n  containers:\n  - name: redis\n    image: bitnami/redis:7.4\n    ports: [{containerPort: 6379, hostPort: 6379}]\n    env: [{name: ALLOW_EMPTY_PASSWORD, value: "yes"}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: n}\nspec:\n  hostNetwork: true\n  containers:\n  - {name: neo4j, image: "neo4j:5.23", env: [{name: NEO4J_AUTH, value: none}]}\n',
      findings: [{ range: [8, 46, 8, 51], message: /\(hostPort 6379\) and ALLOW_EMPTY_PASSWORD allows an empty password/ }, { range: [16, 71, 16, 75], message: /\(hostNetwork\) and NEO4J_AUTH allows no authentication/ }],
    },
  ],
});

describe('authDisablingSwitch: one table for Compose and Kubernetes', () => {
  const cases: readonly (readonly [string, string | undefined, boolean, string?])[] = [
    ['ALLOW_EMPTY_PASSWORD', 'yes', true],
    ['ALLOW_EMPTY_PASSWORD', 'no', false],
    ['ALLOW_EMPTY_PASSWORD', '"true"', true],
    ['POSTGRES_HOST_AUTH_METHOD', 'trust', true],
    ['POSTGRES_HOST_AUTH_METHOD', 'scram-sha-256', false],
    ['MYSQL_ALLOW_EMPTY_PASSWORD', 'no', true],
    ['MYSQL_ALLOW_EMPTY_PASSWORD', '', false],
    ['MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', '1', true],
    ['NEO4J_AUTH', 'none', true],
    ['NEO4J_AUTH', 'neo4j/secret', false],
    ['xpack.security.enabled', 'false', true],
    ['DISABLE_SECURITY_PLUGIN', 'true', true],
    ['ALLOW_ANONYMOUS_LOGIN', 'yes', true],
    ['ALLOW_NONE_AUTHENTICATION', 'yes', true],
    ['INFLUXDB_HTTP_AUTH_ENABLED', 'false', true],
    ['POSTGRES_HOST_AUTH_METHOD', '${METHOD}', false],
    ['POSTGRES_HOST_AUTH_METHOD', undefined, false],
    ['allow_empty_password', 'yes', false],
    ['ALLOW_EMPTY_PASSWORD', 'yes', false, 'bitnami/wordpress:6'],
    ['ALLOW_EMPTY_PASSWORD', 'yes', true, 'docker.io/bitnami/postgresql:16'],
    ['ALLOW_EMPTY_PASSWORD', 'yes', false, ''],
    ['POSTGRES_HOST_AUTH_METHOD', 'trust', true, ''],
  ];
  for (const [name, value, disables, image = 'bitnami/redis:7.4'] of cases) {
    it(`${name}=${String(value)} on ${String(image)} → ${disables}`, () => assert.equal(authDisablingSwitch(name, value, image) !== undefined, disables));
  }
});
