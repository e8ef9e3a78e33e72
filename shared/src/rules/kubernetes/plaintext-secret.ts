import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { isKind } from '../../parse/kubernetes';
import { isMap, mapPair, scalarString } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, objectName } from './support/findings';

const PLACEHOLDER = /^(?:\$\{[^}]*\}|\$\([^)]*\)|\{\{.*\}\}|<[^>]*>)$/;

/** Secret manifests with values committed in the repository (`data` is only base64). */
export const plaintextSecret = defineYamlRule({
  id: 'k8s/plaintext-secret',
  kind: 'kubernetes',
  title: { en: 'Do not commit Secret values', de: 'Keine Secret-Werte einchecken' },
  severity: 'warning',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-3.1.1', 'CL-3.1.2', 'OTC-C6', 'ART-3.9', 'ART-3.10'],
  external: [owaspK8s('K03')],
  messages: {
    default: {
      en: 'Secret "{name}" carries {count} value(s) under {key} in the file; base64 is not encryption. Keep the values out of the repository (External Secrets, Sealed Secrets, SOPS).',
      de: 'Secret "{name}" enthält {count} Wert(e) unter {key} in der Datei; base64 ist keine Verschlüsselung. Die Werte aus dem Repository heraushalten (External Secrets, Sealed Secrets, SOPS).',
    },
  },
  docs: {
    rationale: {
      en: 'Secret manifests in version control expose their values to everyone with read access, forever, in the history.',
      de: 'Secret-Manifeste in der Versionsverwaltung legen ihre Werte allen mit Lesezugriff offen, dauerhaft, in der Historie.',
    },
    fix: { en: 'Remove the values, rotate them, and deliver them through an external secret store or an encrypted format.', de: 'Die Werte entfernen, rotieren und über einen externen Secret-Speicher oder ein verschlüsseltes Format bereitstellen.' },
    bad: 'kind: Secret\nstringData:\n  password: hunter2',
    good: 'kind: ExternalSecret\nspec:\n  secretStoreRef: {name: vault}',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const o of file.objects) {
      if (!isKind(o, 'Secret', /^v1$/)) continue;
      for (const key of ['stringData', 'data']) {
        const pair = mapPair(o.node, key);
        if (!pair || !isMap(pair.value)) continue;
        const count = pair.value.items.filter((p) => {
          const v = scalarString(p.value)?.trim() ?? '';
          return v !== '' && !PLACEHOLDER.test(v);
        }).length;
        // The value itself is never part of the message.
        if (count > 0) out.push(findingOn(o, o.document.keyRange(pair), { args: { name: objectName(o), count, key } }));
      }
    }
    return out;
  },
});
