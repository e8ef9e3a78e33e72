import { writableBindMount } from '../../../shared/src/rules/compose/writable-bind-mount';
import { ruleTester } from '../../rule-tester';

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
      output: 'services:\n  app:\n    image: a:1\n    volumes:\n      - ./src:/app/src:cached,ro # live reload\n      - $PWD/logs:/logs:ro\n      - C:\\data:/data:ro\n',
    },
    {
      name: 'long syntax and flow style; an inherited list is not edited',
      code: 'x-v: &v\n  volumes: [./shared:/shared]\nservices:\n  app:\n    image: a:1\n    volumes:\n      - type: bind # host dir\n        source: ./data\n        target: /data\n  web: {image: w:1, volumes: ["./html:/usr/share/nginx/html:z"]}\n  job:\n    <<: *v\n    image: j:1\n',
      findings: [{ range: [1, 12, 1, 28] }, { range: [6, 8, 8, 21] }, { range: [9, 30, 9, 62] }],
      output: 'x-v: &v\n  volumes: [./shared:/shared]\nservices:\n  app:\n    image: a:1\n    volumes:\n      - type: bind # host dir\n        source: ./data\n        target: /data\n        read_only: true\n  web: {image: w:1, volumes: ["./html:/usr/share/nginx/html:z,ro"]}\n  job:\n    <<: *v\n    image: j:1\n',
    },
  ],
});
