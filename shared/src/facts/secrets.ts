import type { Localized } from '../types';

/**
 * Whether a variable's name says it holds a secret, and whether a value has the shape of a
 * credential whatever its name. Dockerfile ENV/ARG, Compose `environment:` and `build.args`, and
 * Kubernetes env values and ConfigMap data ask the same questions. Messages name the variable only,
 * never the value.
 */

/** What a credential-shaped value is. */
export type SecretKind = 'privateKey' | 'gcp' | 'aws' | 'azure' | 'jwt' | 'token' | 'connection';

/** Value shapes, most specific first: a service-account JSON also holds a private key. */
const VALUE_PATTERNS: readonly (readonly [SecretKind, RegExp])[] = [
  // a Google Cloud service-account key file: JSON with "type": "service_account" and its private key
  ['gcp', /"type"\s*:\s*"service_account"[\s\S]*"private_key"\s*:\s*"-----BEGIN|"private_key"\s*:\s*"-----BEGIN[\s\S]*"type"\s*:\s*"service_account"/],
  ['privateKey', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/],
  // AWS access key ids: long-term (AKIA) and temporary (ASIA)
  ['aws', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  // Azure storage and Service Bus connection strings carry the account's key
  ['azure', /\b(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{20,}={0,2}/],
  ['jwt', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  [
    'token',
    /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}|[sr]k_live_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36})/,
  ],
];

