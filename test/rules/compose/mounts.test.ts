import { hostPathSensitive } from '../../../shared/src/rules/compose/host-path-sensitive';
import { writableBindMount } from '../../../shared/src/rules/compose/writable-bind-mount';
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

ruleTester(writableBindMount, {
  valid: [
    'services:\n  app:\n    image: a:1\n    volumes:\n      - ./config:/config:ro\n      - data:/data\n      - /cache\n      - type: bind\n        source: ./x\n        target: /x\n        read_only: true\n',
    { name: 'mode from a variable', code: 'services:\n  app:\n    image: a:1\n    volumes:\n      - ${SRC}:/app${FLAG}\n' },
    { name: 'sensitive paths and the socket are left to their rules', code: 'services:\n  app:\n    image: a:1\n    volumes:\n      - /etc:/etc\n      - /var/run/docker.sock:/var/run/docker.sock\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    volumes:\n      - ./src:/app/src:cached # live reload\n      - $PWD/logs:/logs:rw\n      - C:\\data:/data\n',
      findings: [
        { range: [4, 8, 4, 29], message: 'Service "app" bind-mounts the host path ./src read-write; add :ro (or read_only: true) unless the service must write there.' },
        { range: [5, 8, 5, 26] },
        { range: [6, 8, 6, 21], message: /C:\\data/ },
      ],
    },
  ],
});
