import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { pairIn, podSpecs } from '../../parse/kubernetes';
import { scalarBool } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn, replaceFix, valueRange, withFix } from './support/findings';

/** Windows HostProcess containers (PSS baseline `windowsHostProcess`). */
export const windowsHostProcess = defineYamlRule({
  id: 'k8s/windows-host-process',
  kind: 'kubernetes',
  title: { en: 'Windows HostProcess containers are not allowed', de: 'Windows-HostProcess-Container sind nicht erlaubt' },
  severity: 'error',
  levels: BASELINE_LEVELS,
  references: ['CL-2.2.4'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/windowsHostProcess' }, owaspK8s('K01')],
  equivalents: [...baselineControl('windowsHostProcess'), 'trivy:KSV103'],
  messages: {
    default: {
      en: 'windowsOptions.hostProcess: true runs the container as a process on the Windows node with host access; remove it.',
      de: 'windowsOptions.hostProcess: true startet den Container als Prozess auf dem Windows-Knoten mit Host-Zugriff; entfernen.',
    },
  },
  docs: {
    rationale: {
      en: 'HostProcess containers have privileged access to the Windows node, equivalent to privileged Linux containers.',
      de: 'HostProcess-Container haben privilegierten Zugriff auf den Windows-Knoten, wie privilegierte Linux-Container.',
    },
    fix: { en: 'Remove windowsOptions.hostProcess or set it to false.', de: 'windowsOptions.hostProcess entfernen oder auf false setzen.' },
    bad: 'securityContext:\n  windowsOptions:\n    hostProcess: true',
    good: 'securityContext:\n  windowsOptions:\n    hostProcess: false',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      for (const sc of [pod.securityContext, ...pod.containers.map((c) => c.securityContext)]) {
        const pair = pairIn(sc, ['windowsOptions', 'hostProcess']);
        if (!pair || scalarBool(pair.value) !== true) continue;
        const fix = replaceFix(file, pod.document, pair, 'false', { en: 'Set hostProcess: false', de: 'hostProcess: false setzen' });
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, pair)), fix));
      }
    }
    return out;
  },
});
