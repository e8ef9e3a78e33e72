import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, containersOf, getIn } from '../../parse/kubernetes';
import { scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { BASELINE_LEVELS, baselineControl, findingOn, removeItemsFix, withFix } from './support/findings';

/** Capabilities PSA baseline allows to add (matched exactly, case-sensitive, no CAP_ prefix). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** Capabilities added beyond the runtime defaults (PSS baseline `capabilities_baseline`). */
export const capabilitiesBaseline = defineYamlRule({
  id: 'k8s/capabilities-baseline',
  kind: 'kubernetes',
  title: { en: 'Containers must not add dangerous capabilities', de: 'Container dürfen keine gefährlichen Capabilities hinzufügen' },
  severity: 'error',
  levels: BASELINE_LEVELS,
  references: ['CL-2.1.3', 'ART-3.7', 'OTC-C3'],
  external: [{ source: 'Pod Security Standards', id: 'baseline/capabilities_baseline' }, owaspK8s('K01')],
  equivalents: [...baselineControl('capabilities_baseline'), 'checkov:CKV_K8S_25', 'trivy:KSV022', 'kubescape:C-0046'],
  messages: {
    default: {
      en: 'Container "{container}" adds capability {capability}, which is not among the runtime defaults; remove it.',
      de: 'Container "{container}" fügt Capability {capability} hinzu, die nicht zu den Standards der Laufzeit gehört; entfernen.',
    },
  },
  docs: {
    rationale: {
      en: 'Capabilities such as SYS_ADMIN, NET_ADMIN or NET_RAW give a container powers over the node and its network.',
      de: 'Capabilities wie SYS_ADMIN, NET_ADMIN oder NET_RAW geben einem Container Macht über Knoten und Netz.',
    },
    fix: { en: 'Remove the capability from capabilities.add.', de: 'Die Capability aus capabilities.add entfernen.' },
    bad: 'capabilities:\n  add: [SYS_ADMIN]',
    good: 'capabilities:\n  drop: [ALL]',
  },
  fixable: true,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      const bad = seqItems(getIn(c.securityContext, ['capabilities', 'add'])).filter((item) => !BASELINE_CAPABILITIES.has(scalarString(item) ?? ''));
      if (bad.length === 0) continue;
      // One fix removes every such capability of the container: removals in one flow list would overlap.
      const names = bad.map((item) => scalarString(item) ?? '').join(', ');
      const fix = removeItemsFix(file, c.pod.document, c.node, ['securityContext', 'capabilities', 'add'], bad, { en: `Remove ${names} from capabilities.add`, de: `${names} aus capabilities.add entfernen` });
      for (const item of bad) out.push(withFix(findingOn(c.pod.object, c.pod.document.rangeOf(item), { args: { container: containerName(c), capability: scalarString(item) ?? '' } }), fix));
    }
    return out;
  },
});
