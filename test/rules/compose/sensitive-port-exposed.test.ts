import { sensitivePortExposed } from '../../../shared/src/rules/compose/sensitive-port-exposed';
import { ruleTester } from '../../rule-tester';

ruleTester(sensitivePortExposed, {
  valid: ['services:\n  db:\n    image: a:1\n    ports:\n      - "127.0.0.1:5432:5432"\n      - "8080:8080"\n'],
  invalid: [
    {
      code: 'services:\n  db:\n    image: a:1\n    ports:\n      - "15432:5432"\n      - 6379\n      - ":::2222:22"\n  etcd: {image: e:1, ports: ["0.0.0.0:2379-2380:2379-2380"]}\n',
      findings: [
        { range: [4, 8, 4, 20], message: 'Service "db" publishes PostgreSQL 5432 (port 15432:5432) on all host interfaces; remove the mapping (services on the same network reach it anyway) or bind it to "127.0.0.1".' },
        { range: [5, 8, 5, 12], message: /Redis 6379/ },
        { range: [6, 8, 6, 20], message: /SSH 22 \(port 2222:22\)/ },
        { range: [7, 29, 7, 58], message: /etcd 2379/ },
      ],
      output: 'services:\n  db:\n    image: a:1\n    ports:\n      - "127.0.0.1:15432:5432"\n      - "127.0.0.1::6379"\n      - "127.0.0.1:2222:22"\n  etcd: {image: e:1, ports: ["127.0.0.1:2379-2380:2379-2380"]}\n',
    },
  ],
});
