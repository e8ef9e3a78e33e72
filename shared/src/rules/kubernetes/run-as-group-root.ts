import type { Node, Pair } from 'yaml';
import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { isRootUid } from '../../facts/root-user';
import { effective, pairIn, podSpecs } from '../../parse/kubernetes';
import { scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, rangeOf, valueRange } from './support/findings';

/**
 * The root group (GID 0) as a container's primary group (`runAsGroup`, its own or the pod's), as
 * the group of its volumes (`fsGroup`) or among its supplementary groups (`supplementalGroups`).
 */
export const runAsGroupRoot = defineYamlRule({
  id: 'k8s/run-as-group-root',
  kind: 'kubernetes',
  title: { en: 'Containers must not run with the root group', de: 'Container dürfen nicht mit der root-Gruppe laufen' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-2.1.4', 'POL-2.2.1', 'CSC-2.1.2'],
  external: [owaspK8s('K01')],
  equivalents: ['trivy:KSV116'],
  messages: {
    runAsGroup: {
      en: 'runAsGroup: 0 gives the container the root group, which may read and write every file owned by group root; use a non-zero GID.',
      de: 'runAsGroup: 0 gibt dem Container die root-Gruppe, die jede Datei der Gruppe root lesen und schreiben darf; eine GID ungleich 0 verwenden.',
    },
    fsGroup: {
      en: 'fsGroup: 0 makes root the group of the pod\'s volumes and adds it to every container; use a non-zero GID.',
      de: 'fsGroup: 0 macht root zur Gruppe der Volumes des Pods und gibt sie jedem Container; eine GID ungleich 0 verwenden.',
    },
    supplementalGroups: {
      en: 'supplementalGroups lists GID 0, so every container of the pod is in the root group; remove it.',
      de: 'supplementalGroups enthält GID 0, daher ist jeder Container des Pods in der root-Gruppe; entfernen.',
    },
  },
  docs: {
    rationale: {
      en: 'Many images leave files writable by group root (OpenShift-style images on purpose). A process in the root group can change them, and on the node it keeps the group\'s access to host files a mount exposes. A non-root user with the root group is still half-way to root.',
      de: 'Viele Images lassen Dateien für die Gruppe root beschreibbar (OpenShift-artige Images mit Absicht). Ein Prozess in der root-Gruppe kann sie ändern und behält auf dem Knoten den Gruppenzugriff auf Host-Dateien, die ein Mount zeigt. Ein Nicht-root-Benutzer mit der root-Gruppe ist noch halb root.',
    },
    fix: {
      en: 'Set runAsGroup and fsGroup to the application\'s GID (for example 10001) and remove 0 from supplementalGroups.',
      de: 'runAsGroup und fsGroup auf die GID der Anwendung setzen (zum Beispiel 10001) und 0 aus supplementalGroups entfernen.',
    },
    bad: 'securityContext:\n  runAsUser: 10001\n  runAsGroup: 0',
    good: 'securityContext:\n  runAsUser: 10001\n  runAsGroup: 10001',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      // the pod's runAsGroup counts once, and only when a container inherits it
      const reported = new Set<Pair>();
      for (const c of pod.containers) {
        const group = effective(c, ['runAsGroup']);
        const gid = scalarString(group?.node);
        if (!group || gid === undefined || !isRootUid(gid) || reported.has(group.pair)) continue;
        reported.add(group.pair);
        out.push(findingOn(pod.object, valueRange(pod.document, group.pair), { messageId: 'runAsGroup' }));
      }
      const fsGroup = pairIn(pod.securityContext, ['fsGroup']);
      const fsGid = scalarString(fsGroup?.value);
      if (fsGroup && fsGid !== undefined && isRootUid(fsGid)) out.push(findingOn(pod.object, valueRange(pod.document, fsGroup), { messageId: 'fsGroup' }));
      const supplemental = pairIn(pod.securityContext, ['supplementalGroups']);
      for (const item of seqItems(supplemental?.value)) {
        const gid = scalarString(item);
        if (gid !== undefined && isRootUid(gid)) out.push(findingOn(pod.object, rangeOf(pod.document, item as Node), { messageId: 'supplementalGroups' }));
      }
    }
    return out;
  },
});
