import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { forEachVariable } from './support/stages';
import { secretKindMessages, secretVerdict } from '../../facts/secrets';

const ADVICE_EN = 'it stays readable in the image (docker history, docker inspect); pass it with RUN --mount=type=secret at build time or as a runtime secret.';
const ADVICE_DE = 'er bleibt im Image lesbar (docker history, docker inspect); beim Bauen mit RUN --mount=type=secret oder zur Laufzeit als Secret übergeben.';

/** ENV/ARG that carry a literal secret. The message never repeats the value. */
export const noSecretsInEnv = defineDockerfileRule({
  id: 'dockerfile/no-secrets-in-env',
  kind: 'dockerfile',
  title: { en: 'No secrets in ENV or ARG', de: 'Keine Secrets in ENV oder ARG' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-3.1.1', 'CL-3.2.1', 'CSC-2.4.2', 'ART-2.5', 'OTC-C6'],
  external: [{ source: 'CIS Docker Benchmark', id: '4.10' }],
  equivalents: ['trivy:DS031', 'hadolint:DL3064', 'buildkit:SecretsUsedInArgOrEnv'],
  messages: {
    name: {
      en: `{keyword} {name} has a literal value and its name says it is a secret; ${ADVICE_EN}`,
      de: `{keyword} {name} hat einen literalen Wert, und der Name sagt, dass er ein Secret ist; ${ADVICE_DE}`,
    },
    ...secretKindMessages((what) => ({ en: `The value of {name} looks like ${what.en}; ${ADVICE_EN}`, de: `Der Wert von {name} sieht aus wie ${what.de}; ${ADVICE_DE}` })),
  },
  docs: {
    rationale: {
      en: 'ENV values and ARG defaults are stored in the image configuration and its history: anyone who can pull the image can read them, long after the secret was rotated in the repository.',
      de: 'ENV-Werte und ARG-Vorgaben werden in der Image-Konfiguration und ihrer Historie gespeichert: wer das Image ziehen kann, kann sie lesen, lange nachdem das Secret im Repository rotiert wurde.',
    },
    fix: {
      en: 'Remove the value. At build time use `RUN --mount=type=secret,id=token …` with `docker build --secret id=token,src=…`; at run time pass it from a secret store (Docker/Kubernetes secrets, a `*_FILE` variable pointing to a mounted file).',
      de: 'Den Wert entfernen. Beim Bauen `RUN --mount=type=secret,id=token …` mit `docker build --secret id=token,src=…` verwenden; zur Laufzeit aus einem Secret-Speicher übergeben (Docker-/Kubernetes-Secrets, eine `*_FILE`-Variable, die auf eine gemountete Datei zeigt).',
    },
    bad: 'ENV DB_PASSWORD=s3cr3t',
    good: 'ENV DB_PASSWORD_FILE=/run/secrets/db_password',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    forEachVariable(file, (p, keyword) => {
      const v = p.getValue();
      const valueRange = p.getValueRange();
      if (v === null || !valueRange) return;
      const name = p.getName();
      const verdict = secretVerdict(name, v);
      if (verdict?.by === 'value') findings.push({ range: valueRange, messageId: verdict.kind, args: { name, keyword } });
      else if (verdict) findings.push({ range: p.getNameRange(), messageId: 'name', args: { name, keyword } });
    });
    return findings;
  },
});
