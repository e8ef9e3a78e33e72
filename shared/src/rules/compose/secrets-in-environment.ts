import { defineYamlRule } from '../../define';
import { secretKindMessages, secretValueKind, secretVerdict, type SecretVerdict } from '../../facts/secrets';
import type { ComposeService } from '../../parse/compose';
import { composeBuildArgs, composeEnvironment, type EnvVar } from '../../parse/compose-settings';
import type { RawFinding } from '../../types';
import { eachService, owasp } from './common';

/** Why a variable holds a literal credential: its value's shape (checked also where it interpolates), else its name and literal value. */
export function literalSecret(env: EnvVar): SecretVerdict {
  if (env.value === undefined) return undefined;
  if (env.interpolated) {
    const kind = secretValueKind(env.value);
    return kind ? { by: 'value', kind } : undefined;
  }
  return secretVerdict(env.name, env.value);
}

const ADVICE_EN = 'move it to a secret (secrets:, mounted at /run/secrets/…) or at least to an untracked .env file and interpolate it.';
const ADVICE_DE = 'in ein Secret verschieben (secrets:, eingehängt unter /run/secrets/…) oder mindestens in eine nicht eingecheckte .env-Datei und per Interpolation einsetzen.';

/** The findings of one list of variables: `environment:` or `build.args`. */
function findings(service: ComposeService, vars: readonly EnvVar[], where: 'environment' | 'build'): RawFinding[] {
  const out: RawFinding[] = [];
  for (const env of vars) {
    const verdict = literalSecret(env);
    if (!verdict) continue;
    const messageId = where === 'build' ? (verdict.by === 'value' ? 'buildValue' : 'buildName') : verdict.by === 'value' ? verdict.kind : 'default';
    out.push({ range: service.document.rangeOf(env.node), messageId, args: { service: service.name, name: env.name } });
  }
  return out;
}

/** Literal credentials in `environment:` (map and list forms). The value is never printed. */
export const secretsInEnvironment = defineYamlRule({
  id: 'compose/secrets-in-environment',
  kind: 'compose',
  title: { en: 'Do not put credentials in environment variables', de: 'Keine Zugangsdaten in Umgebungsvariablen' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-3.1.1', 'CL-3.1.2', 'CL-3.2.1', 'CSC-2.4.1', 'CSC-2.4.2', 'OTC-C6'],
  external: [owasp(12)],
  messages: {
    default: {
      en: `Service "{service}" sets {name} to a literal credential in the Compose file; ${ADVICE_EN}`,
      de: `Service "{service}" setzt {name} in der Compose-Datei auf ein wörtliches Geheimnis; ${ADVICE_DE}`,
    },
    ...secretKindMessages((what) => ({
      en: `Service "{service}" sets {name} to a value that looks like ${what.en}; ${ADVICE_EN}`,
      de: `Service "{service}" setzt {name} auf einen Wert, der wie ${what.de} aussieht; ${ADVICE_DE}`,
    })),
    buildName: {
      en: 'Service "{service}" passes the build argument {name} as a literal credential; build arguments stay readable in the image history: use a build secret (build.secrets, RUN --mount=type=secret).',
      de: 'Service "{service}" übergibt das Build-Argument {name} als wörtliches Geheimnis; Build-Argumente bleiben in der Image-Historie lesbar: ein Build-Secret verwenden (build.secrets, RUN --mount=type=secret).',
    },
    buildValue: {
      en: 'Service "{service}" passes the build argument {name} with a value that looks like a credential; build arguments stay readable in the image history: use a build secret (build.secrets, RUN --mount=type=secret).',
      de: 'Service "{service}" übergibt das Build-Argument {name} mit einem Wert, der wie ein Geheimnis aussieht; Build-Argumente bleiben in der Image-Historie lesbar: ein Build-Secret verwenden (build.secrets, RUN --mount=type=secret).',
    },
  },
  docs: {
    rationale: {
      en: 'A password, token or key written into the Compose file is in version control, in every clone and CI log that prints the configuration, and in `docker inspect` of the container. Environment variables also leak to child processes and crash reports. Build arguments (`build.args`) are checked the same way: they stay readable in the image history. A value is a credential by its name (DB_PASSWORD, apiKey) or by its shape whatever its name (a private key, a cloud access key, a token, a JWT, a connection string with a password).',
      de: 'Ein Passwort, Token oder Schlüssel in der Compose-Datei steht in der Versionsverwaltung, in jedem Klon und in jedem CI-Protokoll, das die Konfiguration ausgibt, und in `docker inspect` des Containers. Umgebungsvariablen gelangen außerdem an Kindprozesse und in Absturzberichte. Build-Argumente (`build.args`) werden ebenso geprüft: sie bleiben in der Image-Historie lesbar. Ein Wert ist ein Geheimnis durch seinen Namen (DB_PASSWORD, apiKey) oder, wie auch immer er heißt, durch seine Form (ein privater Schlüssel, ein Cloud-Zugriffsschlüssel, ein Token, ein JWT, ein Verbindungs-String mit Passwort).',
    },
    fix: {
      en: 'Declare a top-level `secrets:` entry (file or external), grant it to the service and point the application at `/run/secrets/<name>` (many images read `<NAME>_FILE`). Rotate the credential: it is in the history.',
      de: 'Einen `secrets:`-Eintrag auf oberster Ebene anlegen (Datei oder extern), ihn dem Service gewähren und die Anwendung auf `/run/secrets/<name>` verweisen (viele Images lesen `<NAME>_FILE`). Das Geheimnis austauschen: es steht in der Historie.',
    },
    bad: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: <literal password>',
    good: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt',
  },
  fixable: false,
  check(file) {
    return eachService(file, (service) => [...findings(service, composeEnvironment(service), 'environment'), ...findings(service, composeBuildArgs(service), 'build')]);
  },
});
