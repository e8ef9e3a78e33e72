/** One challenge of a `WWW-Authenticate` header. */
export interface Challenge {
  /** Lower-cased scheme: `bearer`, `basic` … */
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses a `WWW-Authenticate` header (RFC 7235): one or more challenges, each a scheme followed
 * by `key=value` or `key="quoted \"value\""` parameters. Tolerant: malformed parts are skipped.
 */
export function parseChallenges(header: string): Challenge[] {
  const out: { scheme: string; params: Record<string, string> }[] = [];
  const re = /\s*(?:([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))|([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?=\s|,|$))\s*,?/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < header.length && (m = re.exec(header)) !== null) {
    if (m[0] === '') break;
    const [, key, quoted, token, scheme] = m;
    if (scheme !== undefined) out.push({ scheme: scheme.toLowerCase(), params: {} });
    else if (key !== undefined && out.length > 0) {
      out[out.length - 1]!.params[key.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (token ?? '');
    }
  }
  return out;
}

/** The `scope` of a pull of one repository, as the token service expects it. */
export function pullScope(path: string): string {
  return `repository:${path}:pull`;
}

/** Extracts the token from a token service's JSON answer (`token` or `access_token`). */
export function tokenFrom(body: Buffer): string | undefined {
  try {
    const json: unknown = JSON.parse(body.toString('utf8'));
    if (typeof json !== 'object' || json === null) return undefined;
    const rec = json as Record<string, unknown>;
    const t = rec.token ?? rec.access_token;
    return typeof t === 'string' && t !== '' ? t : undefined;
  } catch {
    return undefined;
  }
}

/** `Basic …` header value. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
