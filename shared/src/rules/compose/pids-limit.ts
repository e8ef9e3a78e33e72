import { defineYamlRule } from '../../define';
import { resourceLimits } from '../../parse/compose-settings';
import { scalarString } from '../../parse/yaml';
import { cis, eachService, fixOf, owasp, setInService, withFix } from './common';

/**
 * The value the quick-fix writes: a ceiling, not a tuned limit. It stops fork bombs while staying
 * above the process/thread counts of ordinary services (JVMs, databases with connection pools).
 */
export const DEFAULT_PIDS_LIMIT = 1024;

const TITLE = { en: `Set pids_limit: ${DEFAULT_PIDS_LIMIT} (tune to the service)`, de: `pids_limit: ${DEFAULT_PIDS_LIMIT} setzen (an den Service anpassen)` };

/** Every service needs a process limit (`pids_limit` or `deploy.resources.limits.pids`). */
export const pidsLimit = defineYamlRule({
  id: 'compose/pids-limit',
  kind: 'compose',
  title: { en: 'Limit the number of processes', de: 'Anzahl der Prozesse begrenzen' },
  severity: 'warning',
  levels: ['L3'],
  references: ['CSVS-3.14', 'CSC-2.2.1'],
  external: [cis('5.29'), owasp(7)],
  messages: {
    missing: {
      en: 'Service "{service}" has no process limit; set pids_limit (or deploy.resources.limits.pids) to stop fork bombs.',
      de: 'Service "{service}" hat keine Prozessgrenze; pids_limit (oder deploy.resources.limits.pids) setzen, um Fork-Bomben zu stoppen.',
    },
    unlimited: {
      en: 'Service "{service}" sets an unlimited process count ({value}); set a positive pids_limit.',
      de: 'Service "{service}" erlaubt unbegrenzt viele Prozesse ({value}); ein positives pids_limit setzen.',
    },
  },
  docs: {
    rationale: {
      en: `Without a PIDs cgroup limit one process can fork until the host runs out of process slots and every container on it fails (CSVS 3.14). The quick-fix writes pids_limit: ${DEFAULT_PIDS_LIMIT}, a generous ceiling that stops fork bombs without starving ordinary services; CSVS asks for a precisely defined value, so replace it with the service's observed peak (docker stats, column PIDS) plus headroom.`,
      de: `Ohne PIDs-cgroup-Grenze kann ein Prozess so lange forken, bis der Host keine Prozessplätze mehr hat und alle Container darauf ausfallen (CSVS 3.14). Die Schnellkorrektur schreibt pids_limit: ${DEFAULT_PIDS_LIMIT}, eine großzügige Obergrenze, die Fork-Bomben stoppt, ohne gewöhnliche Services zu behindern; CSVS verlangt einen genau festgelegten Wert, daher durch den beobachteten Höchstwert des Service (docker stats, Spalte PIDS) plus Reserve ersetzen.`,
    },
    fix: {
      en: 'Set `pids_limit:` to the observed peak plus headroom (or `deploy.resources.limits.pids`).',
      de: '`pids_limit:` auf den beobachteten Höchstwert plus Reserve setzen (oder `deploy.resources.limits.pids`).',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    pids_limit: 200',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const { pids } = resourceLimits(service);
      const args = { service: service.name };
      if (pids) {
        const value = scalarString(pids.value) ?? '';
        if (!/^\s*(-\d+|0)\s*$/.test(value)) return [];
        return [{ range: service.document.rangeOf(pids.value), messageId: 'unlimited', args: { ...args, value: value.trim() } }];
      }
      if (service.partial) return [];
      return [withFix({ range: service.nameRange, messageId: 'missing', args }, fixOf(TITLE, setInService(service, ['pids_limit'], String(DEFAULT_PIDS_LIMIT))))];
    });
  },
});
