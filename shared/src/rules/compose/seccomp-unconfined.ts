import { defineYamlRule } from '../../define';
import { securityOpts } from '../../parse/compose';
import { cis, eachService, fixOf, owasp, removeItemsInService, withFix } from './common';

/** `security_opt: seccomp:unconfined` (or `seccomp=unconfined`) switches the syscall filter off. */
export const seccompUnconfined = defineYamlRule({
  id: 'compose/seccomp-unconfined',
  kind: 'compose',
  title: { en: 'Do not disable seccomp', de: 'seccomp nicht abschalten' },
  severity: 'error',
  levels: ['L3'],
  references: ['CSVS-3.4', 'CL-2.2.1', 'POL-3.1.1'],
  external: [cis('5.22'), owasp(6)],
  messages: {
    default: {
      en: 'Service "{service}" runs without a seccomp filter ({option}); remove it to get Docker\'s default profile, or apply a profile tailored to the service.',
      de: 'Service "{service}" läuft ohne seccomp-Filter ({option}); entfernen, um das Standardprofil von Docker zu erhalten, oder ein auf den Service zugeschnittenes Profil anwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'Seccomp blocks the system calls a container has no business making (kexec_load, open_by_handle_at, keyctl …), many of them kernel-exploit and escape paths. `unconfined` removes that filter (CSVS 3.4 asks for a profile tailored to each container).',
      de: 'Seccomp blockiert Systemaufrufe, die ein Container nicht braucht (kexec_load, open_by_handle_at, keyctl …), viele davon Wege zu Kernel-Exploits und Ausbrüchen. `unconfined` entfernt diesen Filter (CSVS 3.4 verlangt ein auf jeden Container zugeschnittenes Profil).',
    },
    fix: {
      en: 'Remove `seccomp:unconfined`; if a syscall is missing from the default profile, write a profile that adds only that call and reference it with `seccomp:./profile.json`.',
      de: '`seccomp:unconfined` entfernen; fehlt ein Systemaufruf im Standardprofil, ein Profil schreiben, das nur diesen ergänzt, und mit `seccomp:./profile.json` einbinden.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    security_opt:\n      - seccomp:unconfined',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    security_opt:\n      - seccomp:./seccomp/app.json',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const bad = securityOpts(service).filter((o) => o.option === 'seccomp' && o.value?.toLowerCase() === 'unconfined');
      // One fix removes every such option of the service: removals in one flow list would overlap.
      const fix = fixOf({ en: `Remove ${bad.map((o) => o.text.trim()).join(', ')} from security_opt`, de: `${bad.map((o) => o.text.trim()).join(', ')} aus security_opt entfernen` }, bad.length > 0 ? removeItemsInService(service, 'security_opt', bad.map((o) => o.node)) : undefined);
      return bad.map((o) => withFix({ range: service.document.rangeOf(o.node), args: { service: service.name, option: o.text.trim() } }, fix));
    });
  },
});
