import { hostnameOf, isLoopback } from './reference';

/** Environment variables the proxy choice reads. */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

const envAny = (env: ProxyEnv, ...names: string[]): string | undefined => {
  for (const n of names) {
    const v = env[n];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
};

const defaultPort = (scheme: string): string => (scheme === 'https' ? '443' : '80');

/** True when a `NO_PROXY` entry covers host:port (Go's net/http/httpproxy semantics). */
export function matchesNoProxy(noProxy: string, host: string, port: string): boolean {
  const h = host.toLowerCase();
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort = '';
    const bracket = entry.match(/^\[([^\]]+)\](?::(\d+))?$/);
    if (bracket) [entry, entryPort] = [bracket[1] ?? '', bracket[2] ?? ''];
    else if (/^[^:]+:\d+$/.test(entry)) [entry, entryPort] = entry.split(':') as [string, string];
    if (entryPort !== '' && entryPort !== port) continue;
    if (entry.includes('/') && ipInCidr(h, entry)) return true;
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.')) {
      if (h.endsWith(entry) || h === entry.slice(1)) return true;
    } else if (h === entry || h.endsWith(`.${entry}`)) return true;
  }
  return false;
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [base = '', bitsText = ''] = cidr.split('/');
  const toInt = (s: string): number | undefined => {
    const parts = s.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
    return parts.reduce((a, p) => a * 256 + p, 0);
  };
  const a = toInt(ip);
  const b = toInt(base);
  const bits = Number(bitsText);
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}

/**
 * The proxy URL for a request, from `HTTPS_PROXY`/`HTTP_PROXY` (upper case first, as Go reads
 * them) and `NO_PROXY`. Loopback hosts are never proxied, as Go's and therefore Docker's client
 * never proxies them.
 */
export function proxyFor(scheme: 'http' | 'https', hostAndPort: string, env: ProxyEnv): URL | undefined {
  if (isLoopback(hostAndPort)) return undefined;
  const raw = scheme === 'https' ? envAny(env, 'HTTPS_PROXY', 'https_proxy') : envAny(env, 'HTTP_PROXY', 'http_proxy');
  if (!raw) return undefined;
  const host = hostnameOf(hostAndPort);
  const colon = hostAndPort.lastIndexOf(':');
  const port = colon > hostAndPort.lastIndexOf(']') && colon !== -1 ? hostAndPort.slice(colon + 1) : defaultPort(scheme);
  const noProxy = envAny(env, 'NO_PROXY', 'no_proxy');
  if (noProxy && matchesNoProxy(noProxy, host, port)) return undefined;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}
