import { dockerSocket } from '../../../shared/src/rules/compose/docker-socket';
import { ruleTester } from '../../rule-tester';

ruleTester(dockerSocket, {
  valid: [
    'services:\n  app:\n    image: a:1\n    volumes:\n      - ./data:/data\n      - docker-data:/var/lib/docker\n',
    'services:\n  app:\n    image: a:1\n    volumes:\n      - type: volume\n        source: sock\n        target: /var/run/docker.sock\n',
  ],
  invalid: [
    {
      name: 'short syntax, read-write and read-only',
      code: 'services:\n  agent:\n    image: a:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - "/run/docker.sock:/var/run/docker.sock:ro"\n',
      findings: [
        { range: [4, 8, 4, 49], messageId: 'default', message: /mounts the container engine socket \/var\/run\/docker\.sock: whoever/ },
        { range: [5, 8, 5, 50], messageId: 'readOnly', message: /read-only; :ro does not make the API read-only/ },
      ],
    },
    {
      name: 'long syntax, variable with default, podman socket',
      code: 'services:\n  agent:\n    image: a:1\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n      - ${DOCKER_SOCK:-/var/run/docker.sock}:/sock\n      - /run/user/1000/podman/podman.sock:/sock2\n',
      findings: [{ range: [4, 8, 7, 23], messageId: 'readOnly' }, { range: [8, 8, 8, 50], messageId: 'default' }, { range: [9, 8, 9, 48] }],
    },
  ],
});
