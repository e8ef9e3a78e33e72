import { defineYamlRule } from '../../define';
import { securityOpts } from '../../parse/compose';
import { eachService, owasp } from './common';

/** CSVS 3.4: every service should run under a seccomp profile written for it, not only Docker's default. */
export const seccompProfile = defineYamlRule({
  id: 'compose/seccomp-profile',
  kind: 'compose',
  title: { en: 'Apply a seccomp profile tailored to the service', de: 'Ein auf den Service zugeschnittenes seccomp-Profil anwenden' },
  severity: 'info',
  levels: ['L3'],
  references: ['CSVS-3.4', 'POL-3.1.1'],
  external: [owasp(6)],
  messages: {
    default: {
      en: 'Service "{service}" runs with Docker\'s default seccomp profile; CSVS 3.4 asks for a profile based on the service\'s needs (security_opt: seccomp:./seccomp/{service}.json).',
      de: 'Service "{service}" läuft mit dem seccomp-Standardprofil von Docker; CSVS 3.4 verlangt ein Profil nach den Anforderungen des Service (security_opt: seccomp:./seccomp/{service}.json).',
    },
  },
  docs: {
    rationale: {
      en: 'Docker\'s default profile blocks about 50 dangerous system calls but allows some 300 others that most services never use. A profile derived from what the service actually calls (recorded e.g. with an OCI seccomp recorder or strace) shrinks the kernel attack surface further (CSVS 3.4, level 3). `seccomp:unconfined` is reported by compose/seccomp-unconfined.',
      de: 'Das Standardprofil von Docker blockiert etwa 50 gefährliche Systemaufrufe, erlaubt aber rund 300 weitere, die die meisten Services nie nutzen. Ein Profil, das aus den tatsächlichen Aufrufen des Service abgeleitet ist (aufgezeichnet z. B. mit einem OCI-seccomp-Recorder oder strace), verkleinert die Angriffsfläche des Kernels weiter (CSVS 3.4, Stufe 3). `seccomp:unconfined` meldet compose/seccomp-unconfined.',
    },
    fix: {
      en: 'Record the system calls of the service, write a profile that allows only those and reference it with `security_opt: [seccomp:./seccomp/<service>.json]`.',
      de: 'Die Systemaufrufe des Service aufzeichnen, ein Profil schreiben, das nur diese erlaubt, und es mit `security_opt: [seccomp:./seccomp/<service>.json]` einbinden.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    security_opt:\n      - seccomp:./seccomp/app.json',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service) => {
      if (service.partial || securityOpts(service).some((o) => o.option === 'seccomp')) return [];
      return [{ range: service.nameRange, args: { service: service.name } }];
    });
  },
});
