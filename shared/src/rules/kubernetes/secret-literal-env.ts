import { defineYamlRule } from '../../define';
import { containerName, containersOf } from '../../parse/kubernetes';
import { mapGet, mapPair, scalarString, seqItems } from '../../parse/yaml';
import type { RawFinding } from '../../types';
import { findingOn, valueRange } from './support/findings';

const SECRET_NAME = /(?:^|_)(?:PASS(?:WORD|WD)?|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CREDENTIALS?|AUTH_?KEY|CLIENT_SECRET)(?:$|_)/i;
const NOT_A_SECRET = /(?:_(?:FILE|PATH|DIR|URL|URI|NAME|USER|USERNAME|LENGTH|ENABLED|REF|KEY_ID|ID|TTL|EXPIRY|HEADER|ENDPOINT)|^(?:.*_)?(?:TOKEN|SECRET)_(?:TYPE|LIFETIME|TIMEOUT))$/i;
const FLAG_WORDS = /(?:^|_)(?:ALLOW|EMPTY|RANDOM|ENABLE|ENABLED|DISABLE|DISABLED|REQUIRE|REQUIRED|GENERATE|POLICY|METHOD|MODE|SKIP)(?:$|_)/i;
const PLACEHOLDER = /^(?:\$\([^)]*\)|\$\{[^}]*\}|\{\{.*\}\}|<[^>]*>|true|false|yes|no|none|null|[01])$/i;
/** Values that name a file rather than hold the secret (`/var/secrets/key.json`). */
const FILE_PATH = /^(?:\/|~\/|\.\/)[^\s]*$/;

/** True when an environment variable name says it holds a secret. */
export const isSecretName = (name: string): boolean => SECRET_NAME.test(name) && !NOT_A_SECRET.test(name) && !FLAG_WORDS.test(name);

/** Secrets written as literal environment values into the manifest. */
export const secretLiteralEnv = defineYamlRule({
  id: 'k8s/secret-literal-env',
  kind: 'kubernetes',
  title: { en: 'No literal secrets in environment variables', de: 'Keine Geheimnisse als Klartext in Umgebungsvariablen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-3.1.1', 'CL-3.2.1', 'CSC-2.4.2', 'OTC-C6'],
  equivalents: ['kube-linter:env-var-secret'],
  messages: {
    default: {
      en: 'Environment variable {name} of container "{container}" holds a literal secret in the manifest; reference a Secret mounted as a file instead.',
      de: 'Umgebungsvariable {name} des Containers "{container}" enthält ein Geheimnis im Klartext im Manifest; stattdessen ein als Datei eingehängtes Secret referenzieren.',
    },
  },
  docs: {
    rationale: {
      en: 'Values in a manifest end up in the repository, in CI logs and in the API server for everyone who can read the workload.',
      de: 'Werte in einem Manifest landen im Repository, in CI-Logs und im API-Server für alle, die den Workload lesen dürfen.',
    },
    fix: { en: 'Move the value into a Secret (managed outside the repository) and mount it as a file.', de: 'Den Wert in ein Secret verschieben (außerhalb des Repositorys verwaltet) und als Datei einhängen.' },
    bad: 'env:\n- name: DB_PASSWORD\n  value: hunter2',
    good: 'volumeMounts:\n- name: db\n  mountPath: /run/secrets/db\n  readOnly: true',
  },
  fixable: false,
  check(file) {
    const out: RawFinding[] = [];
    for (const c of containersOf(file)) {
      for (const e of seqItems(mapGet(c.node, 'env'))) {
        const name = scalarString(mapGet(e, 'name'));
        const pair = mapPair(e, 'value');
        const value = scalarString(pair?.value);
        if (!name || !pair || value === undefined || value.trim() === '' || PLACEHOLDER.test(value.trim()) || FILE_PATH.test(value.trim()) || !isSecretName(name)) continue;
        out.push(findingOn(c.pod.object, valueRange(c.pod.document, pair), { args: { name, container: containerName(c) } }));
      }
    }
    return out;
  },
});
