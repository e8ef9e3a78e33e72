import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, podSpecs } from '../../parse/kubernetes';
import { scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { RESTRICTED_LEVELS, findingOn, replaceFix, valueRange, withFix } from './support/findings';
import { inUserNamespace, unmaskedProcMounts } from './support/pod-security';

/**
 * Unmasked /proc in a user-namespaced pod (PSS restricted `procMount_restricted`). Outside a user
 * namespace k8s/proc-mount reports the same field, so together they give PSA's restricted verdict
 * without reporting one field twice.
 */
export const procMountRestricted = defineYamlRule({
  id: 'k8s/proc-mount-restricted',
  kind: 'kubernetes',
  title: { en: 'Restricted pods keep the default /proc masks, even in a user namespace', de: 'Restricted-Pods behalten die Standard-Masken von /proc, auch im User-Namespace' },
  severity: 'warning',
  levels: RESTRICTED_LEVELS,
  references: ['CL-2.2.4'],
  external: [{ source: 'Pod Security Standards', id: 'restricted/procMount_restricted' }, owaspK8s('K01')],
  equivalents: ['pss:restricted/procMount_restricted'],
  messages: {
    default: {
      en: 'Container "{container}" sets procMount {value}; the restricted profile allows only Default, also with hostUsers: false.',
      de: 'Container "{container}" setzt procMount {value}; das Restricted-Profil erlaubt nur Default, auch mit hostUsers: false.',
    },
  },
  docs: {
    rationale: {
      en: 'Baseline allows an unmasked /proc inside a user namespace; the restricted profile does not.',
      de: 'Baseline erlaubt ein unmaskiertes /proc im User-Namespace; das Restricted-Profil nicht.',
    },
    fix: { en: 'Remove procMount or set it to Default.', de: 'procMount entfernen oder auf Default setzen.' },
    bad: 'hostUsers: false\ncontainers:\n- name: app\n  securityContext: {procMount: Unmasked}',
    good: 'hostUsers: false\ncontainers:\n- name: app\n  securityContext: {procMount: Default}',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      if (!inUserNamespace(pod)) continue;
      for (const { c, pair } of unmaskedProcMounts(pod)) {
        const fix = replaceFix(file, pod.document, pair, 'Default', { en: 'Set procMount: Default', de: 'procMount: Default setzen' });
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, pair), { args: { container: containerName(c), value: scalarString(pair.value) ?? '' } }), fix));
      }
    }
    return out;
  },
});
