import { defineYamlRule } from '../../define';
import { owaspK8s } from '../../checklist/external';
import { isMap } from 'yaml';
import { secretKindMessages, secretVerdict } from '../../facts/secrets';
import { containerName, containersOf, isKind } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarString, seqItems, type YamlFile } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, objectName, valueRange } from './support/findings';

const ADVICE_EN = 'reference a Secret mounted as a file instead.';
const ADVICE_DE = 'stattdessen ein als Datei eingehängtes Secret referenzieren.';

/** Literal secrets in the env values of the file's containers. */
function envFindings(file: YamlFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const c of containersOf(file)) {
    for (const e of seqItems(mapGet(c.node, 'env'))) {
      const name = scalarString(mapGet(e, 'name'));
      const pair = mapPair(e, 'value');
      const value = scalarString(pair?.value);
      const verdict = name && pair && value !== undefined ? secretVerdict(name, value) : undefined;
      if (!verdict || !pair) continue;
      const messageId = verdict.by === 'value' ? verdict.kind : 'default';
      out.push(findingOn(c.pod.object, valueRange(c.pod.document, pair), { messageId, args: { name: name!, container: containerName(c) } }));
    }
  }
  return out;
}

/** Literal secrets in ConfigMap data: a value shaped like a credential, or a key named like a secret with a literal value. */
function configMapFindings(file: YamlFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const o of file.objects) {
    if (!isKind(o, 'ConfigMap', /^v1$/)) continue;
    const data = mapGet(o.node, 'data');
    if (!isMap(data)) continue;
    for (const pair of data.items) {
      const key = scalarString(pair.key);
      const value = scalarString(pair.value);
      const verdict = key !== undefined && value !== undefined ? secretVerdict(key, value) : undefined;
      if (!verdict) continue;
      const messageId = verdict.by === 'value' ? 'configMapValue' : 'configMapName';
      out.push(findingOn(o, o.document.keyRange(pair), { messageId, args: { name: key!, object: objectName(o) } }));
    }
  }
  return out;
}

/** Secrets written as literal environment values into the manifest. */
export const secretLiteralEnv = defineYamlRule({
  id: 'k8s/secret-literal-env',
  kind: 'kubernetes',
  title: { en: 'No literal secrets in environment variables', de: 'Keine Geheimnisse als Klartext in Umgebungsvariablen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-3.1.1', 'CL-3.2.1', 'CSC-2.4.2', 'OTC-C6'],
  external: [owaspK8s('K03')],
  equivalents: ['kube-linter:env-var-secret', 'kube-linter:configmap-with-credentials', 'kubescape:C-0012'],
  messages: {
    default: {
      en: `Environment variable {name} of container "{container}" holds a literal secret in the manifest; ${ADVICE_EN}`,
      de: `Umgebungsvariable {name} des Containers "{container}" enthält ein Geheimnis im Klartext im Manifest; ${ADVICE_DE}`,
    },
    ...secretKindMessages((what) => ({
      en: `The value of environment variable {name} of container "{container}" looks like ${what.en}; ${ADVICE_EN}`,
      de: `Der Wert der Umgebungsvariable {name} des Containers "{container}" sieht aus wie ${what.de}; ${ADVICE_DE}`,
    })),
    configMapName: {
      en: 'ConfigMap "{object}" holds a literal secret under {name}; ConfigMaps are readable by everyone who may read the namespace\'s configuration: move it into a Secret.',
      de: 'ConfigMap "{object}" enthält unter {name} ein Geheimnis im Klartext; ConfigMaps darf jeder lesen, der die Konfiguration des Namespace lesen darf: in ein Secret verschieben.',
    },
    configMapValue: {
      en: 'ConfigMap "{object}" holds a value under {name} that looks like a credential (a key, a token or a password in a connection string); move it into a Secret.',
      de: 'ConfigMap "{object}" enthält unter {name} einen Wert, der wie ein Zugangsgeheimnis aussieht (ein Schlüssel, ein Token oder ein Passwort in einem Verbindungs-String); in ein Secret verschieben.',
    },
  },
  docs: {
    rationale: {
      en: 'Values in a manifest end up in the repository, in CI logs and in the API server for everyone who can read the workload. A value is a secret by its name (DB_PASSWORD, apiKey) or by its shape whatever its name (a private key, a cloud access key, a token, a JWT, a connection string with a password); ConfigMap data is checked the same way, since a ConfigMap is no place for a secret.',
      de: 'Werte in einem Manifest landen im Repository, in CI-Logs und im API-Server für alle, die den Workload lesen dürfen. Ein Wert ist ein Geheimnis durch seinen Namen (DB_PASSWORD, apiKey) oder, wie auch immer er heißt, durch seine Form (ein privater Schlüssel, ein Cloud-Zugriffsschlüssel, ein Token, ein JWT, ein Verbindungs-String mit Passwort); Daten einer ConfigMap werden ebenso geprüft, denn eine ConfigMap ist kein Ort für Geheimnisse.',
    },
    fix: { en: 'Move the value into a Secret (managed outside the repository) and mount it as a file.', de: 'Den Wert in ein Secret verschieben (außerhalb des Repositorys verwaltet) und als Datei einhängen.' },
    bad: 'env:\n- name: DB_PASSWORD\n  value: hunter2',
    good: 'volumeMounts:\n- name: db\n  mountPath: /run/secrets/db\n  readOnly: true',
  },
  fixable: false,
  check: (file) => [...envFindings(file), ...configMapFindings(file)],
});
