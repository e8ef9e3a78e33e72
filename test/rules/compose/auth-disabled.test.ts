import { authDisabled } from '../../../shared/src/rules/compose/auth-disabled';
import { ruleTester } from '../../rule-tester';

ruleTester(authDisabled, {
  valid: [
    { name: 'not published: only the Compose network reaches it', code: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n' },
    { name: 'published on the loopback address only', code: 'services:\n  db:\n    image: postgres:16.4\n    ports: ["127.0.0.1:5432:5432"]\n    environment: [POSTGRES_HOST_AUTH_METHOD=trust]\n' },
    { name: 'a client of a database: wordpress\'s ALLOW_EMPTY_PASSWORD is about its database connection', code: 'services:\n  wordpress:\n    image: bitnami/wordpress:6\n    ports: ["80:8080"]\n    environment:\n      ALLOW_EMPTY_PASSWORD: "yes"\n' },
    { name: 'switches off, or taken from the host environment', code: 'services:\n  redis:\n    image: bitnami/redis:7.4\n    ports: ["6379:6379"]\n    environment:\n      ALLOW_EMPTY_PASSWORD: "no"\n      POSTGRES_HOST_AUTH_METHOD: ${AUTH_METHOD}\n      NEO4J_AUTH: neo4j/${NEO4J_PASSWORD}\n' },
  ],
  invalid: [
    {
      name: 'map and list forms; MySQL reads any non-empty value as yes',
      code: 'services:\n  db:\n    image: postgres:16.4\n    ports: ["5432:5432"]\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n  mysql:\n    image: mysql:8.4\n    ports: ["0.0.0.0:3306:3306"]\n    environment:\n      - MYSQL_ALLOW_EMPTY_PASSWORD=no\n  es:\n    image: elasticsearch:8.15.0\n    ports: ["9200:9200"]\n    environment: ["discovery.type=single-node", "xpack.security.enabled=false"]\n',
      findings: [
        { range: [5, 6, 5, 31], message: 'Service "db" publishes port 5432:5432 on all host interfaces and POSTGRES_HOST_AUTH_METHOD allows logins without a password (trust); anyone who reaches the host gets in. Set a password (from a secret) or bind the port to 127.0.0.1.' },
        { range: [10, 8, 10, 37] },
        { range: [14, 48, 14, 78], message: /xpack\.security\.enabled allows no authentication/ },
      ],
    },
  ],
});
