import { defineYamlRule } from '../../define';
import { listItems, lookup } from '../../parse/compose';
import { cis, eachService, fixOf, owasp, appendInService, withFix } from './common';

const TITLE = { en: 'Add cap_drop: [ALL]', de: 'cap_drop: [ALL] ergänzen' };

/** Services should drop every capability (`cap_drop: [ALL]`) and add back only what they need. */
export const capDropAll = defineYamlRule({
  id: 'compose/cap-drop-all',
  kind: 'compose',
  title: { en: 'Drop all capabilities', de: 'Alle Capabilities entziehen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-2.1.3', 'OTC-C3'],
  external: [cis('5.4'), owasp(3)],
  messages: {
    default: {
      en: 'Service "{service}" keeps Docker\'s default capabilities; add cap_drop: [ALL] and cap_add only what it needs.',
      de: 'Service "{service}" behält die Standard-Capabilities von Docker; cap_drop: [ALL] ergänzen und mit cap_add nur das Nötige hinzufügen.',
    },
  },
  docs: {
    rationale: {
      en: 'Docker grants 14 capabilities by default (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW …). Most services need none of them; each one kept widens what an attacker can do inside the container.',
      de: 'Docker gewährt standardmäßig 14 Capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW …). Die meisten Services brauchen keine davon; jede verbleibende erweitert, was ein Angreifer im Container tun kann.',
    },
    fix: {
      en: 'Add `cap_drop: [ALL]` (quick-fix) and list in `cap_add:` only the capabilities the service needs (e.g. NET_BIND_SERVICE); entrypoints that switch users need SETUID/SETGID.',
      de: '`cap_drop: [ALL]` ergänzen (Schnellkorrektur) und in `cap_add:` nur die benötigten Capabilities aufführen (z. B. NET_BIND_SERVICE); Entrypoints, die den Benutzer wechseln, brauchen SETUID/SETGID.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    cap_drop:\n      - ALL',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      if (listItems(service, 'cap_drop').some((c) => /^(CAP_)?ALL$/i.test(c.text.trim()))) return [];
      const entry = lookup(service, 'cap_drop');
      // `${CAPS}` or other non-list values cannot be judged.
      if (entry && entry.value !== undefined && !('items' in entry.value)) return [];
      if (service.partial) return [];
      const fix = !entry || entry.own ? fixOf(TITLE, appendInService(service, ['cap_drop'], 'ALL')) : undefined;
      return [withFix({ range: service.nameRange, args: { service: service.name } }, fix)];
    });
  },
});
