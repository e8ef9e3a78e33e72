import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, containersOf, getIn, isWindowsPod } from '../../parse/kubernetes';
import { scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { RESTRICTED_LEVELS, appendFix, containerFinding, findingOn } from './support/findings';

/**
 * Containers must drop ALL capabilities and may add only NET_BIND_SERVICE
 * (PSS restricted `capabilities_restricted`; Windows pods are exempt).
 */
export const capabilitiesRestricted = defineYamlRule({
  id: 'k8s/capabilities-restricted',
  kind: 'kubernetes',
  title: { en: 'Drop ALL capabilities; add at most NET_BIND_SERVICE', de: 'ALLE Capabilities entziehen; höchstens NET_BIND_SERVICE hinzufügen' },
  severity: 'warning',
  levels: RESTRICTED_LEVELS,
  references: ['CL-2.1.3', 'ART-3.6', 'ART-3.7', 'OTC-C3'],
  external: [{ source: 'Pod Security Standards', id: 'restricted/capabilities_restricted' }, owaspK8s('K01')],
  equivalents: ['pss:restricted/capabilities_restricted', 'checkov:CKV_K8S_37', 'trivy:KSV003'],
  messages: {
    default: {
      en: 'Container "{container}" does not drop ALL capabilities; add capabilities.drop: [ALL].',
      de: 'Container "{container}" entzieht nicht ALLE Capabilities; capabilities.drop: [ALL] ergänzen.',
    },
    add: {
      en: 'Container "{container}" adds {capability}; the restricted profile allows only NET_BIND_SERVICE.',
      de: 'Container "{container}" fügt {capability} hinzu; das Restricted-Profil erlaubt nur NET_BIND_SERVICE.',
    },
  },
  docs: {
    rationale: {
      en: 'Container runtimes grant a default set of capabilities that most applications never use; dropping ALL removes them.',
      de: 'Container-Laufzeiten vergeben einen Standardsatz an Capabilities, den die meisten Anwendungen nie brauchen; drop ALL entfernt ihn.',
    },
    fix: { en: 'Add capabilities.drop: [ALL] and add back only NET_BIND_SERVICE if needed.', de: 'capabilities.drop: [ALL] ergänzen und bei Bedarf nur NET_BIND_SERVICE wieder hinzufügen.' },
    bad: 'securityContext:\n  capabilities:\n    add: [NET_ADMIN]',
    good: 'securityContext:\n  capabilities:\n    drop: [ALL]',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      if (isWindowsPod(c.pod)) continue;
      const container = containerName(c);
      const drop = seqItems(getIn(c.securityContext, ['capabilities', 'drop'])).map((n) => scalarString(n));
      if (!drop.includes('ALL')) {
        const fix = appendFix(file, c.pod.document, c.node, ['securityContext', 'capabilities', 'drop'], 'ALL', { en: 'Drop ALL capabilities', de: 'Alle Capabilities entziehen' });
        const f = containerFinding(c, undefined, { args: { container } });
        out.push(fix ? { ...f, fix } : f);
      }
      for (const item of seqItems(getIn(c.securityContext, ['capabilities', 'add']))) {
        const capability = scalarString(item) ?? '';
        if (capability !== 'NET_BIND_SERVICE') out.push(findingOn(c.pod.object, c.pod.document.rangeOf(item), { messageId: 'add', args: { container, capability } }));
      }
    }
    return out;
  },
});
