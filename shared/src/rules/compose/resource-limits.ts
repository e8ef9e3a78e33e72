import { defineYamlRule } from '../../define';
import { resourceLimits } from '../../parse/compose-settings';
import { cis, eachService, owasp } from './common';

/** Every service needs a memory and a CPU limit (`mem_limit`, `cpus` or `deploy.resources.limits`). */
export const resourceLimitsRule = defineYamlRule({
  id: 'compose/resource-limits',
  kind: 'compose',
  title: { en: 'Limit memory and CPU', de: 'Speicher und CPU begrenzen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-2.2.3', 'CSC-2.2.1'],
  external: [cis('5.11'), cis('5.12'), owasp(7)],
  messages: {
    both: {
      en: 'Service "{service}" has no memory and no CPU limit; set mem_limit and cpus (or deploy.resources.limits).',
      de: 'Service "{service}" hat weder Speicher- noch CPU-Grenze; mem_limit und cpus (oder deploy.resources.limits) setzen.',
    },
    memory: {
      en: 'Service "{service}" has no memory limit; set mem_limit (or deploy.resources.limits.memory).',
      de: 'Service "{service}" hat keine Speichergrenze; mem_limit (oder deploy.resources.limits.memory) setzen.',
    },
    cpu: {
      en: 'Service "{service}" has no CPU limit; set cpus (or deploy.resources.limits.cpus).',
      de: 'Service "{service}" hat keine CPU-Grenze; cpus (oder deploy.resources.limits.cpus) setzen.',
    },
  },
  docs: {
    rationale: {
      en: 'Without limits one service (a leak, a runaway query, an attacker) can take all memory and CPU of the host and starve every other container, or get the OOM killer to kill the wrong process.',
      de: 'Ohne Grenzen kann ein Service (ein Leck, eine außer Kontrolle geratene Abfrage, ein Angreifer) den gesamten Speicher und die CPU des Hosts belegen und alle anderen Container aushungern oder den OOM-Killer den falschen Prozess beenden lassen.',
    },
    fix: {
      en: 'Set `mem_limit:` and `cpus:` (or `deploy.resources.limits.memory` / `.cpus`) from the service\'s measured needs plus headroom. No quick-fix: the right values depend on the service.',
      de: '`mem_limit:` und `cpus:` (oder `deploy.resources.limits.memory` / `.cpus`) nach dem gemessenen Bedarf des Service plus Reserve setzen. Keine Schnellkorrektur: die richtigen Werte hängen vom Service ab.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    deploy:\n      resources:\n        limits:\n          cpus: "1.0"\n          memory: 512M',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service) => {
      if (service.partial) return [];
      const { memory, cpu } = resourceLimits(service);
      if (memory && cpu) return [];
      const messageId = !memory && !cpu ? 'both' : !memory ? 'memory' : 'cpu';
      return [{ range: service.nameRange, messageId, args: { service: service.name } }];
    });
  },
});
