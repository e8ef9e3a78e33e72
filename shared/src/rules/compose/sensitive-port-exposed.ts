import { defineYamlRule } from '../../define';
import { cis, eachService, fixOf, rangeOf, owasp, withFix } from './common';
import { BIND_LOCALLY, bindLocallyEdit, openPorts } from './ports';

/** Database, etcd, SSH and other administrative ports published on every host interface. */
export const sensitivePortExposed = defineYamlRule({
  id: 'compose/sensitive-port-exposed',
  kind: 'compose',
  title: { en: 'Do not expose databases and admin ports on all interfaces', de: 'Datenbanken und Verwaltungsports nicht auf allen Schnittstellen veröffentlichen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.13', 'CSVS-3.12', 'CL-2.3.2'],
  external: [cis('5.14'), cis('5.7'), owasp(5)],
  messages: {
    default: {
      en: 'Service "{service}" publishes {what} (port {port}) on all host interfaces; remove the mapping (services on the same network reach it anyway) or bind it to "127.0.0.1".',
      de: 'Service "{service}" veröffentlicht {what} (Port {port}) auf allen Schnittstellen des Hosts; die Zuordnung entfernen (Services im selben Netz erreichen ihn ohnehin) oder an "127.0.0.1" binden.',
    },
  },
  docs: {
    rationale: {
      en: 'Databases, key-value stores, etcd, the Docker API, SSH and RDP published on 0.0.0.0 are reachable from every network of the host; many ship without authentication by default (CSVS 3.13: only for fully trusted systems; 3.12: no remote administration).',
      de: 'Datenbanken, Key-Value-Speicher, etcd, die Docker-API, SSH und RDP auf 0.0.0.0 sind aus jedem Netz des Hosts erreichbar; viele sind standardmäßig ohne Authentifizierung (CSVS 3.13: nur für vollständig vertrauenswürdige Systeme; 3.12: keine Fernverwaltung).',
    },
    fix: {
      en: 'Remove the `ports:` mapping: other services of the Compose project reach the service over the project network by its name. If the host needs it, bind to `127.0.0.1:` (the quick-fix does that; it changes who can connect).',
      de: 'Die `ports:`-Zuordnung entfernen: andere Services des Compose-Projekts erreichen den Service über das Projektnetz unter seinem Namen. Braucht der Host ihn, an `127.0.0.1:` binden (das tut die Schnellkorrektur; es ändert, wer sich verbinden kann).',
    },
    bad: 'services:\n  db:\n    image: postgres:16.4\n    ports:\n      - "5432:5432"',
    good: 'services:\n  db:\n    image: postgres:16.4\n    ports:\n      - "127.0.0.1:5432:5432"',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) =>
      openPorts(service).flatMap((p) =>
        p.sensitive === undefined ? [] : [withFix({ range: rangeOf(service, p.port.node), args: { service: service.name, port: p.label, what: p.sensitive } }, fixOf(BIND_LOCALLY, bindLocallyEdit(service, p)))],
      ),
    );
  },
});
