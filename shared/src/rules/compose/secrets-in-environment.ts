import { defineYamlRule } from '../../define';
import { composeEnvironment, type EnvVar } from '../../parse/compose-settings';
import { eachService, owasp } from './common';

/** Names of variables that carry credentials. */
const SECRET_NAME = /(?:^|_)(?:PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|ACCESS_KEY|ACCESS_KEY_ID|SECRET_KEY|PRIVATE_KEY|CLIENT_SECRET|CREDENTIALS?|AUTH_KEY|MASTER_KEY|ENCRYPTION_KEY|SIGNING_KEY|LICENSE_KEY|SESSION_KEY|DSN)(?:_|$)|PASSWORD|SECRET|(?:^|_)KEY$|(?<!BY)PASS$/i;

/** Names that only describe a secret (where it is, how long it lives), not hold it. */
const NOT_A_SECRET_NAME = /(?:_FILE|_PATH|_DIR|_LOCATION|_TTL|_EXPIRY|_EXPIRES?|_EXPIRATION|_LIFETIME|_TIMEOUT|_LENGTH|_SIZE|_ENABLED?|_REQUIRED|_POLICY|_HEADER|_TYPE|_METHOD|_ALGORITHM|_NAME|_USER(?:NAME)?|_ID|_URI_PREFIX|_ISSUER|_AUDIENCE|_ENDPOINT|_URL|_HOST|_PORT|_MODE|_FORMAT|_HASH_ROUNDS|_MIN|_MAX)$|^PWD$|^OLDPWD$/i;

/** Values that are not credentials: empty, booleans, placeholders for another mechanism, file paths. */
const NOT_A_SECRET_VALUE = /^(?:|true|false|yes|no|on|off|null|none|disabled?|enabled?|\/run\/secrets\/.*|\/.*|file:.*|vault:.*|secretref:.*)$/i;

/** Values that are credentials whatever the variable is called. */
const CREDENTIAL_VALUES: readonly RegExp[] = [
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@$]+@/i, // URL with user:password@
  /\bAKIA[0-9A-Z]{16}\b/, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, // GitHub token
  /\bglpat-[A-Za-z0-9_-]{20,}\b/, // GitLab token
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, // Slack token
  /\bsk_live_[A-Za-z0-9]{16,}\b/, // Stripe secret key
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, // JWT
];

/** Whether an environment variable holds a literal credential. */
export function isLiteralSecret(env: EnvVar): boolean {
  if (env.value === undefined || env.interpolated) return false;
  const value = env.value.trim();
  if (CREDENTIAL_VALUES.some((re) => re.test(value))) return true;
  return SECRET_NAME.test(env.name) && !NOT_A_SECRET_NAME.test(env.name) && !NOT_A_SECRET_VALUE.test(value);
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
      en: 'Service "{service}" sets {name} to a literal credential in the Compose file; move it to a secret (secrets:, mounted at /run/secrets/…) or at least to an untracked .env file and interpolate it.',
      de: 'Service "{service}" setzt {name} in der Compose-Datei auf ein wörtliches Geheimnis; in ein Secret verschieben (secrets:, eingehängt unter /run/secrets/…) oder mindestens in eine nicht eingecheckte .env-Datei und per Interpolation einsetzen.',
    },
  },
  docs: {
    rationale: {
      en: 'A password, token or key written into the Compose file is in version control, in every clone and CI log that prints the configuration, and in `docker inspect` of the container. Environment variables also leak to child processes and crash reports.',
      de: 'Ein Passwort, Token oder Schlüssel in der Compose-Datei steht in der Versionsverwaltung, in jedem Klon und in jedem CI-Protokoll, das die Konfiguration ausgibt, und in `docker inspect` des Containers. Umgebungsvariablen gelangen außerdem an Kindprozesse und in Absturzberichte.',
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
    return eachService(file, (service) =>
      composeEnvironment(service)
        .filter(isLiteralSecret)
        .map((env) => ({ range: service.document.rangeOf(env.node), args: { service: service.name, name: env.name } })),
    );
  },
});