/** `scheme://user:password@` and `scheme://:password@` (Redis): the password group is checked for a placeholder. */
const CONNECTION = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/i;
/** A password that stands for another (`${DB_PASSWORD}`, `$(PW)`, `<password>`, `****`, `xxx`, `{{ .pw }}`). */
const PLACEHOLDER_PASSWORD = /^(?:[$*<{%]|x+$|\.\.\.$)/i;

/** The kind of credential a value holds, if it has the shape of one. */
export function secretValueKind(value: string): SecretKind | undefined {
  for (const [kind, pattern] of VALUE_PATTERNS) if (pattern.test(value)) return kind;
  // the pattern tries every letter as a scheme's start: a value without `://` is passed over at once
  const m = value.includes('://') ? CONNECTION.exec(value) : null;
  return m && !PLACEHOLDER_PASSWORD.test(m[1]!) ? 'connection' : undefined;
}

/** Words that name a secret wherever they stand in a name (`DB_PASSWORD`, `dbPassword`, `APITOKEN`). */
const SECRET_WORDS = new Set([
  'PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'PRIVATEKEY',
  'ACCESSKEY', 'SECRETKEY', 'AUTHKEY', 'CLIENTSECRET', 'MASTERKEY',
]);
/** The words before `KEY` that make it a secret in any name (`API_KEY`, `apiKey`, `MASTER_KEY_V2`). */
const KEY_PREFIXES = new Set(['API', 'PRIVATE', 'ACCESS', 'SECRET', 'AUTH', 'ENCRYPTION', 'SIGNING', 'MASTER', 'LICENSE', 'SESSION', 'APP', 'CLIENT']);
/**
 * The words before a final `KEY` that make it no secret: a key's public half or fingerprint
 * (`GPG_KEY`, `PUBLIC_KEY`), or a key into a table, cache or bucket (`SORT_KEY`, `CACHE_KEY`,
 * `S3_KEY`). Any other environment-variable name ending in `_KEY` (`REPLICA_SET_KEY`) is a secret.
 */
const PLAIN_KEYS = new Set([
  'GPG', 'PGP', 'PUBLIC', 'PUB', 'SORT', 'PRIMARY', 'PARTITION', 'FOREIGN', 'CACHE', 'ROUTING', 'IDEMPOTENCY', 'LOOKUP', 'INDEX',
  'SHARD', 'HASH', 'S3', 'OBJECT', 'BUCKET', 'MAP', 'GROUP', 'LABEL', 'FIELD', 'COLUMN', 'ROW', 'DEDUP', 'DEDUPLICATION', 'HOT', 'SHORTCUT',
]);
/** Last words of names that describe a secret (where it is, how it is used) rather than hold it: `PASSWORD_FILE`, `TOKEN_URL`, `KEY_PATH`. */
const DESCRIBES = new Set([
  'FILE', 'PATH', 'DIR', 'URL', 'URI', 'NAME', 'ENV', 'VAR', 'HEADER', 'LENGTH', 'LEN', 'TYPE', 'HOST', 'PORT', 'ENDPOINT', 'FIELD',
  'POLICY', 'MODE', 'ENABLED', 'REQUIRED', 'EXPIRY', 'TTL', 'TIMEOUT', 'LIFETIME', 'COUNT', 'SIZE', 'MIN', 'MAX', 'PREFIX', 'LOCATION',
  'SOURCE', 'ALGORITHM', 'ID', 'USER', 'USERNAME', 'PROVIDER', 'STORE', 'MANAGER', 'REF', 'KEYRING', 'FINGERPRINT', 'REGION', 'FORMAT',
  'EXPIRES', 'EXPIRE', 'EXPIRATION', 'VALIDITY', 'DURATION', 'INTERVAL', 'SECONDS', 'DAYS', 'HOURS', 'VERSION', 'KIND', 'METHOD',
  'STRATEGY', 'BACKEND', 'SERVICE', 'AUDIENCE', 'ISSUER', 'SCOPE', 'SCOPES', 'ROUNDS', 'ENABLE', 'HASH', 'NAMESPACE',
  // a file name's extension (ConfigMap keys name files: `secret.html`, `token.conf`)
  'HTML', 'HTM', 'CONF', 'CFG', 'JSON', 'YAML', 'YML', 'TXT', 'XML', 'PROPERTIES', 'INI', 'TOML', 'SH', 'PY', 'JS', 'TPL', 'TMPL', 'MD', 'CSS',
]);
/** Words that make a name a switch about a secret (`MYSQL_ALLOW_EMPTY_PASSWORD`, `GENERATE_SECRET`) or a tool (`INSTALL_SSHPASS`), not the secret. */
const SWITCH_WORDS = new Set(['ALLOW', 'EMPTY', 'RANDOM', 'ENABLE', 'DISABLE', 'REQUIRE', 'GENERATE', 'SKIP', 'USE', 'NO', 'INSTALL']);
/** Words that make a name ending in a plural (`MAX_NEW_TOKENS`, `NUM_KEYS`) a count of things, not one of them. */
const QUANTITY_WORDS = new Set(['MAX', 'MIN', 'NUM', 'NUMBER', 'COUNT', 'TOTAL', 'LIMIT']);
/** Names that are no secret although they end like one: the shell's working directories. */
const SHELL_NAMES = new Set(['PWD', 'OLDPWD']);

const MAYBE_SECRET = /PASS|PWD|SECRET|TOKEN|KEY|CREDENTIAL/;
/** An environment variable's name by convention: upper case, digits and underscores. */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/** A word that names a secret: one of SECRET_WORDS, also in the plural (`PASSWORDS`), or one ending in PASSWORD (`DBPASSWORD`). */
const isSecretWord = (w: string): boolean => SECRET_WORDS.has(w) || (w.endsWith('S') && SECRET_WORDS.has(w.slice(0, -1))) || /PASS(?:WORD|WD)S?$/.test(w);

/** The words of a name, upper-cased: `dbPassword` → DB PASSWORD, `api-key.v2` → API KEY V2. */
const wordsOf = (name: string): string[] =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);

