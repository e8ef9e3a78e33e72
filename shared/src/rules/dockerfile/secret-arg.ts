import { defineDockerfileRule } from '../../define';
import { cisDocker } from '../../checklist/external';
import { isSecretName, secretVerdict } from '../../facts/secrets';
import type { RawFinding } from '../../types';
import { forEachVariable } from './support/stages';

const ADVICE_EN = 'pass it with RUN --mount=type=secret (docker build --secret) instead.';
const ADVICE_DE = 'stattdessen mit RUN --mount=type=secret übergeben (docker build --secret).';

/**
 * An ARG whose name says it carries a secret, whatever its value (a build argument is recorded in
 * the image history), and an ENV of such a name that copies a variable into the image
 * configuration. A literal secret value is dockerfile/no-secrets-in-env's finding, so it is left to
 * that rule; an ENV with a path or an empty default holds no secret.
 */
export const secretArg = defineDockerfileRule({
  id: 'dockerfile/secret-arg',
  kind: 'dockerfile',
  title: { en: 'Do not pass secrets as ARG or ENV', de: 'Secrets nicht als ARG oder ENV übergeben' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-3.1.1', 'CL-3.2.1', 'CSC-2.4.2', 'ART-2.5', 'OTC-C6'],
  external: [cisDocker('4.10')],
  equivalents: ['hadolint:DL3064', 'buildkit:SecretsUsedInArgOrEnv', 'trivy:DS031'],
  messages: {
    ARG: {
      en: `ARG {name} is named like a secret: a build argument's value is recorded in the image history (docker history) for anyone who pulls the image; ${ADVICE_EN}`,
      de: `ARG {name} ist wie ein Secret benannt: der Wert eines Build-Arguments steht in der Image-Historie (docker history) für jeden, der das Image zieht; ${ADVICE_DE}`,
    },
    ENV: {
      en: `ENV {name} is named like a secret: its value is stored in the image configuration (docker inspect) for anyone who pulls the image; ${ADVICE_EN}`,
      de: `ENV {name} ist wie ein Secret benannt: sein Wert steht in der Image-Konfiguration (docker inspect) für jeden, der das Image zieht; ${ADVICE_DE}`,
    },
  },
  docs: {
    rationale: {
      en: 'A value given with `--build-arg` is written into the image history of every RUN that sees it, and an ENV is part of the image configuration: both travel with the image to every registry and every host that pulls it. BuildKit\'s secret mounts give a RUN the secret as a file that is never stored in a layer.',
      de: 'Ein mit `--build-arg` übergebener Wert wird in die Image-Historie jedes RUN geschrieben, das ihn sieht, und ein ENV ist Teil der Image-Konfiguration: beide reisen mit dem Image in jede Registry und auf jeden Host, der es zieht. BuildKits Secret-Mounts geben einem RUN das Secret als Datei, die nie in einer Schicht gespeichert wird.',
    },
    fix: {
      en: 'Remove the ARG/ENV and read the secret from a secret mount in the RUN that needs it: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`, built with `docker build --secret id=npm_token,env=NPM_TOKEN .`.',
      de: 'ARG/ENV entfernen und das Secret im RUN, das es braucht, aus einem Secret-Mount lesen: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`, gebaut mit `docker build --secret id=npm_token,env=NPM_TOKEN .`.',
    },
    bad: 'ARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci',
    good: 'RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
  },
  fixable: false,
  check(file) {
    const findings: RawFinding[] = [];
    forEachVariable(file, (p, keyword) => {
      const name = p.getName();
      if (!isSecretName(name)) return;
      const value = p.getValue();
      if (value !== null && secretVerdict(name, value)) return;
      // an ENV keeps what it is given: only a variable (a build argument's value) can put a secret there
      if (keyword === 'ENV' && !value?.includes('$')) return;
      findings.push({ range: p.getNameRange(), messageId: keyword, args: { name } });
    });
    return findings;
  },
});
