import { defineYamlRule } from '../../define';
import { lookup, securityOpts, truthyText } from '../../parse/compose';
import { isScalar } from '../../parse/yaml';
import { appendInService, cis, eachService, fixOf, owasp, replaceScalar, withFix } from './common';

const TITLE = { en: 'Add security_opt no-new-privileges:true', de: 'security_opt no-new-privileges:true ergänzen' };

/** `security_opt` must hold `no-new-privileges:true` (or `=true`): setuid binaries then gain nothing. */
export const noNewPrivileges = defineYamlRule({
  id: 'compose/no-new-privileges',
  kind: 'compose',
  title: { en: 'Prevent privilege escalation with no-new-privileges', de: 'Rechteausweitung mit no-new-privileges verhindern' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.5', 'POL-2.2.1'],
  external: [cis('5.26'), owasp(4)],
  messages: {
    missing: {
      en: 'Service "{service}" does not set security_opt no-new-privileges:true; processes can gain privileges through setuid binaries.',
      de: 'Service "{service}" setzt security_opt no-new-privileges:true nicht; Prozesse können über setuid-Programme Rechte erlangen.',
    },
    disabled: {
      en: 'Service "{service}" switches no-new-privileges off; set it to true.',
      de: 'Service "{service}" schaltet no-new-privileges ab; auf true setzen.',
    },
  },
  docs: {
    rationale: {
      en: 'Without the no_new_privs bit a process in the container can raise its privileges by running setuid/setgid binaries or file capabilities (CSVS 3.5: no additional privileges at run time). Both spellings `no-new-privileges:true` and `no-new-privileges=true` are accepted.',
      de: 'Ohne das no_new_privs-Bit kann ein Prozess im Container seine Rechte über setuid/setgid-Programme oder Datei-Capabilities erhöhen (CSVS 3.5: keine zusätzlichen Berechtigungen zur Laufzeit). Beide Schreibweisen `no-new-privileges:true` und `no-new-privileges=true` werden erkannt.',
    },
    fix: {
      en: 'Add `no-new-privileges:true` to the service\'s `security_opt` list (the quick-fix creates the list or appends to it).',
      de: '`no-new-privileges:true` in die `security_opt`-Liste des Service aufnehmen (die Schnellkorrektur legt die Liste an oder ergänzt sie).',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    security_opt:\n      - no-new-privileges:true',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const opt = securityOpts(service).find((o) => o.option === 'no-new-privileges');
      const args = { service: service.name };
      if (opt) {
        // `no-new-privileges` alone means true, as in `docker run --security-opt no-new-privileges`.
        if (opt.value === undefined || truthyText(opt.value) !== false) return [];
        const entry = lookup(service, 'security_opt');
        const fix = entry?.own && isScalar(opt.node) ? fixOf(TITLE, replaceScalar(service, opt.node, opt.text.replace(/([:=]\s*)\S+\s*$/, '$1true'))) : undefined;
        return [withFix({ range: service.document.rangeOf(opt.node), messageId: 'disabled', args }, fix)];
      }
      if (service.partial) return [];
      const entry = lookup(service, 'security_opt');
      const fix = !entry || entry.own ? fixOf(TITLE, appendInService(service, ['security_opt'], 'no-new-privileges:true')) : undefined;
      return [withFix({ range: service.nameRange, messageId: 'missing', args }, fix)];
    });
  },
});

