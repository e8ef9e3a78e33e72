import { dangerousCapAdd } from '../../../shared/src/rules/compose/dangerous-cap-add';
import { ruleTester } from '../../rule-tester';

ruleTester(dangerousCapAdd, {
  valid: [
    'services:\n  app:\n    image: a:1\n    cap_add:\n      - NET_BIND_SERVICE\n      - CHOWN\n',
    'services:\n  app:\n    image: a:1\n    cap_drop: [SYS_ADMIN]\n',
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: a:1\n    cap_add:\n      - SYS_ADMIN # fuse\n      - NET_BIND_SERVICE\n      - cap_sys_ptrace\n',
      findings: [
        { range: [4, 8, 4, 17], message: 'Service "app" adds capability SYS_ADMIN (mount, namespaces, most of root); remove it or grant a narrower one.' },
        { range: [6, 8, 6, 22], message: /SYS_PTRACE/ },
      ],
      output: 'services:\n  app:\n    image: a:1\n    cap_add:\n      - NET_BIND_SERVICE\n',
    },
    {
      name: 'flow list and ALL',
      code: 'services:\n  vpn: {image: v:1, cap_add: [NET_ADMIN, "ALL"]}\n',
      findings: [{ range: [1, 30, 1, 39], message: /NET_ADMIN/ }, { range: [1, 41, 1, 46], message: /ALL \(every capability\)/ }],
      output: 'services:\n  vpn: {image: v:1}\n',
    },
  ],
});
