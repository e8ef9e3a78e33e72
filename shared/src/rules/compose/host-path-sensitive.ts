import { defineYamlRule } from '../../define';
import { composeVolumes } from '../../parse/compose-settings';
import type { ComposeService } from '../../parse/compose';
import { cis, eachService, rangeOf, owasp } from './common';
import { sensitiveHostPath } from './support/host-paths';

/** Sensitive host directories (/, /etc, /proc, /sys, /var/run, /root, /home …) mounted into a service. */
export const hostPathSensitive = defineYamlRule({
  id: 'compose/host-path-sensitive',
  kind: 'compose',
  title: { en: 'Do not mount sensitive host directories', de: 'Keine sensiblen Host-Verzeichnisse einhängen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['POL-2.1.1'],
  external: [cis('5.6'), owasp(8)],
  messages: {
    writable: {
      en: 'Service "{service}" mounts the sensitive host path {path} writable; a compromised container can change the host through it. Mount only what it needs, read-only.',
      de: 'Service "{service}" hängt den sensiblen Host-Pfad {path} beschreibbar ein; ein kompromittierter Container kann darüber den Host verändern. Nur das Nötige schreibgeschützt einhängen.',
    },
    readOnly: {
      en: 'Service "{service}" mounts the sensitive host path {path} (read-only); it still exposes host secrets and state. Mount only the files it needs.',
      de: 'Service "{service}" hängt den sensiblen Host-Pfad {path} ein (schreibgeschützt); er legt weiter Geheimnisse und Zustand des Hosts offen. Nur die benötigten Dateien einhängen.',
    },
  },
  docs: {
    rationale: {
      en: 'Host directories such as /, /etc, /proc, /sys, /dev, /boot, /root, /home, /var/run or /var/lib/docker hold the host\'s configuration, credentials, devices and runtime state. Mounted writable they are a direct path to host compromise; even read-only they leak secrets (SSH keys, shadow, kubelet credentials).',
      de: 'Host-Verzeichnisse wie /, /etc, /proc, /sys, /dev, /boot, /root, /home, /var/run oder /var/lib/docker enthalten Konfiguration, Zugangsdaten, Geräte und Laufzeitzustand des Hosts. Beschreibbar eingehängt sind sie ein direkter Weg zur Übernahme des Hosts; selbst schreibgeschützt geben sie Geheimnisse preis (SSH-Schlüssel, shadow, Kubelet-Zugangsdaten).',
    },
    fix: {
      en: 'Mount only the specific file or directory the service needs, with `:ro`; for monitoring agents that truly need host views, document the exception with `# bollwerk-ignore compose/host-path-sensitive -- reason`.',
      de: 'Nur die konkret benötigte Datei oder das Verzeichnis mit `:ro` einhängen; für Überwachungsagenten, die wirklich Host-Sicht brauchen, die Ausnahme mit `# bollwerk-ignore compose/host-path-sensitive -- Begründung` dokumentieren.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    volumes:\n      - /etc:/host/etc',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    volumes:\n      - /etc/localtime:/etc/localtime:ro',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service: ComposeService) =>
      composeVolumes(service).flatMap((v) => {
        const path = sensitiveHostPath(v);
        if (path === undefined) return [];
        return [{ range: rangeOf(service, v.node), messageId: v.readOnly ? 'readOnly' : 'writable', args: { service: service.name, path } }];
      }),
    );
  },
});
