import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { isRootUid } from '../../facts/root-user';
import { pairIn, podSpecs } from '../../parse/kubernetes';
import { scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { RESTRICTED_LEVELS, findingOn, replaceFix, valueRange, withFix } from './support/findings';

/** runAsUser: 0 on the pod or a container (PSS restricted `runAsUser`). */
export const runAsUserRoot = defineYamlRule({
  id: 'k8s/run-as-user-root',
  kind: 'kubernetes',
  title: { en: 'Containers must not run as UID 0', de: 'Container dürfen nicht als UID 0 laufen' },
  severity: 'error',
  levels: RESTRICTED_LEVELS,
  references: ['CSVS-3.1', 'CL-2.1.1', 'CSC-2.1.1', 'POL-2.2.1'],
  external: [{ source: 'Pod Security Standards', id: 'restricted/runAsUser' }, owaspK8s('K01')],
  equivalents: ['pss:restricted/runAsUser', 'trivy:KSV105'],
  messages: {
    default: {
      en: 'runAsUser: 0 runs the container as root; use a non-zero UID.',
      de: 'runAsUser: 0 startet den Container als root; eine UID ungleich 0 verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'An explicit UID 0 overrides the image\'s non-root USER and runs the process as root.',
      de: 'Eine ausdrückliche UID 0 überschreibt den Nicht-root-USER des Images und startet den Prozess als root.',
    },
    fix: { en: 'Set runAsUser to the application\'s UID (for example 10001).', de: 'runAsUser auf die UID der Anwendung setzen (zum Beispiel 10001).' },
    bad: 'securityContext:\n  runAsUser: 0',
    good: 'securityContext:\n  runAsUser: 10001',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      for (const sc of [pod.securityContext, ...pod.containers.map((c) => c.securityContext)]) {
        const pair = pairIn(sc, ['runAsUser']);
        const uid = scalarString(pair?.value);
        if (!pair || uid === undefined || !isRootUid(uid)) continue;
        // 10001: above the UIDs of the host's and the image's system users.
        const fix = replaceFix(file, pod.document, pair, '10001', { en: 'Set runAsUser: 10001', de: 'runAsUser: 10001 setzen' });
        out.push(withFix(findingOn(pod.object, valueRange(pod.document, pair)), fix));
      }
    }
    return out;
  },
});
