import { defineYamlRule } from '../../define';
import { authDisablingSwitch } from '../../parse/auth-switches';
import { lookup } from '../../parse/compose';
import { composeEnvironment } from '../../parse/compose-settings';
import { scalarString } from '../../parse/yaml';
import { eachService, rangeOf } from './common';
import { openPorts } from './ports';

/** A service published on all host interfaces with an environment switch that turns authentication off. */
export const authDisabled = defineYamlRule({
  id: 'compose/auth-disabled',
  kind: 'compose',
  title: { en: 'Do not switch authentication off on published services', de: 'Authentifizierung bei veröffentlichten Services nicht abschalten' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.13', 'CL-2.3.2', 'OTC-C4'],
  messages: {
    default: {
      en: 'Service "{service}" publishes port {port} on all host interfaces and {name} allows {effect}; anyone who reaches the host gets in. Set a password (from a secret) or bind the port to 127.0.0.1.',
      de: 'Service "{service}" veröffentlicht Port {port} auf allen Schnittstellen des Hosts, und {name} erlaubt {effect}; jeder, der den Host erreicht, kommt hinein. Ein Passwort (aus einem Secret) setzen oder den Port an 127.0.0.1 binden.',
    },
  },
  docs: {
    rationale: {
      en: 'Images offer switches for local development that turn authentication off (ALLOW_EMPTY_PASSWORD, POSTGRES_HOST_AUTH_METHOD=trust, MYSQL_ALLOW_EMPTY_PASSWORD, NEO4J_AUTH=none, xpack.security.enabled=false …). On a port published on every interface of the host, the service is open to the network; databases found that way are wiped or held to ransom within hours. Services reached only over the Compose network or on 127.0.0.1 are not reported, nor Bitnami\'s ALLOW_EMPTY_PASSWORD on clients of a database (wordpress and the like), which concerns their database connection.',
      de: 'Images bieten für die lokale Entwicklung Schalter, die die Authentifizierung abschalten (ALLOW_EMPTY_PASSWORD, POSTGRES_HOST_AUTH_METHOD=trust, MYSQL_ALLOW_EMPTY_PASSWORD, NEO4J_AUTH=none, xpack.security.enabled=false …). Auf einem Port, der auf allen Schnittstellen des Hosts veröffentlicht ist, steht der Service dem Netz offen; so gefundene Datenbanken werden binnen Stunden gelöscht oder erpresst. Services, die nur über das Compose-Netz oder auf 127.0.0.1 erreichbar sind, werden nicht gemeldet, ebenso wenig Bitnamis ALLOW_EMPTY_PASSWORD bei Clients einer Datenbank (wordpress und ähnliche), das deren Datenbankverbindung betrifft.',
    },
    fix: {
      en: 'Remove the switch and set a password from a secret (`POSTGRES_PASSWORD_FILE: /run/secrets/db`), or publish the port on `127.0.0.1` only.',
      de: 'Den Schalter entfernen und ein Passwort aus einem Secret setzen (`POSTGRES_PASSWORD_FILE: /run/secrets/db`), oder den Port nur auf `127.0.0.1` veröffentlichen.',
    },
    bad: 'services:\n  db:\n    image: postgres:16.4\n    ports: ["5432:5432"]\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust',
    good: 'services:\n  db:\n    image: postgres:16.4\n    ports: ["127.0.0.1:5432:5432"]\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service) => {
      const open = openPorts(service);
      if (open.length === 0) return [];
      const image = scalarString(lookup(service, 'image')?.value);
      return composeEnvironment(service).flatMap((env) => {
        const effect = env.interpolated ? undefined : authDisablingSwitch(env.name, env.value, image);
        return effect ? [{ range: rangeOf(service, env.node), args: { service: service.name, port: open[0]!.label, name: env.name, effect } }] : [];
      });
    });
  },
});
