import { defineYamlRule } from '../../define';
import { securityOpts } from '../../parse/compose';
import { cis, eachService, fixOf, owasp, removeItemsInService, withFix } from './common';

/** `security_opt: apparmor:unconfined` (or `=unconfined`) removes the AppArmor profile. */
export const apparmorUnconfined = defineYamlRule({
  id: 'compose/apparmor-unconfined',
  kind: 'compose',
  title: { en: 'Do not disable AppArmor', de: 'AppArmor nicht abschalten' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-2.2.2', 'POL-4.1.1'],
  external: [cis('5.2'), owasp(6)],
  messages: {
    default: {
      en: 'Service "{service}" runs without AppArmor ({option}); remove it to get the docker-default profile, or apply a profile written for the service.',
      de: 'Service "{service}" läuft ohne AppArmor ({option}); entfernen, um das Profil docker-default zu erhalten, oder ein für den Service geschriebenes Profil anwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'On AppArmor hosts every container gets the docker-default profile, which denies writes to /proc and /sys and mounts. `apparmor:unconfined` removes this mandatory access control (the policy requires MAC for all containers).',
      de: 'Auf AppArmor-Hosts erhält jeder Container das Profil docker-default, das Schreibzugriffe auf /proc und /sys sowie Mounts verbietet. `apparmor:unconfined` entfernt diese Mandatory Access Control (die Richtlinie verlangt MAC für alle Container).',
    },
    fix: {
      en: 'Remove `apparmor:unconfined`, or load a profile for the service and reference it with `apparmor:<profile-name>`.',
      de: '`apparmor:unconfined` entfernen oder ein Profil für den Service laden und mit `apparmor:<profilname>` einbinden.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    security_opt:\n      - apparmor:unconfined',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    security_opt:\n      - apparmor:erp-app',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const bad = securityOpts(service).filter((o) => o.option === 'apparmor' && o.value?.toLowerCase() === 'unconfined');
      // One fix removes every such option of the service: removals in one flow list would overlap.
      const fix = fixOf({ en: `Remove ${bad.map((o) => o.text.trim()).join(', ')} from security_opt`, de: `${bad.map((o) => o.text.trim()).join(', ')} aus security_opt entfernen` }, bad.length > 0 ? removeItemsInService(service, 'security_opt', bad.map((o) => o.node)) : undefined);
      return bad.map((o) => withFix({ range: service.document.rangeOf(o.node), args: { service: service.name, option: o.text.trim() } }, fix));
    });
  },
});
