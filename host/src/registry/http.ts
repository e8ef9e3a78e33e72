import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import { proxyFor, type ProxyEnv } from './proxy';

/** A response with its whole body (registry answers are small: manifests, tokens, errors). */
export interface HttpResponse {
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** True when the request went through a proxy. */
  readonly proxied: boolean;
}

/** Why a request got no response. */
export type HttpFailure = 'timeout' | 'tls' | 'refused' | 'network' | 'proxy' | 'too-large';

/** A response or the reason there is none. */
export type HttpResult = { readonly ok: true; readonly response: HttpResponse } | { readonly ok: false; readonly failure: HttpFailure; readonly detail: string };

/** One request. */
export interface HttpRequest {
  readonly method: 'GET' | 'HEAD' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Absolute time (ms since epoch) after which the request is abandoned. */
  readonly deadline: number;
  readonly env: ProxyEnv;
  /** Extra trusted CA certificates (PEM) for this host, added to Node's bundled roots. */
  readonly ca?: readonly string[];
  readonly maxBytes?: number;
}

const MAX_BYTES = 8 * 1024 * 1024;

const failure = (f: HttpFailure, detail: string): HttpResult => ({ ok: false, failure: f, detail });

/** Sorts an undici or socket error into the failures the messages explain. */
function classify(e: unknown): HttpFailure {
  const err = e as NodeJS.ErrnoException & { name?: string };
  const code = err.code ?? '';
  const message = String(err.message ?? '');
  if (err.name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'BOLLWERK_TOO_LARGE') return 'too-large';
  if (/^Proxy response \(\d+\)/.test(message) || code === 'UND_ERR_PRX_TLS') return 'proxy';
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /CERT|SSL|self[- ]signed|certificate/i.test(`${code} ${message}`)) return 'tls';
  return 'network';
}

/** The error undici gave, or the one beneath it when it only wraps a socket error. */
const rootCause = (e: unknown): unknown => {
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error && (e as NodeJS.ErrnoException).code === undefined ? cause : e;
};

/** TLS settings for a registry: its name for SNI and certificate checks, plus its own CAs. */
function tlsOptions(hostname: string, ca: readonly string[] | undefined): { servername?: string; ca?: string[] } {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return {
    ...(isIP(bare) ? {} : { servername: bare }),
    ...(ca && ca.length > 0 ? { ca: [...rootCertificates, ...ca] } : {}),
  };
}

/**
 * The dispatcher of one request: a direct connection, or a proxy from HTTPS_PROXY/HTTP_PROXY and
 * NO_PROXY as {@link proxyFor} chooses it (which keeps loopback direct and reads CIDR entries, as
 * Go does). Through the proxy, HTTPS goes in a CONNECT tunnel and plain HTTP as an absolute-URI request.
 */
function dispatcherFor(r: HttpRequest, timeoutMs: number): { dispatcher: Dispatcher; proxied: boolean } {
  const scheme = r.url.protocol === 'https:' ? 'https' : 'http';
  const proxy = proxyFor(scheme, r.url.host, r.env);
  const tls = tlsOptions(r.url.hostname, r.ca);
  const common = { connectTimeout: timeoutMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, pipelining: 0 };
  if (!proxy) return { dispatcher: new Agent({ ...common, connect: { ...tls, timeout: timeoutMs } }), proxied: false };
  return { dispatcher: new ProxyAgent({ ...common, uri: proxy.href, requestTls: { ...tls, timeout: timeoutMs }, proxyTunnel: scheme === 'https' }), proxied: true };
}

/** Reads a body up to `limit` bytes; a longer one is abandoned. */
async function readBody(body: Dispatcher.ResponseData['body'], limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > limit) {
      body.destroy();
      throw Object.assign(new Error(`response larger than ${limit} bytes`), { code: 'BOLLWERK_TOO_LARGE' });
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** An error text with the user and password of any URL in it (a proxy's, say) removed. */
export const withoutUserInfo = (text: string): string => text.replace(/(\/\/)[^/@\s]*@/g, '$1');

/** Sends one request with undici (redirects are never followed here) and reads the whole answer. Never throws. */
export async function send(r: HttpRequest): Promise<HttpResult> {
  const timeoutMs = Math.max(1, r.deadline - Date.now());
  const { dispatcher, proxied } = dispatcherFor(r, timeoutMs);
  try {
    const res = await request(r.url, {
      method: r.method,
      headers: { 'user-agent': 'bollwerk', ...r.headers },
      ...(r.body !== undefined ? { body: r.body } : {}),
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await readBody(res.body, r.maxBytes ?? MAX_BYTES);
    return { ok: true, response: { status: res.statusCode, headers: res.headers, body, proxied } };
  } catch (e) {
    const cause = rootCause(e);
    return failure(classify(cause), withoutUserInfo(String((cause as Error).message ?? cause)));
  } finally {
    void dispatcher.destroy().catch(() => undefined);
  }
}

/** A header's first value. */
export function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
