import { defineYamlRule } from '../../define';
import { lookup, lookupPath, type ComposeService } from '../../parse/compose';
import { isMap, scalarString } from '../../parse/yaml';
import type { TextEdit } from '../../types';
import { removePair } from '../../yaml-edit';
import { eachService, fixOf, owasp, removeInService, withFix } from './common';

/**
 * Removes `driver: none` (with `logging:` when nothing else is in it) or `log_driver: none`, so the
 * daemon's default logging driver applies again. Options of the none driver go with it.
 */
function restoreDefault(service: ComposeService): TextEdit[] | undefined {
  const logging = lookup(service, 'logging');
  if (logging) {
    if (!logging.own || !isMap(logging.pair.value)) return undefined;
    const map = logging.pair.value;
    const driver = map.items.find((p) => scalarString(p.key) === 'driver');
    if (!driver) return undefined;
    const others = map.items.filter((p) => p !== driver && scalarString(p.key) !== 'options');
    if (others.length > 0) return removePair(service.document, service.file.lines, map, driver);
    return removeInService(service, 'logging');
  }
  return removeInService(service, 'log_driver');
}

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
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const entry = lookupPath(service, ['logging', 'driver']) ?? lookup(service, 'log_driver');
      if (scalarString(entry?.value)?.trim().toLowerCase() !== 'none') return [];
      const fix = fixOf({ en: 'Remove the none driver (the daemon\'s default driver applies)', de: 'Treiber none entfernen (der Standardtreiber des Daemons gilt)' }, restoreDefault(service));
      return [withFix({ range: service.document.rangeOf(entry!.value), args: { service: service.name } }, fix)];
    });
  },
});
