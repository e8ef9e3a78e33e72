/**
 * Image references, one parser for the rules and the registry client. The grammar and the
 * normalisation follow Docker (distribution/reference `ParseNormalizedNamed`):
 * `[domain[:port]/]path[:tag][@digest]`, Docker Hub as the default domain, `library/` for
 * single-segment Hub names. {@link parseReference} validates as `docker pull` does (the registry
 * client); {@link parseImageReference} splits what is written the same way but tolerates what Docker
 * would reject, since the rules judge files that may hold variables or mistakes.
 */

import { hasVariable } from './variables';

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

/** A reference as `docker pull` normalises it (the registry client's view). */
export interface NormalizedReference {
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
export type ParseResult = { readonly ok: true; readonly ref: NormalizedReference } | { readonly ok: false; readonly error: ReferenceError };

/**
 * True when the first segment of a name with a `/` is a registry: `localhost`, a host with a dot or
 * a port, or anything with upper case (Docker's splitDockerDomain); else the name is Docker Hub's.
 */
export function isDomainPart(first: string): boolean {
  return first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
}

/** Splits a name into domain and remote name following Docker's normalisation rules. */
export function splitDockerDomain(name: string): { domain: string; remote: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { domain: DOCKER_HUB, remote: `library/${name}` };
  const maybeDomain = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === LEGACY_HUB) [domain, remote] = [DOCKER_HUB, rest];
  else if (isDomainPart(maybeDomain)) [domain, remote] = [maybeDomain, rest];
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
export function fullName(ref: NormalizedReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The name as Docker shows it: Hub's domain and `library/` dropped. */
export function familiarName(ref: NormalizedReference): string {
  if (ref.domain !== DOCKER_HUB) return fullName(ref);
  const rest = ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
  return rest.includes('/') ? ref.path : rest;
}

/** The full canonical string `domain/path[:tag][@digest]`. */
export function formatReference(ref: NormalizedReference): string {
  return `${fullName(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** An image reference as the rules read it, written text kept, with Docker's defaults applied; variables allowed. */
export interface ImageReference {
  /** The text as written. */
  readonly raw: string;
  /** Registry host (`docker.io` when none is written). */
  readonly registry: string;
  /** Repository path as resolved (`library/python` for `python`). */
  readonly repository: string;
  /** Repository as written, without registry (`python`, `bitnami/redis`). */
  readonly name: string;
  /** Tag as written, or null. */
  readonly tag: string | null;
  /** Digest (`sha256:…`) as written, or null. */
  readonly digest: string | null;
  /** True when the text contains a `$` variable and cannot be resolved statically. */
  readonly variable: boolean;
}

const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** Whether a registry name is Docker Hub under any of its aliases. */
export function isDockerHub(registry: string): boolean {
  return HUB_ALIASES.has(registry.toLowerCase());
}

/**
 * Parses an image reference (`[registry/]repo[:tag][@digest]`) the way Docker resolves it, tolerating
 * what Docker would reject (variables, upper case, stray characters): the rules judge what is written. Never throws.
 */
export function parseImageReference(raw: string): ImageReference {
  const text = raw.trim();
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : null;
  const rest = at >= 0 ? text.slice(0, at) : text;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : null;
  const path = colon > slash ? rest.slice(0, colon) : rest;
  const first = path.split('/')[0] ?? '';
  const hasRegistry = path.includes('/') && isDomainPart(first);
  const registry = hasRegistry ? first.toLowerCase() : DOCKER_HUB;
  const name = hasRegistry ? path.slice(first.length + 1) : path;
  const repository = isDockerHub(registry) && !name.includes('/') ? `library/${name}` : name;
  return { raw, registry: isDockerHub(registry) ? DOCKER_HUB : registry, repository, name, tag, digest, variable: hasVariable(text) };
}

/** True when an entry (`registry` or `registry/path`) of the trusted list covers the image. */
export function isTrusted(ref: ImageReference, trusted: readonly string[]): boolean {
  const full = `${ref.registry}/${ref.repository}`.toLowerCase();
  return trusted.some((entry) => {
    const e = entry.trim().toLowerCase().replace(/\/+$/, '');
    const [host, ...path] = e.split('/');
    const normal = [isDockerHub(host ?? '') ? DOCKER_HUB : host, ...path].join('/');
    return full === normal || full.startsWith(`${normal}/`);
  });
}

/**
 * True for the `latest` tag in any case: tags are case-sensitive, but `LATEST` and `Latest` are
 * moving tags all the same, and no release is named so.
 */
export const isLatestTag = (tag: string): boolean => tag.toLowerCase() === 'latest';
