import { defineYamlRule } from '../../define';
import { lookup, truthy } from '../../parse/compose';
import { cis, eachService, fixOf, owasp, setInService, withFix } from './common';

const TITLE = { en: 'Set read_only: true', de: 'read_only: true setzen' };

/** The container's root file system should be read-only (`read_only: true`). */
export const readOnly = defineYamlRule({
  id: 'compose/read-only',
  kind: 'compose',
  title: { en: 'Mount the root file system read-only', de: 'Root-Dateisystem schreibgeschützt einhängen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.9', 'CL-2.1.2', 'POL-2.1.2', 'OTC-C3'],
  external: [cis('5.13'), owasp(8)],
  messages: {
    missing: {
      en: 'Service "{service}" has a writable root file system; set read_only: true and mount tmpfs or volumes where it must write.',
      de: 'Service "{service}" hat ein beschreibbares Root-Dateisystem; read_only: true setzen und tmpfs oder Volumes einhängen, wo geschrieben werden muss.',
    },
    disabled: {
      en: 'Service "{service}" sets read_only to false; set it to true and mount tmpfs or volumes where it must write.',
      de: 'Service "{service}" setzt read_only auf false; auf true setzen und tmpfs oder Volumes einhängen, wo geschrieben werden muss.',
    },
  },
  docs: {
    rationale: {
      en: 'A writable root file system lets an attacker who got into the container drop tools, change binaries and persist. With a read-only root only the mounts you declare can be written (CSVS 3.9).',
      de: 'Ein beschreibbares Root-Dateisystem erlaubt es einem Angreifer im Container, Werkzeuge abzulegen, Programme zu ändern und sich festzusetzen. Mit schreibgeschütztem Root sind nur die erklärten Mounts beschreibbar (CSVS 3.9).',
    },
    fix: {
      en: 'Set `read_only: true` (quick-fix) and give the paths the service writes to a `tmpfs:` entry (e.g. `/tmp`) or a volume.',
      de: '`read_only: true` setzen (Schnellkorrektur) und den Pfaden, in die der Service schreibt, einen `tmpfs:`-Eintrag (z. B. `/tmp`) oder ein Volume geben.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    read_only: true\n    tmpfs:\n      - /tmp',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const entry = lookup(service, 'read_only');
      const args = { service: service.name };
      const value = truthy(entry?.value);
      if (value === true) return [];
      if (entry && value === false) {
        return [withFix({ range: service.document.rangeOf(entry.value), messageId: 'disabled', args }, fixOf(TITLE, setInService(service, ['read_only'], 'true')))];
      }
      // `${READ_ONLY}` and other non-boolean text: cannot be decided statically.
      if (entry && entry.value !== undefined) return [];
      if (service.partial) return [];
      return [withFix({ range: service.nameRange, messageId: 'missing', args }, fixOf(TITLE, setInService(service, ['read_only'], 'true')))];
    });
  },
});
