import { defineYamlRule } from '../../define';
import { lookup, truthy } from '../../parse/compose';
import { cis, eachService, fixOf, owasp, ownValue, replaceOwnScalar, withFix } from './common';

/** `privileged: true` gives the container every capability and all host devices. */
export const privileged = defineYamlRule({
  id: 'compose/privileged',
  kind: 'compose',
  title: { en: 'Do not run privileged containers', de: 'Keine privilegierten Container betreiben' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-2.2.4', 'OTC-C3'],
  external: [cis('5.5'), owasp(3)],
  messages: {
    default: {
      en: 'Service "{service}" runs privileged: it gets every capability and all host devices; remove privileged and grant only the capabilities or devices it needs.',
      de: 'Service "{service}" läuft privilegiert: er erhält alle Capabilities und alle Host-Geräte; privileged entfernen und nur die nötigen Capabilities oder Geräte gewähren.',
    },
  },
  docs: {
    rationale: {
      en: 'A privileged container has all capabilities, no seccomp or AppArmor confinement and access to every host device; root in it is root on the host.',
      de: 'Ein privilegierter Container hat alle Capabilities, keine seccomp- oder AppArmor-Beschränkung und Zugriff auf jedes Host-Gerät; root darin ist root auf dem Host.',
    },
    fix: {
      en: 'Remove `privileged: true`. Grant what the service really needs with `cap_add:` and `devices:`. The quick-fix sets `privileged: false`; it can stop a service that relies on it (e.g. Docker-in-Docker), so grant what it needs before.',
      de: '`privileged: true` entfernen. Was der Service wirklich braucht, mit `cap_add:` und `devices:` gewähren. Die Schnellkorrektur setzt `privileged: false`; das kann einen darauf angewiesenen Service (z. B. Docker-in-Docker) stoppen, also vorher gewähren, was er braucht.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    privileged: true',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    cap_drop: [ALL]',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const entry = lookup(service, 'privileged');
      if (!entry || truthy(entry.value) !== true) return [];
      const fix = ownValue(entry) ? fixOf({ en: 'Set privileged: false', de: 'privileged: false setzen' }, replaceOwnScalar(service, ownValue(entry)!, 'false')) : undefined;
      return [withFix({ range: service.document.rangeOf(entry.pair), args: { service: service.name } }, fix)];
    });
  },
});
