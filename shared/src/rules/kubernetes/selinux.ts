import type { Pair } from 'yaml';
import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { podSpecs } from '../../parse/kubernetes';
import { isMap, mapGet, mapPair, scalarString, type YAMLMap } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { removePairs } from '../../yaml-edit';
import { BASELINE_LEVELS, baselineControl, findingOn, valueRange, withFix } from './support/findings';
import { SELINUX_TYPES } from './support/pod-security';

function badOptionPairs(sc: YAMLMap | undefined): Pair[] {
  const opts = mapGet(sc, 'seLinuxOptions');
  if (!isMap(opts)) return [];
  const out: Pair[] = [];
  const type = mapPair(opts, 'type');
  if (type && !SELINUX_TYPES.has(scalarString(type.value) ?? '')) out.push(type);
  for (const key of ['user', 'role']) {
    const p = mapPair(opts, key);
    if (p && (scalarString(p.value) ?? '') !== '') out.push(p);
  }
  return out;
}

/** Custom SELinux type, user or role (PSS baseline `seLinuxOptions`). */
export const selinux = defineYamlRule({
  id: 'k8s/selinux',
  kind: 'kubernetes',
  title: { en: 'SELinux options must stay within the allowed set', de: 'SELinux-Optionen müssen im erlaubten Bereich bleiben' },
  severity: 'error',
  levels: BASELINE_LEVELS,
  references: ['CL-2.2.2', 'POL-4.1.1'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/seLinuxOptions' }, owaspK8s('K01')],
  equivalents: [...baselineControl('seLinuxOptions'), 'trivy:KSV025'],
  messages: {
    default: {
      en: 'seLinuxOptions.{key} "{value}" is not allowed: the type must be container_t, container_init_t or container_kvm_t, user and role must stay unset.',
      de: 'seLinuxOptions.{key} "{value}" ist nicht erlaubt: der Typ muss container_t, container_init_t oder container_kvm_t sein, user und role bleiben ungesetzt.',
    },
  },
  docs: {
    rationale: {
      en: 'A custom SELinux type, user or role can lift the confinement the container runtime applies.',
      de: 'Ein eigener SELinux-Typ, -Benutzer oder eine eigene Rolle kann die Einschränkung der Container-Laufzeit aufheben.',
    },
    fix: { en: 'Remove seLinuxOptions.user and .role and use an allowed type.', de: 'seLinuxOptions.user und .role entfernen und einen erlaubten Typ verwenden.' },
    bad: 'seLinuxOptions:\n  type: spc_t',
    good: 'seLinuxOptions:\n  type: container_t',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      for (const sc of [pod.securityContext, ...pod.containers.map((c) => c.securityContext)]) {
        const bad = badOptionPairs(sc);
        if (bad.length === 0) continue;
        // One fix removes every offending option of the map (the runtime's default type applies): removals in one flow map would overlap.
        const opts = mapGet(sc, 'seLinuxOptions') as YAMLMap;
        const edits = removePairs(pod.document, file.lines, opts, bad);
        const names = bad.map((p) => scalarString(p.key) ?? '').join(', ');
        const fix = edits && { title: { en: `Remove seLinuxOptions ${names}`, de: `seLinuxOptions ${names} entfernen` }, edits };
        for (const pair of bad) {
          out.push(withFix(findingOn(pod.object, valueRange(pod.document, pair), { args: { key: scalarString(pair.key) ?? '', value: scalarString(pair.value) ?? '' } }), fix));
        }
      }
    }
    return out;
  },
});
