import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { proxyFor, type ProxyEnv } from './proxy';

/** A response with its whole body (registry answers are small: manifests, tokens, errors). */
export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
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

function classify(e: unknown): HttpFailure {
  const err = e as NodeJS.ErrnoException & { library?: string; reason?: string };
  const code = err.code ?? '';
  if (code === 'ETIMEDOUT' || code === 'BOLLWERK_TIMEOUT') return 'timeout';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /CERT|SSL|self[- ]signed|certificate/i.test(code + String(err.message))) return 'tls';
  if (code === 'BOLLWERK_PROXY') return 'proxy';
  if (code === 'BOLLWERK_TOO_LARGE') return 'too-large';
  return 'network';
}

const coded = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code });

function waitFor(socket: Duplex, event: 'connect' | 'secureConnect'): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once(event, () => resolve());
    socket.once('error', reject);
  });
}

function tlsOptions(host: string, ca: readonly string[] | undefined): tls.ConnectionOptions {
  const hostname = host.replace(/^\[|\]$/g, '');
  return {
    ...(net.isIP(hostname) ? {} : { servername: hostname }),
    ...(ca && ca.length > 0 ? { ca: [...tls.rootCertificates, ...ca] } : {}),
    ALPNProtocols: ['http/1.1'],
  };
}

async function tunnel(proxy: URL, target: URL, track: (s: Duplex) => void): Promise<Duplex> {
  const headers: Record<string, string> = { Host: target.host };
  if (proxy.username) headers['Proxy-Authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
  const req = http.request({ host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port || 80), method: 'CONNECT', path: `${target.hostname}:${target.port || 443}`, headers, agent: false });
  req.on('socket', track);
  return new Promise((resolve, reject) => {
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(coded('BOLLWERK_PROXY', `proxy answered CONNECT with ${res.statusCode}`));
      }
    });
    req.once('error', reject);
    req.end();
  });
}

/** Opens the connection for a request: direct, through an HTTP proxy, or a CONNECT tunnel. */
async function open(r: HttpRequest, track: (s: Duplex) => void): Promise<{ socket: Duplex; proxy: URL | undefined }> {
  const scheme = r.url.protocol === 'https:' ? 'https' : 'http';
  const proxy = proxyFor(scheme, r.url.host, r.env);
  const host = r.url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(r.url.port || (scheme === 'https' ? 443 : 80));
  if (scheme === 'https') {
    const raw = proxy ? await tunnel(proxy, r.url, track) : undefined;
    const socket = tls.connect({ ...tlsOptions(r.url.hostname, r.ca), ...(raw ? { socket: raw } : { host, port }) });
    track(socket);
    await waitFor(socket, 'secureConnect');
    return { socket, proxy };
  }
  const socket = proxy
    ? net.connect(Number(proxy.port || 80), proxy.hostname.replace(/^\[|\]$/g, ''))
    : net.connect(port, host);
  track(socket);
  await waitFor(socket, 'connect');
  return { socket, proxy };
}

function exchange(r: HttpRequest, socket: Duplex, proxy: URL | undefined, track: (s: Duplex) => void): Promise<HttpResponse> {
  const headers: Record<string, string> = { Host: r.url.host, 'User-Agent': 'bollwerk', Connection: 'close', ...r.headers };
  if (proxy && r.url.protocol === 'http:' && proxy.username) {
    headers['Proxy-Authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
  }
  if (r.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(r.body));
  const path = proxy && r.url.protocol === 'http:' ? r.url.href : `${r.url.pathname}${r.url.search}`;
  const limit = r.maxBytes ?? MAX_BYTES;
  return new Promise((resolve, reject) => {
    const req = http.request({ method: r.method, path, headers, createConnection: () => socket as net.Socket });
    req.on('socket', track);
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) res.destroy(coded('BOLLWERK_TOO_LARGE', `response larger than ${limit} bytes`));
        else chunks.push(c);
      });
      res.once('error', reject);
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), proxied: proxy !== undefined }));
    });
    req.end(r.body);
  });
}

/** Sends one request (no redirects followed) and reads the whole answer. Never throws. */
export async function send(r: HttpRequest): Promise<HttpResult> {
  const sockets: Duplex[] = [];
  const track = (s: Duplex): void => void sockets.push(s);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(coded('BOLLWERK_TIMEOUT', 'timed out')), Math.max(0, r.deadline - Date.now()));
  });
  try {
    const response = await Promise.race([
      (async () => {
        const { socket, proxy } = await open(r, track);
        return exchange(r, socket, proxy, track);
      })(),
      timeout,
    ]);
    return { ok: true, response };
  } catch (e) {
    return failure(classify(e), (e as Error).message);
  } finally {
    clearTimeout(timer);
    for (const s of sockets) s.destroy();
  }
}

/** A header's first value. */
export function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
