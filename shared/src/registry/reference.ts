/**
 * Image references parsed as Docker parses them (distribution/reference: ParseNormalizedNamed):
 * `[domain[:port]/]path[:tag][@digest]`, Docker Hub as the default domain, `library/` for
 * single-segment Hub names, lower-case repository paths.
 */

/** Docker Hub's canonical domain in references. */
export const DOCKER_HUB = 'docker.io';
/** The host Docker Hub's registry API is served from. */
export const DOCKER_HUB_HOST = 'registry-1.docker.io';
const LEGACY_HUB = 'index.docker.io';
const NAME_TOTAL_LENGTH_MAX = 255;

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainAndPort = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const REFERENCE = new RegExp(`^((?:${domainAndPort}/)?${remoteName})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const NAME = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** The text as written. */
  readonly original: string;
  /** `docker.io`, `ghcr.io`, `127.0.0.1:5000`, `[::1]:5000` … */
  readonly domain: string;
  /** Repository path on the registry, e.g. `library/node`. */
  readonly path: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/** Why a reference could not be parsed. */
export type ReferenceError =
  | 'empty'
  | 'invalid-format'
  | 'uppercase'
  | 'name-too-long'
  | 'identifier'
  | 'digest-invalid-length'
  | 'digest-unsupported';

/** The outcome of parsing: a reference or the reason it is invalid. */
export type ParseResult = { readonly ok: true; readonly ref: ImageReference } | { readonly ok: false; readonly error: ReferenceError };

/** Splits a name into domain and remote name following Docker's normalisation rules. */
export function splitDockerDomain(name: string): { domain: string; remote: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { domain: DOCKER_HUB, remote: `library/${name}` };
  const maybeDomain = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, rest];
  else if (maybeDomain === LEGACY_HUB) [domain, remote] = [DOCKER_HUB, rest];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, rest];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, rest];
  else [domain, remote] = [DOCKER_HUB, name];
  if (domain === DOCKER_HUB && !remote.includes('/')) remote = `library/${remote}`;
  return { domain, remote };
}

/** Strict parse of a fully qualified reference (distribution/reference `Parse`). */
export function parseStrict(s: string): ParseResult {
  if (s === '') return { ok: false, error: 'empty' };
  const m = REFERENCE.exec(s);
  if (!m) {
    const lower = s.toLowerCase();
    return { ok: false, error: lower !== s && REFERENCE.test(lower) ? 'uppercase' : 'invalid-format' };
  }
  const name = m[1] ?? '';
  if (name.length > NAME_TOTAL_LENGTH_MAX) return { ok: false, error: 'name-too-long' };
  const digest = m[3];
  if (digest !== undefined) {
    const [algorithm = '', encoded = ''] = digest.split(':');
    const length = DIGEST_LENGTHS[algorithm];
    if (length === undefined) return { ok: false, error: 'digest-unsupported' };
    if (encoded.length !== length) return { ok: false, error: 'digest-invalid-length' };
    if (!/^[a-f0-9]+$/.test(encoded)) return { ok: false, error: 'invalid-format' };
  }
  const n = NAME.exec(name);
  const ref = { original: s, domain: n?.[1] ?? '', path: n?.[2] ?? name, tag: m[2], digest };
  return { ok: true, ref };
}

/** Parses a reference the way `docker pull` does (distribution/reference `ParseNormalizedNamed`). */
export function parseReference(s: string): ParseResult {
  if (IDENTIFIER.test(s)) return { ok: false, error: 'identifier' };
  if (s === '') return { ok: false, error: 'empty' };
  const { domain, remote } = splitDockerDomain(s);
  const tagSep = remote.indexOf(':');
  const repo = tagSep > -1 ? remote.slice(0, tagSep) : remote;
  if (repo.toLowerCase() !== repo) return { ok: false, error: 'uppercase' };
  const parsed = parseStrict(`${domain}/${remote}`);
  if (!parsed.ok) return parsed;
  return { ok: true, ref: { ...parsed.ref, original: s } };
}

/** `domain/path`, the fully qualified repository name. */
export function fullName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The name as Docker shows it: Hub's domain and `library/` dropped. */
export function familiarName(ref: ImageReference): string {
  if (ref.domain !== DOCKER_HUB) return fullName(ref);
  const rest = ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
  return rest.includes('/') ? ref.path : rest;
}

/** The full canonical string `domain/path[:tag][@digest]`. */
export function formatReference(ref: ImageReference): string {
  return `${fullName(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** The host (with port) that serves a domain's registry API. */
export function registryHost(domain: string): string {
  return domain === DOCKER_HUB ? DOCKER_HUB_HOST : domain;
}

/** Host name without port or IPv6 brackets. */
export function hostnameOf(hostAndPort: string): string {
  if (hostAndPort.startsWith('[')) return hostAndPort.slice(1, hostAndPort.indexOf(']'));
  const colon = hostAndPort.lastIndexOf(':');
  return colon === -1 ? hostAndPort : hostAndPort.slice(0, colon);
}

/** True for `localhost`, 127.0.0.0/8 and ::1: Docker reaches these over plain HTTP without being told. */
export function isLoopback(hostAndPort: string): boolean {
  const host = hostnameOf(hostAndPort).toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1' || host === '0:0:0:0:0:0:0:1';
}

export { hasVariable } from '../facts/variables';
