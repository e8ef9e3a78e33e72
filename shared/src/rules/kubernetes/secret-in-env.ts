import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { containerName, containersOf } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn } from './support/findings';

/** Secrets passed to containers through environment variables rather than files. */
export const secretInEnv = defineYamlRule({
  id: 'k8s/secret-in-env',
  kind: 'kubernetes',
  title: { en: 'Mount secrets as files, not environment variables', de: 'Secrets als Dateien einhängen, nicht als Umgebungsvariablen' },
  severity: 'info',
  levels: ['L2', 'L3'],
  references: ['CL-3.2.1', 'CL-3.2.2'],
  external: [owaspK8s('K03')],
  equivalents: ['checkov:CKV_K8S_35', 'kube-linter:read-secret-from-env-var'],
  messages: {
    default: {
      en: 'Container "{container}" receives Secret "{secret}" as environment variables; mount it as a read-only volume instead.',
      de: 'Container "{container}" erhält Secret "{secret}" als Umgebungsvariablen; stattdessen als schreibgeschütztes Volume einhängen.',
    },
  },
  docs: {
    rationale: {
      en: 'Environment variables are inherited by child processes, show up in crash dumps and debug output, and cannot be rotated without a restart.',
      de: 'Umgebungsvariablen erben Kindprozesse, sie erscheinen in Crash-Dumps und Debug-Ausgaben und lassen sich nicht ohne Neustart rotieren.',
    },
    fix: { en: 'Mount the Secret as a volume (readOnly) and let the application read the file.', de: 'Das Secret als Volume (readOnly) einhängen und die Anwendung die Datei lesen lassen.' },
    bad: 'env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: password}',
    good: 'volumeMounts:\n- name: db\n  mountPath: /run/secrets/db\n  readOnly: true',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      const container = containerName(c);
      for (const e of seqItems(mapGet(c.node, 'env'))) {
        const pair = mapPair(mapGet(e, 'valueFrom'), 'secretKeyRef');
        if (pair) out.push(findingOn(c.pod.object, c.pod.document.keyRange(pair), { args: { container, secret: scalarString(mapGet(pair.value, 'name')) ?? '?' } }));
      }
      for (const e of seqItems(mapGet(c.node, 'envFrom'))) {
        const pair = mapPair(e, 'secretRef');
        if (pair) out.push(findingOn(c.pod.object, c.pod.document.keyRange(pair), { args: { container, secret: scalarString(mapGet(pair.value, 'name')) ?? '?' } }));
      }
    }
    return out;
  },
});
