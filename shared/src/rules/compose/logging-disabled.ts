import { defineYamlRule } from '../../define';
import { lookup, lookupPath } from '../../parse/compose';
import { scalarString } from '../../parse/yaml';
import { eachService, owasp } from './common';

/** `logging: driver: none` throws the service's output away. */
export const loggingDisabled = defineYamlRule({
  id: 'compose/logging-disabled',
  kind: 'compose',
  title: { en: 'Do not disable logging', de: 'Protokollierung nicht abschalten' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-5.1.3', 'CSC-4.1.1', 'OTC-C5'],
  external: [owasp(10)],
  messages: {
    default: {
      en: 'Service "{service}" discards its logs (logging driver none); use a logging driver that keeps or forwards them.',
      de: 'Service "{service}" verwirft seine Protokolle (Logging-Treiber none); einen Logging-Treiber verwenden, der sie behält oder weiterleitet.',
    },
  },
  docs: {
    rationale: {
      en: 'Without logs an incident leaves no trace of what the service did; the checklists require container logs to be collected and analysed.',
      de: 'Ohne Protokolle hinterlässt ein Vorfall keine Spur davon, was der Service getan hat; die Checklisten verlangen, dass Container-Protokolle gesammelt und ausgewertet werden.',
    },
    fix: {
      en: 'Remove `driver: none` (Docker then uses the daemon default) or name a driver that forwards to central logging (json-file with rotation, journald, fluentd, gelf …).',
      de: '`driver: none` entfernen (Docker verwendet dann den Daemon-Standard) oder einen Treiber nennen, der an die zentrale Protokollierung weiterleitet (json-file mit Rotation, journald, fluentd, gelf …).',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    logging:\n      driver: none',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service) => {
      const entry = lookupPath(service, ['logging', 'driver']) ?? lookup(service, 'log_driver');
      return scalarString(entry?.value)?.trim().toLowerCase() === 'none' ? [{ range: service.document.rangeOf(entry!.value), args: { service: service.name } }] : [];
    });
  },
});
