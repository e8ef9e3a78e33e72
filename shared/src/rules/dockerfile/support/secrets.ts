/** What a credential-looking value is. */
export type SecretKind = 'aws' | 'privateKey' | 'jwt' | 'connection' | 'token';

const VALUE_PATTERNS: readonly [SecretKind, RegExp][] = [
  ['privateKey', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['aws', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['jwt', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  ['token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|xox[abprs]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,}|sk_live_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36})\b/],
];
const CONNECTION = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/i;

/** The kind of credential a value contains, if it looks like one. */
export function credentialIn(value: string): SecretKind | undefined {
  for (let k = 0; k < VALUE_PATTERNS.length; k++) if (VALUE_PATTERNS[k]![1].test(value)) return VALUE_PATTERNS[k]![0];
  // the pattern tries every letter as a scheme's start: a value without `://` is passed over at once
  const m = value.includes('://') ? CONNECTION.exec(value) : null;
  if (m && !/^[$*<{]|^x+$/i.test(m[1]!)) return 'connection';
  return undefined;
}

const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'AUTHKEY', 'CLIENTSECRET']);
const KEY_PREFIXES = new Set(['API', 'PRIVATE', 'ACCESS', 'SECRET', 'AUTH', 'ENCRYPTION', 'SIGNING', 'MASTER', 'LICENSE']);
const NOT_A_VALUE = new Set([
  'FILE', 'PATH', 'DIR', 'URL', 'URI', 'NAME', 'ENV', 'VAR', 'HEADER', 'LENGTH', 'LEN', 'TYPE', 'HOST', 'PORT', 'ENDPOINT', 'FIELD',
  'POLICY', 'MODE', 'ENABLED', 'REQUIRED', 'EXPIRY', 'TTL', 'TIMEOUT', 'LIFETIME', 'COUNT', 'SIZE', 'MIN', 'MAX', 'PREFIX', 'LOCATION',
  'SOURCE', 'ALGORITHM', 'ID', 'USER', 'USERNAME', 'PROVIDER', 'STORE', 'MANAGER', 'REF', 'KEYRING', 'FINGERPRINT', 'REGION', 'FORMAT',
  'EXPIRES', 'EXPIRATION', 'VALIDITY', 'DURATION', 'INTERVAL', 'SECONDS', 'DAYS', 'HOURS', 'VERSION', 'KIND', 'METHOD', 'STRATEGY',
  'BACKEND', 'SERVICE', 'AUDIENCE', 'ISSUER', 'SCOPE', 'SCOPES',
]);

const MAYBE_SECRET = /PASS|PWD|SECRET|TOKEN|KEY|CREDENTIAL/;

/** True when a variable name says it holds a secret (`DB_PASSWORD`, `apiKey`), but not a reference to one (`PASSWORD_FILE`). */
export function isSecretName(name: string): boolean {
  // every name this accepts holds one of these words (SECRET_WORDS, PASS, PWD, KEY): most names are rejected without splitting
  if (!MAYBE_SECRET.test(name.toUpperCase())) return false;
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  const last = parts[parts.length - 1];
  if (!last || NOT_A_VALUE.has(last)) return false;
  if (parts.some((p) => SECRET_WORDS.has(p))) return true;
  if (last === 'PASS' || last === 'PWD') return true;
  return parts.some((p, k) => p === 'KEY' && k > 0 && KEY_PREFIXES.has(parts[k - 1]!));
}

/** True when a literal value is not a secret in itself: empty, a boolean, a number flag, a variable reference or a file path. */
export function isHarmlessValue(value: string): boolean {
  const v = value.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (v === '' || /^(true|false|yes|no|on|off|none|null|\d{1,5})$/i.test(v)) return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-+?][^}]*)?\}?$/.test(v)) return true;
  return v.startsWith('/') && !/\s/.test(v);
}
