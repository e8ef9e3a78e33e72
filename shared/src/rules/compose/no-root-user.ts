import { defineYamlRule } from '../../define';
import { isRootUser } from '../../facts/root-user';
import { expandVariables, nothingSet } from '../../facts/variables';
import { lookup } from '../../parse/compose';
import { scalarString } from '../../parse/yaml';
import { eachService, fixOf, owasp, ownValue, replaceOwnScalar, withFix } from './common';

/** An explicit `user: root` / `0` / `0:0`. */
export const noRootUser = defineYamlRule({
  id: 'compose/no-root-user',
  kind: 'compose',
  title: { en: 'Do not run the service as root', de: 'Den Service nicht als root ausführen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.1', 'CL-2.1.1', 'CSC-2.1.1'],
  external: [owasp(2)],
  messages: {
    default: {
      en: 'Service "{service}" runs as root (user: {user}); set a non-root user, e.g. user: "10001:10001".',
      de: 'Service "{service}" läuft als root (user: {user}); einen Benutzer ohne root-Rechte setzen, z. B. user: "10001:10001".',
    },
  },
  docs: {
    rationale: {
      en: 'A process running as root inside the container is root for the kernel too (unless user namespaces remap it); any escape or writable host mount then acts as root on the host. CSVS 3.1 allows root only during initialisation. Root is every spelling of UID 0 (`0`, `00`, `+0`, `root` in any case, `root:staff`, `:1000`) and the Windows administrator accounts (`ContainerAdministrator`, `Administrator`); a value with variables counts by what the file sets (`${APP_USER:-root}`).',
      de: 'Ein Prozess, der im Container als root läuft, ist auch für den Kernel root (sofern keine User-Namespaces umsetzen); jeder Ausbruch oder beschreibbare Host-Mount wirkt dann als root auf dem Host. CSVS 3.1 erlaubt root nur während der Initialisierung. Root ist jede Schreibweise der UID 0 (`0`, `00`, `+0`, `root` in beliebiger Schreibung, `root:staff`, `:1000`) und die Administratorkonten von Windows (`ContainerAdministrator`, `Administrator`); ein Wert mit Variablen zählt nach dem, was die Datei setzt (`${APP_USER:-root}`).',
    },
    fix: {
      en: 'Set `user:` to an unprivileged UID:GID that owns the files the service writes (the quick-fix sets `"10001:10001"`; the right UID depends on the image, so check that it can read and write what it needs).',
      de: '`user:` auf eine unprivilegierte UID:GID setzen, der die Dateien gehören, in die der Service schreibt (die Schnellkorrektur setzt `"10001:10001"`; die richtige UID hängt vom Image ab, also prüfen, dass er lesen und schreiben kann, was er braucht).',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    user: root',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    user: "10001:10001"',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const entry = lookup(service, 'user');
      const user = scalarString(entry?.value);
      // an interpolated user is root when its default is (`${APP_USER:-root}`): the value when nothing sets the variable
      const expanded = user === undefined ? undefined : expandVariables(user, 'compose', nothingSet);
      if (!entry || user === undefined || expanded === undefined || !isRootUser(expanded)) return [];
      // 10001: above the UIDs of the host's and the image's system users; quoted, as a Compose user
      // must be a string. An interpolated user is left to whoever sets the variable.
      const fix = ownValue(entry) && expanded === user ? fixOf({ en: 'Set user: "10001:10001"', de: 'user: "10001:10001" setzen' }, replaceOwnScalar(service, ownValue(entry)!, '10001:10001', '"')) : undefined;
      return [withFix({ range: service.document.rangeOf(entry.value), args: { service: service.name, user } }, fix)];
    });
  },
});
