import { defineYamlRule } from '../../define';
import { composeVolumes } from '../../parse/compose-settings';
import { scalarString } from '../../parse/yaml';
import { cis, eachService, rangeOf, hostPath, owasp } from './common';
import { ENGINE_SOCKET, sensitiveHostPath } from './support/host-paths';

/** A host directory bind-mounted without `:ro`. */
export const writableBindMount = defineYamlRule({
  id: 'compose/writable-bind-mount',
  kind: 'compose',
  title: { en: 'Mount host directories read-only', de: 'Host-Verzeichnisse schreibgeschützt einhängen' },
  severity: 'info',
  levels: ['L2', 'L3'],
  references: ['POL-2.1.1'],
  external: [cis('5.6'), owasp(8)],
  messages: {
    default: {
      en: 'Service "{service}" bind-mounts the host path {path} read-write; add :ro (or read_only: true) unless the service must write there.',
      de: 'Service "{service}" hängt den Host-Pfad {path} beschreibbar ein; :ro (oder read_only: true) ergänzen, sofern der Service dort nicht schreiben muss.',
    },
  },
  docs: {
    rationale: {
      en: 'A read-write bind mount lets a compromised container change files on the host: source code that is later run, configuration other services read, scripts of the host. Containers should reach only the host files they need, and only for reading where possible. Sensitive host paths and the Docker socket have their own rules (compose/host-path-sensitive, compose/docker-socket).',
      de: 'Ein beschreibbarer Bind-Mount erlaubt einem kompromittierten Container, Dateien auf dem Host zu ändern: Quellcode, der später ausgeführt wird, Konfiguration anderer Services, Skripte des Hosts. Container sollten nur die nötigen Host-Dateien erreichen und, wo möglich, nur lesend. Sensible Host-Pfade und der Docker-Socket haben eigene Regeln (compose/host-path-sensitive, compose/docker-socket).',
    },
    fix: {
      en: 'Append `:ro` to the short syntax or set `read_only: true` in the long syntax; data the service writes belongs in a named volume. No quick-fix: only you know whether the service writes there.',
      de: '`:ro` an die Kurzschreibweise anhängen oder `read_only: true` in der Langform setzen; Daten, die der Service schreibt, gehören in ein benanntes Volume. Keine Schnellkorrektur: nur Sie wissen, ob der Service dort schreibt.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    volumes:\n      - ./config:/app/config',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    volumes:\n      - ./config:/app/config:ro\n      - app-data:/app/data',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service) =>
      composeVolumes(service).flatMap((v) => {
        if (v.type !== 'bind' || v.readOnly || v.source === undefined) return [];
        // `src:dst${FLAGS}`: the mode comes from a variable and may well be `:ro`.
        if (v.syntax === 'short' && /\$\{?\w+\}?$/.test(scalarString(v.node)?.trim() ?? '')) return [];
        const path = hostPath(v.source);
        if (sensitiveHostPath(v) !== undefined || (path !== undefined && ENGINE_SOCKET.test(path))) return [];
        return [{ range: rangeOf(service, v.node), args: { service: service.name, path: v.source.trim() } }];
      }),
    );
  },
});
