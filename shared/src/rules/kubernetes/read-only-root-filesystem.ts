import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, containersOf, isWindowsPod, pairIn } from '../../parse/kubernetes';
import { scalarBool } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { containerFinding, setFix, withFix } from './support/findings';

/** Containers with a writable root file system. */
export const readOnlyRootFilesystem = defineYamlRule({
  id: 'k8s/read-only-root-filesystem',
  kind: 'kubernetes',
  title: { en: 'Mount the root file system read-only', de: 'Das Root-Dateisystem schreibgeschützt einhängen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.9', 'CL-2.1.2', 'POL-2.1.2', 'POL-2.2.1', 'ART-3.5', 'OTC-C3'],
  external: [owaspK8s('K01')],
  equivalents: ['kube-linter:no-read-only-root-fs', 'checkov:CKV_K8S_22', 'trivy:KSV014', 'kubescape:C-0017'],
  messages: {
    default: {
      en: 'Container "{container}" has a writable root file system; set readOnlyRootFilesystem: true and mount emptyDir volumes where it must write.',
      de: 'Container "{container}" hat ein beschreibbares Root-Dateisystem; readOnlyRootFilesystem: true setzen und emptyDir-Volumes einhängen, wo er schreiben muss.',
    },
    false: {
      en: 'readOnlyRootFilesystem: false leaves the root file system writable; set it to true.',
      de: 'readOnlyRootFilesystem: false lässt das Root-Dateisystem beschreibbar; auf true setzen.',
    },
  },
  docs: {
    rationale: {
      en: 'A read-only root file system stops an attacker from dropping tools or changing binaries inside the container.',
      de: 'Ein schreibgeschütztes Root-Dateisystem hindert Angreifer daran, Werkzeuge abzulegen oder Programme im Container zu ändern.',
    },
    fix: { en: 'Set securityContext.readOnlyRootFilesystem: true; mount emptyDir volumes for /tmp and other paths the process writes.', de: 'securityContext.readOnlyRootFilesystem: true setzen; emptyDir-Volumes für /tmp und andere beschriebene Pfade einhängen.' },
    bad: 'containers:\n- name: app\n  image: app:1.0',
    good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    readOnlyRootFilesystem: true',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      // Windows containers cannot mount their root file system read-only.
      if (isWindowsPod(c.pod)) continue;
      const pair = pairIn(c.securityContext, ['readOnlyRootFilesystem']);
      const value = scalarBool(pair?.value);
      if (value === true) continue;
      const fix = setFix(file, c.pod.document, c.node, ['securityContext', 'readOnlyRootFilesystem'], 'true', { en: 'Set readOnlyRootFilesystem: true', de: 'readOnlyRootFilesystem: true setzen' });
      const f = value === false ? containerFinding(c, pair, { messageId: 'false' }) : containerFinding(c, undefined, { args: { container: containerName(c) } });
      out.push(withFix(f, fix));
    }
    return out;
  },
});
