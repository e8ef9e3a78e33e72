import { hostNamespaces } from '../../../shared/src/rules/compose/host-namespaces';
import { ruleTester } from '../../rule-tester';

ruleTester(hostNamespaces, {
  valid: ['services:\n  app:\n    image: a:1\n    network_mode: bridge\n    pid: "service:db"\n    ipc: shareable\n'],
  invalid: [
    {
      code: 'services:\n  mon:\n    image: a:1\n    network_mode: host\n    pid: "host"\n    ipc: host\n    uts: host\n',
      findings: [
        { range: [3, 4, 3, 22], message: 'Service "mon" shares the host\'s network namespace (network_mode: host); remove it and publish ports or use networks instead.' },
        { range: [4, 4, 4, 15], message: /process namespace \(pid: host\)/ },
        { range: [5, 4, 5, 13] },
        { range: [6, 4, 6, 13] },
      ],
      output: 'services:\n  mon:\n    image: a:1\n',
    },
    {
      name: 'flow style and a comment; a setting inherited from an anchor is not edited for one service',
      code: 'x-net: &net\n  network_mode: host\nservices:\n  a: {image: a:1, pid: host, restart: "no"}\n  b:\n    <<: *net\n    image: b:1 # keep\n',
      findings: [{ range: [1, 2, 1, 20] }, { range: [3, 18, 3, 27] }],
      output: 'x-net: &net\n  network_mode: host\nservices:\n  a: {image: a:1, restart: "no"}\n  b:\n    <<: *net\n    image: b:1 # keep\n',
    },
  ],
});
