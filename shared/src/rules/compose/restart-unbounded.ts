import { defineYamlRule } from '../../define';
import { lookup, lookupPath } from '../../parse/compose';
import { scalarString } from '../../parse/yaml';
import { cis, eachService, fixOf, owasp, ownValue, replaceOwnScalar, withFix } from './common';

/** `restart: always` / `unless-stopped` restart a crashing service forever. */
export const restartUnbounded = defineYamlRule({
  id: 'compose/restart-unbounded',
  kind: 'compose',
  title: { en: 'Bound the number of restarts', de: 'Anzahl der Neustarts begrenzen' },
  severity: 'info',
  levels: ['L2', 'L3'],
  references: ['CL-2.2.3', 'CSC-2.2.1'],
  external: [cis('5.15'), owasp(7)],
  messages: {
    default: {
      en: 'Service "{service}" restarts without bound (restart: {policy}); use restart: on-failure:5 or deploy.restart_policy with max_attempts.',
      de: 'Service "{service}" startet unbegrenzt neu (restart: {policy}); restart: on-failure:5 oder deploy.restart_policy mit max_attempts verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'A service that crashes and is restarted for ever hides the failure, can be used for denial of service (every restart re-runs initialisation) and keeps retrying an exploit. A bounded policy stops after a few attempts and leaves a visible failed container.',
      de: 'Ein Service, der abstürzt und endlos neu gestartet wird, verdeckt den Fehler, kann für Denial of Service genutzt werden (jeder Neustart wiederholt die Initialisierung) und wiederholt einen Exploit immer wieder. Eine begrenzte Richtlinie hört nach wenigen Versuchen auf und hinterlässt einen sichtbar gescheiterten Container.',
    },
    fix: {
      en: 'Use `restart: on-failure:5`, or `deploy.restart_policy` with `condition: on-failure` and `max_attempts: 5`. The quick-fix sets `restart: on-failure:5`; mind that `always` also restarts after a daemon restart and after a clean exit, which `on-failure` does not.',
      de: '`restart: on-failure:5` oder `deploy.restart_policy` mit `condition: on-failure` und `max_attempts: 5` verwenden. Die Schnellkorrektur setzt `restart: on-failure:5`; dabei beachten, dass `always` auch nach einem Neustart des Daemons und nach einem regulären Ende neu startet, `on-failure` nicht.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    restart: always',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    restart: on-failure:5',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const entry = lookup(service, 'restart');
      const policy = scalarString(entry?.value)?.trim().toLowerCase();
      if (!entry || (policy !== 'always' && policy !== 'unless-stopped')) return [];
      if (scalarString(lookupPath(service, ['deploy', 'restart_policy', 'max_attempts'])?.value) !== undefined) return [];
      // on-failure:5 restarts a crashing service five times, then leaves it stopped (CIS 5.15).
      const fix = ownValue(entry) ? fixOf({ en: 'Set restart: on-failure:5', de: 'restart: on-failure:5 setzen' }, replaceOwnScalar(service, ownValue(entry)!, 'on-failure:5')) : undefined;
      return [withFix({ range: service.document.rangeOf(entry.value), args: { service: service.name, policy } }, fix)];
    });
  },
});
