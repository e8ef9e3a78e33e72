import { hostPathSensitive } from '../../../shared/src/rules/compose/host-path-sensitive';
import { ruleTester } from '../../rule-tester';

ruleTester(hostPathSensitive, {
  valid: [
    'services:\n  app:\n    image: a:1\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ./config:/config\n      - data:/var/lib/data\n      - /var/run/docker.sock:/var/run/docker.sock\n      - /home/me/project:/src\n',
    { name: 'named volume called etc', code: 'services:\n  app:\n    image: a:1\n    volumes:\n      - etc:/etc\n' },
  ],
  invalid: [
    {
      code: 'services:\n  node-exporter:\n    image: a:1\n    volumes:\n      - /:/host:ro,rslave\n      - /proc:/host/proc\n      - "~/.ssh:/root/.ssh"\n      - type: bind\n        source: /etc\n        target: /host/etc\n',
      findings: [
        { range: [4, 8, 4, 25], messageId: 'readOnly', message: 'Service "node-exporter" mounts the sensitive host path / (read-only); it still exposes host secrets and state. Mount only the files it needs.' },
        { range: [5, 8, 5, 24], messageId: 'writable', message: /sensitive host path \/proc writable/ },
        { range: [6, 8, 6, 27], messageId: 'writable', message: /~\/\.ssh/ },
        { range: [7, 8, 9, 25], messageId: 'writable', message: /\/etc writable/ },
      ],
    },
  ],
});
