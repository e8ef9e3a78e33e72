import type { Pair } from 'yaml';
import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { podSpecs } from '../../parse/kubernetes';
import { isMap, mapGet, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { RESTRICTED_LEVELS, findingOn } from './support/findings';

/** Volume sources the restricted profile allows. */
export const ALLOWED_VOLUME_TYPES: ReadonlySet<string> = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/** Volume types other than the core, pod-scoped ones (PSS restricted `restrictedVolumes`). */
export const restrictedVolumeTypes = defineYamlRule({
  id: 'k8s/restricted-volume-types',
  kind: 'kubernetes',
  title: { en: 'Only pod-scoped volume types are allowed', de: 'Nur pod-eigene Volume-Typen sind erlaubt' },
  severity: 'warning',
  levels: RESTRICTED_LEVELS,
  references: ['POL-2.1.1'],
  external: [{ source: 'Pod Security Standards', id: 'restricted/restrictedVolumes' }, owaspK8s('K01')],
  equivalents: ['pss:restricted/restrictedVolumes', 'trivy:KSV028'],
  messages: {
    default: {
      en: 'Volume "{volume}" uses type {type}; the restricted profile allows configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret.',
      de: 'Volume "{volume}" hat den Typ {type}; das Restricted-Profil erlaubt configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected und secret.',
    },
  },
  docs: {
    rationale: {
      en: 'Direct volume sources (hostPath, nfs, iscsi …) bypass the PersistentVolume abstraction that administrators control.',
      de: 'Direkte Volume-Quellen (hostPath, nfs, iscsi …) umgehen die PersistentVolume-Abstraktion, die die Administration steuert.',
    },
    fix: { en: 'Define the storage as a PersistentVolume and mount it through a PersistentVolumeClaim.', de: 'Den Speicher als PersistentVolume anlegen und über einen PersistentVolumeClaim einhängen.' },
    bad: 'volumes:\n- name: data\n  nfs: {server: nfs, path: /data}',
    good: 'volumes:\n- name: data\n  persistentVolumeClaim: {claimName: data}',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const pod of podSpecs(file)) {
      for (const v of seqItems(mapGet(pod.spec, 'volumes'))) {
        if (!isMap(v)) continue;
        // A volume without a source is defaulted to emptyDir by the API server.
        const sources = (v.items as Pair[]).filter((p) => scalarString(p.key) !== 'name');
        if (sources.length === 0 || sources.some((p) => ALLOWED_VOLUME_TYPES.has(scalarString(p.key) ?? ''))) continue;
        const first = sources[0]!;
        out.push(findingOn(pod.object, pod.document.keyRange(first), { args: { volume: scalarString(mapGet(v, 'name')) ?? '?', type: scalarString(first.key) ?? '?' } }));
      }
    }
    return out;
  },
});
