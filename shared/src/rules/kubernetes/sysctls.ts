import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { podSpecs } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn, removeItemsFix, valueRange, withFix } from './support/findings';

/**
 * PSA's safe sysctls in the latest policy version: v1.27 added ip_local_reserved_ports, v1.29 the
 * tcp_keepalive_* and tcp_fin_timeout, v1.32 tcp_rmem/tcp_wmem; the v1.37 conformance fixtures
 * also pass tcp_slow_start_after_idle and tcp_notsent_lowat.
 */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

/** Sysctls outside the safe set (PSS baseline `sysctls`). */
export const sysctls = defineYamlRule({
  id: 'k8s/sysctls',
  kind: 'kubernetes',
  title: { en: 'Only safe sysctls may be set', de: 'Nur sichere sysctls dürfen gesetzt werden' },
  severity: 'error',
  levels: BASELINE_LEVELS,
  references: ['CL-2.2.4'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/sysctls' }, owaspK8s('K01')],
  equivalents: [...baselineControl('sysctls'), 'trivy:KSV026', 'kube-linter:unsafe-sysctls'],
  messages: {
    default: {
      en: 'sysctl {name} is not in the safe set; it can affect the node or other pods.',
      de: 'sysctl {name} gehört nicht zu den sicheren; er kann den Knoten oder andere Pods beeinflussen.',
    },
  },
  docs: {
    rationale: {
      en: 'Only namespaced sysctls isolated from other pods are safe; others can disable security mechanisms or change the whole node.',
      de: 'Nur Namespace-gebundene, von anderen Pods isolierte sysctls sind sicher; andere können Schutzmechanismen abschalten oder den ganzen Knoten ändern.',
    },
    fix: { en: 'Remove the sysctl or set it on the node by the cluster administrator.', de: 'Den sysctl entfernen oder von der Cluster-Administration am Knoten setzen lassen.' },
    bad: 'sysctls:\n- name: kernel.msgmax\n  value: "65536"',
    good: 'sysctls:\n- name: net.ipv4.ip_local_port_range\n  value: "1024 65535"',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      const bad = seqItems(mapGet(pod.securityContext, 'sysctls')).filter((s) => !SAFE_SYSCTLS.has(scalarString(mapPair(s, 'name')?.value) ?? ''));
      if (bad.length === 0) continue;
      // One fix removes every unsafe sysctl of the pod: removals in one flow list would overlap.
      const names = bad.map((s) => scalarString(mapPair(s, 'name')?.value) ?? '?').join(', ');
      const fix = removeItemsFix(file, pod.document, pod.spec, ['securityContext', 'sysctls'], bad, { en: `Remove sysctl ${names}`, de: `sysctl ${names} entfernen` });
      for (const s of bad) {
        const pair = mapPair(s, 'name');
        const name = scalarString(pair?.value) ?? '';
        out.push(withFix(findingOn(pod.object, pair ? valueRange(pod.document, pair) : pod.document.rangeOf(s), { args: { name } }), fix));
      }
    }
    return out;
  },
});
