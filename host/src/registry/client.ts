import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { basicAuth, parseChallenges, pullScope, tokenFrom, type Challenge } from './auth';
import type { CredentialLookup, Credentials } from './credentials';
import { header, send, type HttpResponse } from './http';
import { CONFIG_TYPES, configDigest, configUser, isIndex, platformManifest } from './image-config';
import type { ProxyEnv } from './proxy';
import { isLoopback, registryHost, type ImageReference } from './reference';
import { MAX_HOPS, mayCarryCredentials, nextHop, REDIRECTS, type Hop } from './redirect';

/** Media types a pin accepts, best first: multi-platform indexes, then single manifests. */
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

const INDEX_TYPES: readonly string[] = MANIFEST_TYPES.slice(0, 2);
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** Why a tag could not be resolved. */
export type ResolveFailure = 'not-found' | 'unauthorized' | 'denied' | 'timeout' | 'refused' | 'network' | 'tls' | 'proxy' | 'too-large' | 'digest-mismatch' | 'registry-error';

/** The digest a tag points at, or why it is unknown. */
export type Resolution =
  | { readonly ok: true; readonly digest: string; readonly mediaType: string; readonly multiPlatform: boolean }
  | { readonly ok: false; readonly failure: ResolveFailure; readonly detail: string };

/** Settings of a registry client. */
export interface ClientOptions {
  readonly timeoutMs: number;
  /** Registries (`host:port`) reached over plain HTTP when HTTPS fails, besides loopback ones. */
  readonly insecureRegistries: readonly string[];
  readonly env: ProxyEnv;
  readonly credentials?: CredentialLookup;
  /** Docker's per-registry CA folder (`<dir>/<host:port>/*.crt`); default `/etc/docker/certs.d`. */
  readonly certsDir?: string;
}

/** The user an image's configuration sets (`''`: none, the image runs as root), or why it is unknown. */
export type UserResolution = { readonly ok: true; readonly user: string; readonly digest: string } | { readonly ok: false; readonly failure: ResolveFailure; readonly detail: string };

/** Asks registries for manifest digests and image configurations. */
export interface RegistryClient {
  resolve(ref: ImageReference): Promise<Resolution>;
  /** Reads `config.User` of the image (the linux/amd64 image of an index, else its first linux one). */
  imageUser?(ref: ImageReference): Promise<UserResolution>;
}

type Resource = 'manifests' | 'blobs';

type Failure = Extract<Resolution, { ok: false }>;
/** An answer and the URL that gave it (after redirects), or why there is none. */
type Answer = { readonly ok: true; readonly response: HttpResponse; readonly url: URL } | Failure;
const fail = (failure: ResolveFailure, detail: string): Failure => ({ ok: false, failure, detail });

