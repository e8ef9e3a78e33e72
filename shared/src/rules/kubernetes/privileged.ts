import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containersOf, pairIn, containerName } from '../../parse/kubernetes';
import { scalarBool } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, containerFinding, setFix, withFix } from './support/findings';

/** Privileged containers (PSS baseline `privileged`). */
export const privileged = defineYamlRule({
  id: 'k8s/privileged',
  kind: 'kubernetes',
  title: { en: 'Containers must not run privileged', de: 'Container dürfen nicht privilegiert laufen' },
  severity: 'error',
  levels: BASELINE_LEVELS,
  references: ['CL-2.2.4', 'OTC-C3'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/privileged' }, { source: 'NIST SP 800-190', id: '4.4.3' }, owaspK8s('K01')],
  equivalents: [...baselineControl('privileged'), 'kube-linter:privileged-container', 'checkov:CKV_K8S_16', 'trivy:KSV017', 'kubescape:C-0057'],
  messages: {
    default: {
      en: 'Container "{container}" runs privileged: it has every capability and access to all host devices. Set privileged: false.',
      de: 'Container "{container}" läuft privilegiert: er hat alle Capabilities und Zugriff auf alle Geräte des Hosts. privileged: false setzen.',
    },
  },
  docs: {
    rationale: {
      en: 'A privileged container disables almost all isolation; a compromise of it is a compromise of the node.',
      de: 'Ein privilegierter Container hebt fast jede Isolation auf; wer ihn übernimmt, übernimmt den Knoten.',
    },
    fix: { en: 'Set securityContext.privileged to false and add only the capabilities the container needs.', de: 'securityContext.privileged auf false setzen und nur die nötigen Capabilities hinzufügen.' },
    bad: 'securityContext:\n  privileged: true',
    good: 'securityContext:\n  privileged: false',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      const pair = pairIn(c.securityContext, ['privileged']);
      if (!pair || scalarBool(pair.value) !== true) continue;
      const fix = setFix(file, c.pod.document, c.node, ['securityContext', 'privileged'], 'false', { en: 'Set privileged: false', de: 'privileged: false setzen' });
      out.push(withFix(containerFinding(c, pair, { args: { container: containerName(c) } }), fix));
    }
    return out;
  },
});
