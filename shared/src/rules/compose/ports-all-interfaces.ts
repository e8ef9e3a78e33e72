import { defineYamlRule } from '../../define';
import { cis, eachService, fixOf, rangeOf, owasp, withFix } from './common';
import { BIND_LOCALLY, bindLocallyEdit, openPorts } from './ports';

/** Ports published on every host interface; databases and admin ports have compose/sensitive-port-exposed. */
export const portsAllInterfaces = defineYamlRule({
  id: 'compose/ports-all-interfaces',
  kind: 'compose',
  title: { en: 'Publish ports on a specific interface', de: 'Ports auf einer bestimmten Schnittstelle veröffentlichen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-2.3.2'],
  external: [cis('5.14'), owasp(5)],
  messages: {
    default: {
      en: 'Service "{service}" publishes port {port} on all host interfaces; bind it to the interface that needs it, e.g. "127.0.0.1:{port}".',
      de: 'Service "{service}" veröffentlicht Port {port} auf allen Schnittstellen des Hosts; an die benötigte Schnittstelle binden, z. B. "127.0.0.1:{port}".',
    },
  },
  docs: {
    rationale: {
      en: 'A port without a host address is published on 0.0.0.0 (and ::): every network the host is attached to reaches the service, and Docker\'s iptables rules bypass host firewalls such as ufw.',
      de: 'Ein Port ohne Host-Adresse wird auf 0.0.0.0 (und ::) veröffentlicht: jedes Netz, an dem der Host hängt, erreicht den Service, und die iptables-Regeln von Docker umgehen Host-Firewalls wie ufw.',
    },
    fix: {
      en: 'Prefix the mapping with the address that should reach it: `"127.0.0.1:8080:8080"` for local use, the internal interface\'s address otherwise; or put a reverse proxy in front. The quick-fix binds to 127.0.0.1, which changes who can connect.',
      de: 'Der Zuordnung die Adresse voranstellen, über die der Service erreichbar sein soll: `"127.0.0.1:8080:8080"` für lokale Nutzung, sonst die Adresse der internen Schnittstelle; oder einen Reverse-Proxy vorschalten. Die Schnellkorrektur bindet an 127.0.0.1, was ändert, wer sich verbinden kann.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    ports:\n      - "8080:8080"',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    ports:\n      - "127.0.0.1:8080:8080"',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) =>
      openPorts(service)
        .filter((p) => p.sensitive === undefined)
        .map((p) => withFix({ range: rangeOf(service, p.port.node), args: { service: service.name, port: p.label } }, fixOf(BIND_LOCALLY, bindLocallyEdit(service, p)))),
    );
  },
});
