import { defineYamlRule } from '../../define';
import type { ComposeService } from '../../parse/compose';
import { composeVolumes, splitShortVolume, type VolumeMount } from '../../parse/compose-settings';
import { isMap, scalarString } from '../../parse/yaml';
import type { TextEdit } from '../../types';
import { setIn } from '../../yaml-edit';
import { cis, eachService, fixOf, rangeOf, hostPath, owasp, ownList, replaceOwnScalar, withFix } from './common';
import { ENGINE_SOCKET, sensitiveHostPath } from './support/host-paths';

/**
 * Makes a mount of the service's own volumes list read-only: `:ro` added to the short syntax's
 * modes (replacing `rw`), `read_only: true` in the long syntax.
 */
export function readOnlyEdit(service: ComposeService, v: VolumeMount): TextEdit[] | undefined {
  if (!ownList(service, 'volumes')?.items.includes(v.node)) return undefined;
  if (v.syntax === 'long') return isMap(v.node) ? setIn(service.document, service.file.lines, v.node, ['read_only'], 'true') : undefined;
  const parts = splitShortVolume(scalarString(v.node)?.trim() ?? '');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const modes = (parts[2] ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '' && m.toLowerCase() !== 'rw');
  return replaceOwnScalar(service, v.node, `${parts[0]}:${parts[1]}:${[...modes, 'ro'].join(',')}`);
}

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
      en: 'Append `:ro` to the short syntax or set `read_only: true` in the long syntax; data the service writes belongs in a named volume. The quick-fix mounts it read-only; check first that the service does not write there.',
      de: '`:ro` an die Kurzschreibweise anhängen oder `read_only: true` in der Langform setzen; Daten, die der Service schreibt, gehören in ein benanntes Volume. Die Schnellkorrektur hängt schreibgeschützt ein; vorher prüfen, dass der Service dort nicht schreibt.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    volumes:\n      - ./config:/app/config',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    volumes:\n      - ./config:/app/config:ro\n      - app-data:/app/data',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) =>
      composeVolumes(service).flatMap((v) => {
        if (v.type !== 'bind' || v.readOnly || v.source === undefined) return [];
        // `src:dst${FLAGS}`: the mode comes from a variable and may well be `:ro`.
        if (v.syntax === 'short' && /\$\{?\w+\}?$/.test(scalarString(v.node)?.trim() ?? '')) return [];
        const path = hostPath(v.source);
        if (sensitiveHostPath(v) !== undefined || (path !== undefined && ENGINE_SOCKET.test(path))) return [];
        const fix = fixOf({ en: 'Mount it read-only', de: 'Schreibgeschützt einhängen' }, readOnlyEdit(service, v));
        return [withFix({ range: rangeOf(service, v.node), args: { service: service.name, path: v.source.trim() } }, fix)];
      }),
    );
  },
});
