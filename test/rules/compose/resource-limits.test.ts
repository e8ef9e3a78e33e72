import { resourceLimitsRule } from '../../../shared/src/rules/compose/resource-limits';
import { ruleTester } from '../../rule-tester';

ruleTester(resourceLimitsRule, {
  valid: [
    'services:\n  app:\n    image: a:1\n    mem_limit: 512m\n    cpus: 0.5\n',
    'services:\n  app:\n    image: a:1\n    deploy:\n      resources:\n        limits: {cpus: "1", memory: 1G}\n',
    { name: 'limits from an anchor', code: 'x-lim: &lim\n  deploy:\n    resources:\n      limits:\n        cpus: "1"\n        memory: 1G\nservices:\n  app:\n    <<: *lim\n    image: a:1\n' },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: a:1\n  b:\n    image: a:1\n    mem_limit: 1g\n  c:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          cpus: "2"\n        reservations:\n          memory: 1G\n',
      findings: [
        { range: [1, 2, 1, 3], messageId: 'both' },
        { range: [3, 2, 3, 3], messageId: 'cpu' },
        { range: [6, 2, 6, 3], messageId: 'memory', message: 'Service "c" has no memory limit; set mem_limit (or deploy.resources.limits.memory).' },
      ],
      output: 'services:\n  a:\n    image: a:1\n    mem_limit: 512m\n    cpus: 1.0\n  b:\n    image: a:1\n    mem_limit: 1g\n    cpus: 1.0\n  c:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          cpus: "2"\n          memory: 512M\n        reservations:\n          memory: 1G\n',
    },
    {
      name: 'flow style service, comment kept',
      code: 'services:\n  a: {image: a:1} # tiny\n  b: {image: b:1, cpus: 0.5}\n',
      findings: [{ range: [1, 2, 1, 3] }, { range: [2, 2, 2, 3] }],
      output: 'services:\n  a: {image: a:1, mem_limit: 512m, cpus: 1.0} # tiny\n  b: {image: b:1, cpus: 0.5, mem_limit: 512m}\n',
    },
  ],
});
