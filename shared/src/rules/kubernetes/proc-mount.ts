import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, podSpecs } from '../../parse/kubernetes';
import { scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn, replaceFix, valueRange, withFix } from './support/findings';
import { inUserNamespace, unmaskedProcMounts } from './support/pod-security';

/** Unmasked /proc (PSS baseline `procMount`; allowed in a user namespace since policy v1.35). */
export const procMount = defineYamlRule({
  id: 'k8s/proc-mount',
  kind: 'kubernetes',
  title: { en: 'The default /proc masks must stay in place', de: 'Die Standard-Masken von /proc müssen bleiben' },
  severity: 'error',
  levels: BASELINE_LEVELS,
  references: ['CL-2.2.4'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/procMount' }, owaspK8s('K01')],
  equivalents: [...baselineControl('procMount'), 'trivy:KSV027', 'kube-linter:unsafe-proc-mount'],
  messages: {
    default: {
      en: 'Container "{container}" sets procMount {value}, which unmasks /proc of the node; use Default (or run the pod with hostUsers: false).',
      de: 'Container "{container}" setzt procMount {value} und legt /proc des Knotens offen; Default verwenden (oder den Pod mit hostUsers: false betreiben).',
    },
  },
  docs: {
    rationale: {
      en: 'The masked /proc paths hide kernel interfaces that leak host information or allow changes to the node.',
      de: 'Die maskierten /proc-Pfade verbergen Kernel-Schnittstellen, die Host-Informationen preisgeben oder Änderungen am Knoten erlauben.',
    },
    fix: { en: 'Remove procMount or set it to Default.', de: 'procMount entfernen oder auf Default setzen.' },
    bad: 'securityContext:\n  procMount: Unmasked',
    good: 'securityContext:\n  procMount: Default',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      if (inUserNamespace(pod)) continue;
      for (const { c, pair } of unmaskedProcMounts(pod)) {
        const fix = replaceFix(file, pod.document, pair, 'Default', { en: 'Set procMount: Default', de: 'procMount: Default setzen' });
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, pair), { args: { container: containerName(c), value: scalarString(pair.value) ?? '' } }), fix));
      }
    }
    return out;
  },
});
