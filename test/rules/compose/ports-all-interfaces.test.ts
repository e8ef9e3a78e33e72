import { parseShortPort } from '../../../shared/src/parse/compose-settings';
import { portsAllInterfaces } from '../../../shared/src/rules/compose/ports-all-interfaces';
import { ruleTester } from '../../rule-tester';
import assert from 'node:assert/strict';
import { it } from 'node:test';

it('parses the short port syntax', () => {
  assert.deepEqual(parseShortPort('127.0.0.1:8080:80/udp'), { hostIp: '127.0.0.1', published: '8080', target: '80', protocol: 'udp' });
  assert.deepEqual(parseShortPort('[::1]:8080:80'), { hostIp: '::1', published: '8080', target: '80', protocol: undefined });
  assert.deepEqual(parseShortPort('::1:8080:80'), { hostIp: '::1', published: '8080', target: '80', protocol: undefined });
  assert.deepEqual(parseShortPort('3000-3005'), { hostIp: undefined, published: undefined, target: '3000-3005', protocol: undefined });
});

ruleTester(portsAllInterfaces, {
  valid: [
    'services:\n  app:\n    image: a:1\n    ports:\n      - "127.0.0.1:8080:8080"\n      - "[::1]:8443:8443"\n      - target: 80\n        published: 8081\n        host_ip: 127.0.0.1\n    expose:\n      - "9000"\n',
    { name: 'host address from a variable', code: 'services:\n  app:\n    image: a:1\n    ports:\n      - "${BIND_ADDR}:8080:8080"\n      - "${BIND:-127.0.0.1}:8081:8081"\n' },
    { name: 'sensitive ports are left to compose/sensitive-port-exposed', code: 'services:\n  db:\n    image: a:1\n    ports: ["5432:5432"]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: a:1\n    ports:\n      - "8080:80"\n      - 3000\n      - 0.0.0.0:443:443\n      - "${WEB_PORT:-8081}:80"\n      - target: 80\n        published: "8082"\n      - "${BIND_IP:-0.0.0.0}:8083:80"\n',
      findings: [
        { range: [4, 8, 4, 17], message: 'Service "web" publishes port 8080:80 on all host interfaces; bind it to the interface that needs it, e.g. "127.0.0.1:8080:80".' },
        { range: [5, 8, 5, 12], message: /port 3000 on all/ },
        { range: [6, 8, 6, 23] },
        { range: [7, 8, 7, 30] },
        { range: [8, 8, 9, 25] },
        { range: [10, 8, 10, 37] },
      ],
      output: 'services:\n  web:\n    image: a:1\n    ports:\n      - "127.0.0.1:8080:80"\n      - "127.0.0.1::3000"\n      - "127.0.0.1:443:443"\n      - "127.0.0.1:${WEB_PORT:-8081}:80"\n      - target: 80\n        published: "8082"\n        host_ip: 127.0.0.1\n      - "${BIND_IP:-0.0.0.0}:8083:80"\n',
    },
  ],
});
