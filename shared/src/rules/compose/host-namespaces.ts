import { defineYamlRule } from '../../define';
import { lookup } from '../../parse/compose';
import { scalarString } from '../../parse/yaml';
import { cis, eachService, fixOf, owasp, removeInService, withFix } from './common';

/** The namespace settings and what sharing the host's namespace exposes. */
const NAMESPACES = [
  { key: 'network_mode', what: { en: 'network', de: 'Netzwerk' } },
  { key: 'pid', what: { en: 'process', de: 'Prozess' } },
  { key: 'ipc', what: { en: 'IPC', de: 'IPC' } },
  { key: 'uts', what: { en: 'UTS (host name)', de: 'UTS (Hostname)' } },
  { key: 'cgroup', what: { en: 'cgroup', de: 'cgroup' } },
] as const;

/** `network_mode: host`, `pid: host`, `ipc: host`, `uts: host`, `cgroup: host`. */
export const hostNamespaces = defineYamlRule({
  id: 'compose/host-namespaces',
  kind: 'compose',
  title: { en: 'Do not share host namespaces', de: 'Keine Namespaces des Hosts teilen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-2.2.4', 'CL-2.3.2', 'CSC-2.3.2'],
  external: [cis('5.10'), cis('5.16'), cis('5.17'), cis('5.21'), owasp(5)],
  messages: {
    default: {
      en: 'Service "{service}" shares the host\'s {namespace} namespace ({key}: host); remove it and publish ports or use networks instead.',
      de: 'Service "{service}" teilt den {namespaceDe}-Namespace des Hosts ({key}: host); entfernen und stattdessen Ports veröffentlichen oder Netzwerke verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'Host namespaces remove isolation: the host network exposes every host interface and local-only service, the host PID namespace lets the container see and signal (with SYS_PTRACE: inject into) host processes, host IPC shares memory segments, host UTS lets it rename the host.',
      de: 'Host-Namespaces heben die Isolation auf: das Host-Netz legt jede Schnittstelle und jeden nur lokal erreichbaren Dienst offen, der PID-Namespace des Hosts lässt den Container Host-Prozesse sehen und Signale senden (mit SYS_PTRACE: einschleusen), Host-IPC teilt Speichersegmente, Host-UTS erlaubt das Umbenennen des Hosts.',
    },
    fix: {
      en: 'Remove the `host` setting; publish the ports the service needs, use a user-defined network, or share a namespace with one other service (`pid: "service:other"`).',
      de: 'Die Einstellung `host` entfernen; die nötigen Ports veröffentlichen, ein eigenes Netzwerk verwenden oder einen Namespace mit einem anderen Service teilen (`pid: "service:other"`).',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    network_mode: host\n    pid: host',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    ports:\n      - "127.0.0.1:8080:8080"',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) =>
      NAMESPACES.flatMap(({ key, what }) => {
        const entry = lookup(service, key);
        if (scalarString(entry?.value)?.trim().toLowerCase() !== 'host') return [];
        // Without the key the service gets namespaces of its own, Compose's default.
        const fix = fixOf({ en: `Remove ${key}: host`, de: `${key}: host entfernen` }, removeInService(service, key));
        return [withFix({ range: service.document.rangeOf(entry!.pair), args: { service: service.name, key, namespace: what.en, namespaceDe: what.de } }, fix)];
      }),
    );
  },
});
