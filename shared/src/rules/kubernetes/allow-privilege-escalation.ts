import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, containersOf, isWindowsPod, pairIn } from '../../parse/kubernetes';
import { scalarBool } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { containerFinding, setFix, withFix } from './support/findings';

/**
 * allowPrivilegeEscalation must be explicitly false on every container
 * (PSS restricted `allowPrivilegeEscalation`; Windows pods are exempt).
 */
export const allowPrivilegeEscalation = defineYamlRule({
  id: 'k8s/allow-privilege-escalation',
  kind: 'kubernetes',
  title: { en: 'Containers must not allow privilege escalation', de: 'Container dürfen keine Rechteausweitung erlauben' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CSVS-3.5', 'CL-2.1.4', 'ART-3.4', 'POL-2.2.1'],
  external: [{ source: 'Pod Security Standards', id: 'restricted/allowPrivilegeEscalation' }, owaspK8s('K01')],
  equivalents: [
    'pss:restricted/allowPrivilegeEscalation', 'kube-linter:privilege-escalation-container', 'checkov:CKV_K8S_20',
    'trivy:KSV001', 'kubescape:C-0016',
  ],
  messages: {
    default: {
      en: 'Container "{container}" does not set allowPrivilegeEscalation: false; setuid binaries could gain privileges.',
      de: 'Container "{container}" setzt allowPrivilegeEscalation: false nicht; setuid-Programme könnten Rechte erlangen.',
    },
    privileged: {
      en: 'Container "{container}" is privileged, which always allows privilege escalation, and the API server rejects allowPrivilegeEscalation: false beside privileged: true; remove privileged: true (grant only the capabilities it needs), then set allowPrivilegeEscalation: false.',
      de: 'Container "{container}" ist privilegiert, was Rechteausweitung immer erlaubt, und der API-Server lehnt allowPrivilegeEscalation: false neben privileged: true ab; privileged: true entfernen (nur die nötigen Capabilities vergeben), dann allowPrivilegeEscalation: false setzen.',
    },
    true: {
      en: 'allowPrivilegeEscalation: true lets processes gain more privileges than their parent; set it to false.',
      de: 'allowPrivilegeEscalation: true lässt Prozesse mehr Rechte erlangen als ihr Elternprozess; auf false setzen.',
    },
  },
  docs: {
    rationale: {
      en: 'allowPrivilegeEscalation: false sets no_new_privs, so setuid binaries and file capabilities cannot raise a process\'s privileges (docker --no-new-privileges).',
      de: 'allowPrivilegeEscalation: false setzt no_new_privs, sodass setuid-Programme und Datei-Capabilities die Rechte eines Prozesses nicht erhöhen können (docker --no-new-privileges).',
    },
    fix: { en: 'Set securityContext.allowPrivilegeEscalation: false on each container.', de: 'securityContext.allowPrivilegeEscalation: false an jedem Container setzen.' },
    bad: 'containers:\n- name: app\n  image: app:1.0',
    good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    allowPrivilegeEscalation: false',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      if (isWindowsPod(c.pod)) continue;
      const pair = pairIn(c.securityContext, ['allowPrivilegeEscalation']);
      const value = scalarBool(pair?.value);
      if (value === false) continue;
      // The API rejects allowPrivilegeEscalation: false together with privileged: true.
      const privileged = scalarBool(pairIn(c.securityContext, ['privileged'])?.value) === true;
      if (privileged) {
        out.push(containerFinding(c, pair?.value ? pair : undefined, { messageId: 'privileged', args: { container: containerName(c) } }));
        continue;
      }
      const fix = setFix(file, c.pod.document, c.node, ['securityContext', 'allowPrivilegeEscalation'], 'false', { en: 'Set allowPrivilegeEscalation: false', de: 'allowPrivilegeEscalation: false setzen' });
      const f = value === true ? containerFinding(c, pair, { messageId: 'true' }) : containerFinding(c, undefined, { args: { container: containerName(c) } });
      out.push(withFix(f, fix));
    }
    return out;
  },
});
