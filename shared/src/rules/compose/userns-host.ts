import { defineYamlRule } from '../../define';
import { lookup } from '../../parse/compose';
import { scalarString } from '../../parse/yaml';
import { cis, eachService, fixOf, owasp, removeInService, withFix } from './common';

/** `userns_mode: host` opts the container out of the daemon's user-namespace remapping. */
export const usernsHost = defineYamlRule({
  id: 'compose/userns-host',
  kind: 'compose',
  title: { en: 'Do not share the host user namespace', de: 'Den User-Namespace des Hosts nicht teilen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.2'],
  external: [cis('5.31'), owasp(11)],
  messages: {
    default: {
      en: 'Service "{service}" uses the host user namespace (userns_mode: host): root in the container is root on the host. Remove userns_mode.',
      de: 'Service "{service}" verwendet den User-Namespace des Hosts (userns_mode: host): root im Container ist root auf dem Host. userns_mode entfernen.',
    },
  },
  docs: {
    rationale: {
      en: 'With user-namespace remapping (dockerd --userns-remap) UID 0 in a container maps to an unprivileged host UID (CSVS 3.2). `userns_mode: host` turns this off for the service.',
      de: 'Mit User-Namespace-Remapping (dockerd --userns-remap) wird UID 0 im Container auf eine unprivilegierte Host-UID abgebildet (CSVS 3.2). `userns_mode: host` schaltet das für den Service ab.',
    },
    fix: {
      en: 'Remove `userns_mode: host` and enable userns-remap (or rootless Docker) on the host.',
      de: '`userns_mode: host` entfernen und userns-remap (oder Docker im Rootless-Modus) auf dem Host aktivieren.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    userns_mode: host',
    good: 'services:\n  app:\n    image: erp/app:1.4.2',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const entry = lookup(service, 'userns_mode');
      if (scalarString(entry?.value)?.trim().toLowerCase() !== 'host') return [];
      const fix = fixOf({ en: 'Remove userns_mode: host', de: 'userns_mode: host entfernen' }, removeInService(service, 'userns_mode'));
      return [withFix({ range: service.document.rangeOf(entry!.pair), args: { service: service.name } }, fix)];
    });
  },
});
