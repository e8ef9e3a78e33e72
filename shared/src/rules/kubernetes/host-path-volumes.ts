import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { podSpecs } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn } from './support/findings';

/** hostPath volumes (PSS baseline `hostPathVolumes`). */
export const hostPathVolumes = defineYamlRule({
  id: 'k8s/host-path-volumes',
  kind: 'kubernetes',
  title: { en: 'Pods must not mount hostPath volumes', de: 'Pods dürfen keine hostPath-Volumes einhängen' },
  severity: 'warning',
  levels: BASELINE_LEVELS,
  references: ['POL-2.1.1'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/hostPathVolumes' }, owaspK8s('K01')],
  equivalents: [...baselineControl('hostPathVolumes'), 'trivy:KSV023', 'kubescape:C-0048'],
  messages: {
    default: {
      en: 'Volume "{volume}" mounts a directory of the node (hostPath); use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret.',
      de: 'Volume "{volume}" hängt ein Verzeichnis des Knotens ein (hostPath); PersistentVolumeClaim, emptyDir, ConfigMap oder Secret verwenden.',
    },
  },
  docs: {
    rationale: {
      en: 'hostPath exposes the node\'s file system to the pod and is a common step of container escapes.',
      de: 'hostPath legt das Dateisystem des Knotens für den Pod offen und ist ein häufiger Schritt beim Ausbruch aus Containern.',
    },
    fix: { en: 'Replace the hostPath volume with a PersistentVolumeClaim or another pod-scoped volume.', de: 'Das hostPath-Volume durch einen PersistentVolumeClaim oder ein anderes pod-eigenes Volume ersetzen.' },
    bad: 'volumes:\n- name: data\n  hostPath: {path: /data}',
    good: 'volumes:\n- name: data\n  persistentVolumeClaim: {claimName: data}',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      for (const v of seqItems(mapGet(pod.spec, 'volumes'))) {
        const pair = mapPair(v, 'hostPath');
        if (!pair) continue;
        out.push(findingOn(pod.object, pod.document.keyRange(pair), { args: { volume: scalarString(mapGet(v, 'name')) ?? '?' } }));
      }
    }
    return out;
  },
});