/** Creates a client; it remembers tokens and each insecure host's scheme for its lifetime. */
export function createRegistryClient(options: ClientOptions): RegistryClient {
  const tokens = new Map<string, { value: string; expires: number }>();
  const schemes = new Map<string, 'https' | 'http'>();
  const certsDir = options.certsDir ?? '/etc/docker/certs.d';

  const caFor = async (host: string): Promise<string[]> => {
    try {
      const dir = join(certsDir, host.replace(/[/\\]/g, '_'));
      const names = (await readdir(dir)).filter((n) => n.endsWith('.crt'));
      return Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
    } catch {
      return [];
    }
  };

  const insecure = (domain: string, host: string): boolean =>
    isLoopback(host) || options.insecureRegistries.some((r) => r === host || r === domain);

  /** One request, following redirects as {@link nextHop} allows; the answer and the URL that gave it. */
  const request = async (first: Hop, deadline: number): Promise<Answer> => {
    let hop = first;
    for (let n = 0; n <= MAX_HOPS; n++) {
      if (hop.headers.Authorization !== undefined && !hop.anonymous && !mayCarryCredentials(hop.url)) return fail('tls', `refusing to send credentials over plain HTTP to ${hop.url.host}`);
      const res = await send({ ...hop, deadline, env: options.env, ca: await caFor(hop.url.host) });
      if (!res.ok) return res;
      if (!REDIRECTS.includes(res.response.status)) return { ...res, url: hop.url };
      const next = nextHop(hop, res.response.status, header(res.response, 'location'));
      if ('refused' in next) return fail('registry-error', `${hop.url.host}: ${next.refused}`);
      hop = next;
    }
    return fail('network', 'too many redirects');
  };

  const fetchToken = async (c: Challenge, scope: string, creds: Credentials | undefined, allowPlain: boolean, deadline: number): Promise<string | Failure> => {
    const realm = c.params.realm;
    if (!realm) return fail('registry-error', 'bearer challenge without realm');
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      return fail('registry-error', 'bearer realm is not a URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (allowPlain || isLoopback(url.host)))) return fail('tls', `token service ${url.host} is not HTTPS`);
    // credentials travel over TLS, or over plain HTTP to this machine only
    if (creds && !mayCarryCredentials(url)) return fail('tls', `refusing to send credentials over plain HTTP to the token service ${url.host}`);
    const service = c.params.service;
    const key = `${realm}|${service ?? ''}|${scope}|${creds ? 'auth' : 'anon'}`;
    const cached = tokens.get(key);
    if (cached && cached.expires > Date.now()) return cached.value;
    let res: Answer;
    if (creds && 'identityToken' in creds) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, client_id: 'bollwerk', scope, ...(service ? { service } : {}) });
      res = await request({ method: 'POST', url, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() }, deadline);
    } else {
      if (service) url.searchParams.set('service', service);
      url.searchParams.set('scope', scope);
      const headers: Record<string, string> = creds ? { Authorization: basicAuth(creds.username, creds.password) } : {};
      res = await request({ method: 'GET', url, headers }, deadline);
    }
    if (!res.ok) return fail(res.failure, `token service: ${res.detail}`);
    const status = res.response.status;
    if (status === 401) return fail('unauthorized', 'the token service refused the credentials');
    if (status === 403) return fail('denied', 'the token service denied access');
    if (status !== 200) return fail('registry-error', `token service answered ${status}`);
    const token = tokenFrom(res.response.body);
    if (!token) return fail('registry-error', 'token service answered without a token');
    tokens.set(key, { value: token, expires: Date.now() + 50_000 });
    return token;
  };

  /** A manifest request with the auth dance: anonymous first, then Bearer or Basic as challenged. */
  const manifest = async (ref: ImageReference, scheme: string, host: string, method: 'GET' | 'HEAD', tag: string, deadline: number, allowPlain: boolean, resource: Resource = 'manifests'): Promise<Answer> => {
    const url = new URL(`${scheme}://${host}/v2/${ref.path}/${resource}/${encodeURIComponent(tag)}`);
    const headers: Record<string, string> = { Accept: (resource === 'manifests' ? MANIFEST_TYPES : CONFIG_TYPES).join(', ') };
    const first = await request({ method, url, headers }, deadline);
    if (!first.ok || first.response.status !== 401) return first;
    const challenges = parseChallenges(header(first.response, 'www-authenticate') ?? '');
    const found = await options.credentials?.(ref.domain);
    // plain HTTP carries no credentials beyond this machine: an insecure registry is asked anonymously
    const creds = found && mayCarryCredentials(url) ? found : undefined;
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      const token = await fetchToken(bearer, pullScope(ref.path), creds, allowPlain, deadline);
      if (typeof token !== 'string') return token;
      // a token got with credentials is a credential too; an anonymous one may go to an insecure registry
      return request({ method, url, headers: { ...headers, Authorization: `Bearer ${token}` }, anonymous: creds === undefined }, deadline);
    }
    if (challenges.some((c) => c.scheme === 'basic') && found && 'username' in found) {
      if (!creds) return fail('tls', `refusing to send credentials over plain HTTP to ${host}`);
      return request({ method, url, headers: { ...headers, Authorization: basicAuth(found.username, found.password) } }, deadline);
    }
    return first;
  };

  /**
   * A digest is taken only from the registry itself: the answer must come from its host and port,
   * over HTTPS, or over plain HTTP where that is allowed (loopback, insecure registries the user named).
   */
  const fromRegistry = (answer: URL, scheme: 'https' | 'http', host: string, allowPlain: boolean): Failure | undefined => {
    // compared as URLs: `Host:443` and `host` are one registry
    if (answer.host !== new URL(`${scheme}://${host}`).host) return fail('registry-error', `the manifest was answered by ${answer.host}, not by the registry; a digest is taken only from the registry itself`);
    if (answer.protocol !== 'https:' && !allowPlain) return fail('tls', `the manifest was answered over plain HTTP; a digest is taken only over HTTPS from ${host}`);
    return undefined;
  };

  const fromResponse = (res: HttpResponse, method: 'GET' | 'HEAD'): Resolution | undefined => {
    const { status } = res;
    if (status === 401) return fail('unauthorized', 'the registry requires credentials (docker login)');
    if (status === 403) return fail('denied', 'the registry denied access');
    if (status === 404) return method === 'HEAD' ? undefined : fail('not-found', errorCode(res.body) ?? 'manifest unknown');
    if (status !== 200) return method === 'HEAD' ? undefined : fail('registry-error', `registry answered ${status}${errorCode(res.body) ? ` (${errorCode(res.body)})` : ''}`);
    const mediaType = (header(res, 'content-type') ?? '').split(';')[0]!.trim();
    const claimed = header(res, 'docker-content-digest');
    if (method === 'HEAD') {
      if (!claimed || !DIGEST.test(claimed)) return undefined; // no usable digest: GET the body
      return { ok: true, digest: claimed, mediaType, multiPlatform: INDEX_TYPES.includes(mediaType) };
    }
    const algorithm = claimed && DIGEST.test(claimed) ? (claimed.split(':')[0] as 'sha256' | 'sha512') : 'sha256';
    const actual = `${algorithm}:${createHash(algorithm).update(res.body).digest('hex')}`;
    if (claimed && claimed !== actual) return fail('digest-mismatch', `the registry claimed ${claimed} but the manifest hashes to ${actual}`);
    const type = mediaType || bodyMediaType(res.body) || '';
    return { ok: true, digest: claimed ?? actual, mediaType: type, multiPlatform: INDEX_TYPES.includes(type) };
  };

  const attempt = async (ref: ImageReference, scheme: 'https' | 'http', host: string, tag: string, allowPlain: boolean): Promise<Resolution | 'retry'> => {
    const deadline = Date.now() + options.timeoutMs;
    for (const method of ['HEAD', 'GET'] as const) {
      const res = await manifest(ref, scheme, host, method, tag, deadline, allowPlain);
      if (!res.ok) {
        // not when HTTPS is known to work for this host; but when another request found plain HTTP
        // while this one was trying HTTPS, this one falls back too
        const fallback = method === 'HEAD' && scheme === 'https' && allowPlain && schemes.get(host) !== 'https';
        return fallback && (res.failure === 'tls' || res.failure === 'network') ? 'retry' : res;
      }
      const foreign = fromRegistry(res.url, scheme, host, allowPlain);
      if (foreign) return foreign;
      const out = fromResponse(res.response, method);
      if (out) return out;
    }
    return fail('registry-error', 'no manifest');
  };

  /** A document by digest, from the registry itself, checked against the digest. */
  const document = async (ref: ImageReference, scheme: 'https' | 'http', host: string, digest: string, resource: Resource, allowPlain: boolean, deadline: number): Promise<{ ok: true; text: string } | Failure> => {
    const res = await manifest(ref, scheme, host, 'GET', digest, deadline, allowPlain, resource);
    if (!res.ok) return res;
    const foreign = fromRegistry(res.url, scheme, host, allowPlain);
    if (foreign) return foreign;
    const { status, body } = res.response;
    if (status === 401) return fail('unauthorized', 'the registry requires credentials (docker login)');
    if (status === 403) return fail('denied', 'the registry denied access');
    if (status === 404) return fail('not-found', `${resource === 'blobs' ? 'config blob' : 'manifest'} ${digest} unknown`);
    if (status !== 200) return fail('registry-error', `registry answered ${status}`);
    const algorithm = digest.split(':')[0] as 'sha256' | 'sha512';
    const actual = `${algorithm}:${createHash(algorithm).update(body).digest('hex')}`;
    if (actual !== digest) return fail('digest-mismatch', `${digest} was asked for but the registry's answer hashes to ${actual}`);
    return { ok: true, text: body.toString('utf8') };
  };

  /** Manifest (→ platform manifest) → config blob → `config.User`, each document checked against its digest. */
  const readUser = async (ref: ImageReference, digest: string, allowPlain: boolean): Promise<UserResolution> => {
    const host = registryHost(ref.domain);
    const scheme = schemes.get(host) ?? 'https';
    const deadline = Date.now() + options.timeoutMs;
    let manifestDoc = await document(ref, scheme, host, digest, 'manifests', allowPlain, deadline);
    if (!manifestDoc.ok) return manifestDoc;
    if (isIndex(manifestDoc.text)) {
      const entry = platformManifest(manifestDoc.text);
      if (!entry.ok) return fail('registry-error', entry.detail);
      manifestDoc = await document(ref, scheme, host, entry.digest, 'manifests', allowPlain, deadline);
      if (!manifestDoc.ok) return manifestDoc;
    }
    const config = configDigest(manifestDoc.text);
    if (!config.ok) return fail('registry-error', config.detail);
    const blob = await document(ref, scheme, host, config.digest, 'blobs', allowPlain, deadline);
    if (!blob.ok) return blob;
    const user = configUser(blob.text);
    return user.ok ? { ok: true, user: user.user, digest } : fail('registry-error', user.detail);
  };

  const client: RegistryClient = {
    async imageUser(ref) {
      // the digest first (as a pin resolves it): every later document is then checked against a digest
      const resolved = ref.digest ? { ok: true as const, digest: ref.digest } : await client.resolve(ref);
      if (!resolved.ok) return resolved;
      const host = registryHost(ref.domain);
      return readUser(ref, resolved.digest, insecure(ref.domain, host));
    },
    async resolve(ref) {
      const host = registryHost(ref.domain);
      const tag = ref.tag ?? 'latest';
      const allowPlain = insecure(ref.domain, host);
      const known = schemes.get(host);
      const first = await attempt(ref, known ?? 'https', host, tag, allowPlain);
      if (first !== 'retry') {
        if (!known && first.ok) schemes.set(host, 'https');
        return first;
      }
      // As Docker does for insecure registries: HTTPS first, plain HTTP when TLS fails.
      const second = await attempt(ref, 'http', host, tag, allowPlain);
      if (second === 'retry') return fail('network', 'no answer over HTTPS or HTTP');
      if (second.ok || second.failure !== 'network') schemes.set(host, 'http');
      return second;
    },
  };
  return client;
}

function errorCode(body: Buffer): string | undefined {
  try {
    const json = JSON.parse(body.toString('utf8')) as { errors?: { code?: unknown }[] };
    const code = json.errors?.[0]?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function bodyMediaType(body: Buffer): string | undefined {
  try {
    const json = JSON.parse(body.toString('utf8')) as { mediaType?: unknown };
    return typeof json.mediaType === 'string' ? json.mediaType : undefined;
  } catch {
    return undefined;
  }
}
