import type { Pair } from 'yaml';
import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, effective, isWindowsPod, podSpecs } from '../../parse/kubernetes';
import { scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { containerFinding, findingOn, valueRange } from './support/findings';

/** UIDs from here on are above the range distributions give to system and login users. */
const FIRST_HIGH_UID = 10000;

/**
 * Every container runs with a UID of at least 10000 (its own runAsUser or the pod's), so that a
 * process escaping the container does not share a UID with a user of the node.
 */
export const runAsUserLow = defineYamlRule({
  id: 'k8s/run-as-user-low',
  kind: 'kubernetes',
  title: { en: 'Run containers with a UID of 10000 or more', de: 'Container mit einer UID ab 10000 starten' },
  severity: 'info',
  levels: ['L3'],
  references: ['CL-2.1.4', 'POL-2.2.1'],
  external: [owaspK8s('K01')],
  equivalents: ['checkov:CKV_K8S_40', 'trivy:KSV020'],
  messages: {
    low: {
      en: 'runAsUser: {uid} is below 10000 and may be the UID of a user on the node; use a UID of 10000 or more.',
      de: 'runAsUser: {uid} liegt unter 10000 und kann die UID eines Benutzers auf dem Knoten sein; eine UID ab 10000 verwenden.',
    },
    unset: {
      en: 'Container "{container}" sets no runAsUser (nor does the pod), so it runs as the image\'s user, whatever UID that is; set runAsUser to 10000 or more.',
      de: 'Container "{container}" setzt kein runAsUser (der Pod auch nicht), daher läuft er als Benutzer des Images, welche UID das auch ist; runAsUser auf 10000 oder mehr setzen.',
    },
  },
  docs: {
    rationale: {
      en: 'Without user namespaces a container\'s UID is the same number on the node. UIDs below 10000 belong to system accounts and login users there: a process that escapes the container acts with their files and limits. A high UID owns nothing on the node.',
      de: 'Ohne User-Namespaces ist die UID eines Containers auf dem Knoten dieselbe Zahl. UIDs unter 10000 gehören dort Systemkonten und Benutzern: ein Prozess, der aus dem Container ausbricht, handelt mit deren Dateien und Limits. Einer hohen UID gehört auf dem Knoten nichts.',
    },
    fix: { en: 'Set securityContext.runAsUser (and runAsGroup) to 10000 or more, for example 10001, and build the image with that user.', de: 'securityContext.runAsUser (und runAsGroup) auf 10000 oder mehr setzen, zum Beispiel 10001, und das Image mit diesem Benutzer bauen.' },
    bad: 'securityContext:\n  runAsUser: 1000',
    good: 'securityContext:\n  runAsUser: 10001',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      if (isWindowsPod(pod)) continue;
      // a pod-level runAsUser counts once however many containers inherit it
      const reported = new Set<Pair>();
      for (const c of pod.containers) {
        const user = effective(c, ['runAsUser']);
        const uid = scalarString(user?.node);
        if (!user) {
          out.push(containerFinding(c, undefined, { messageId: 'unset', args: { container: containerName(c) } }));
          continue;
        }
        // a variable or a malformed value is another rule's business
        if (uid === undefined || !/^\d+$/.test(uid) || Number(uid) >= FIRST_HIGH_UID || reported.has(user.pair)) continue;
        reported.add(user.pair);
        out.push(findingOn(pod.object, valueRange(pod.document, user.pair), { messageId: 'low', args: { uid } }));
      }
    }
    return out;
  },
});