/** True when a variable's name says it holds a secret (`DB_PASSWORD`, `apiKey`, `MASTER_KEY`), not where or how (`PASSWORD_FILE`). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  // every name this accepts holds one of these: most names are rejected without splitting
  if (!MAYBE_SECRET.test(upper) || SHELL_NAMES.has(upper)) return false;
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (!last || DESCRIBES.has(last) || words.some((w) => SWITCH_WORDS.has(w))) return false;
  if (last.endsWith('S') && SECRET_WORDS.has(last.slice(0, -1)) && words.some((w) => QUANTITY_WORDS.has(w))) return false;
  if (words.some(isSecretWord)) return true;
  // `DB_PASS`, `DOMAINPASS`, `MYSQL_PWD`; not `BYPASS`, `COMPASS`
  if (last === 'PWD' || (last.endsWith('PASS') && !/(?:BY|COM|SUR)PASS$/.test(last))) return true;
  if (words.some((w, k) => w === 'KEY' && k > 0 && KEY_PREFIXES.has(words[k - 1]!))) return true;
  // camelCase and dotted keys (`matchKey`, `ssl.key`) name settings, not variables: only the prefixes above count there
  const previous = words[words.length - 2];
  return last === 'KEY' && ENV_NAME.test(name) && previous !== undefined && /^[A-Z]+$/.test(previous) && !PLAIN_KEYS.has(previous);
}

/**
 * Values that cannot be a secret themselves: switches, references to a secret kept elsewhere, and
 * numbers of up to five digits, which under such names are lengths, lifetimes and ports
 * (`TOKEN_EXPIRES_IN=3600`), and as a password would be guessed at once anyway.
 */
const NOT_A_SECRET = /^(?:true|false|yes|no|on|off|none|null|nil|disabled?|enabled?|\d{1,5}|(?:file|vault|secretref|env):.*)$/i;
/** A value that is only a reference (`$X`, `${X:-…}`, `$(X)`, `{{ .x }}`, `<your-key>`). */
const REFERENCE = /^(?:\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([^)]*\)|\{\{.*\}\}|<[^<>]*>)$/s;
/** A file path: where a secret is kept, not the secret (`/run/secrets/db`, `./key.pem`, `~/.ssh/id`, `certs/tls.key`). */
const FILE_PATH = /^(?:\/|~\/|\.\.?\/)\S*$|^[\w.-]+(?:\/[\w.-]+)+\.[A-Za-z0-9]{1,5}$/;

/** True when a value under a secret's name is not a secret itself: empty, a switch, a reference or a file path. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim().replace(/^(['"])(.*)\1$/s, '$2').trim();
  return v === '' || NOT_A_SECRET.test(v) || REFERENCE.test(v) || FILE_PATH.test(v);
}

/** Why a variable holds a literal secret: the shape of its value, or its name; undefined when it does not. */
export type SecretVerdict = { readonly by: 'value'; readonly kind: SecretKind } | { readonly by: 'name' } | undefined;

/** Whether a variable with this name and literal value holds a secret: by the value's shape first, else by the name. */
export function secretVerdict(name: string, value: string): SecretVerdict {
  const kind = secretValueKind(value);
  if (kind) return { by: 'value', kind };
  return isSecretName(name) && !isPlaceholderValue(value) ? { by: 'name' } : undefined;
}

/** How messages name each kind of credential. */
export const SECRET_KIND_NAMES: Readonly<Record<SecretKind, Localized>> = {
  privateKey: { en: 'a private key', de: 'ein privater Schlüssel' },
  gcp: { en: 'a Google Cloud service-account key', de: 'ein Schlüssel eines Google-Cloud-Dienstkontos' },
  aws: { en: 'an AWS access key', de: 'ein AWS-Zugriffsschlüssel' },
  azure: { en: 'an Azure connection string with its account key', de: 'ein Azure-Verbindungs-String mit Kontoschlüssel' },
  jwt: { en: 'a JSON Web Token', de: 'ein JSON Web Token' },
  token: { en: 'an access token', de: 'ein Zugriffstoken' },
  connection: { en: 'a connection string with a password', de: 'ein Verbindungs-String mit Passwort' },
};

/** One message per kind of credential, keyed by the kind (a finding's messageId is its SecretKind). */
export function secretKindMessages(message: (what: Localized) => Localized): Record<SecretKind, Localized> {
  const out = {} as Record<SecretKind, Localized>;
  for (const kind of Object.keys(SECRET_KIND_NAMES) as SecretKind[]) out[kind] = message(SECRET_KIND_NAMES[kind]);
  return out;
}
