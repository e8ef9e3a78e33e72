import { defineYamlRule } from '../../define';
import { listItems } from '../../parse/compose';
import { cis, eachService, fixOf, owasp, removeItemsInService, withFix } from './common';

/** Capabilities that give a container (near) host-level power, with what each allows (en, de). */
export const DANGEROUS_CAPABILITIES: Readonly<Record<string, readonly [string, string]>> = {
  ALL: ['every capability', 'alle Capabilities'],
  SYS_ADMIN: ['mount, namespaces, most of root', 'Mounts, Namespaces, fast alles von root'],
  NET_ADMIN: ['reconfigure networking and firewalls', 'Netzwerk und Firewall umkonfigurieren'],
  SYS_PTRACE: ['trace and inject into other processes', 'andere Prozesse verfolgen und manipulieren'],
  SYS_MODULE: ['load kernel modules', 'Kernel-Module laden'],
  DAC_READ_SEARCH: ['read any file (open_by_handle_at escapes)', 'jede Datei lesen (Ausbruch über open_by_handle_at)'],
  SYS_RAWIO: ['raw device and port I/O', 'direkter Geräte- und Port-Zugriff'],
  SYS_BOOT: ['reboot the host', 'den Host neu starten'],
  SYS_TIME: ['set the host clock', 'die Uhr des Hosts stellen'],
  MAC_ADMIN: ['change MAC policy', 'MAC-Richtlinien ändern'],
  MAC_OVERRIDE: ['bypass MAC policy', 'MAC-Richtlinien umgehen'],
  BPF: ['load eBPF programs', 'eBPF-Programme laden'],
  PERFMON: ['kernel performance monitoring', 'Kernel-Leistungsüberwachung'],
  NET_RAW: ['raw sockets (spoofing)', 'Raw-Sockets (Spoofing)'],
  SYSLOG: ['read kernel logs and addresses', 'Kernel-Protokolle und -Adressen lesen'],
  LINUX_IMMUTABLE: ['change immutable files', 'unveränderliche Dateien ändern'],
  SETFCAP: ['grant file capabilities', 'Datei-Capabilities vergeben'],
};

/** `cap_add` of capabilities that break container isolation. */
export const dangerousCapAdd = defineYamlRule({
  id: 'compose/dangerous-cap-add',
  kind: 'compose',
  title: { en: 'Do not add dangerous capabilities', de: 'Keine gefährlichen Capabilities hinzufügen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-2.1.3', 'OTC-C3'],
  external: [cis('5.4'), owasp(3)],
  messages: {
    default: {
      en: 'Service "{service}" adds capability {cap} ({what}); remove it or grant a narrower one.',
      de: 'Service "{service}" fügt die Capability {cap} hinzu ({whatDe}); entfernen oder eine engere gewähren.',
    },
  },
  docs: {
    rationale: {
      en: 'Capabilities such as SYS_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH or NET_ADMIN (and ALL) let a process in the container reach the host kernel, other processes or the host network; several are known container-escape paths.',
      de: 'Capabilities wie SYS_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH oder NET_ADMIN (und ALL) geben einem Prozess im Container Zugriff auf den Host-Kernel, andere Prozesse oder das Host-Netz; mehrere sind bekannte Ausbruchswege.',
    },
    fix: {
      en: 'Remove the capability from `cap_add:`; where a feature needs it, isolate that feature in its own service or find a narrower capability.',
      de: 'Die Capability aus `cap_add:` entfernen; braucht eine Funktion sie, diese Funktion in einen eigenen Service auslagern oder eine engere Capability finden.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    cap_add:\n      - SYS_ADMIN',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    cap_drop: [ALL]\n    cap_add:\n      - NET_BIND_SERVICE',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const bad = listItems(service, 'cap_add').flatMap((item) => {
        const cap = item.text.trim().toUpperCase().replace(/^CAP_/, '');
        const what = DANGEROUS_CAPABILITIES[cap];
        return what ? [{ item, cap, what }] : [];
      });
      if (bad.length === 0) return [];
      // One fix removes every such capability of the service: removals in one flow list would overlap.
      const names = bad.map((b) => b.cap).join(', ');
      const fix = fixOf({ en: `Remove ${names} from cap_add`, de: `${names} aus cap_add entfernen` }, removeItemsInService(service, 'cap_add', bad.map((b) => b.item.node)));
      return bad.map(({ item, cap, what }) => withFix({ range: service.document.rangeOf(item.node), args: { service: service.name, cap, what: what[0], whatDe: what[1] } }, fix));
    });
  },
});
