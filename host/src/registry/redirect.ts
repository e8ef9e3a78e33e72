import { isLoopback } from './reference';

/** The part of a request a redirect can change. */
export interface Hop {
  readonly method: 'GET' | 'HEAD' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The Authorization header holds no user credential (a token the service gave without one). */
  readonly anonymous?: boolean;
}

/** Status codes that redirect. */
export const REDIRECTS: readonly number[] = [301, 302, 303, 307, 308];

/** Hops followed at most before giving up. */
export const MAX_HOPS = 5;

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** True when a URL may carry credentials at all: HTTPS, or plain HTTP to a loopback host. */
export function mayCarryCredentials(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.host));
}

const withoutCredentials = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.includes(k.toLowerCase())));

/**
 * The request a redirect leads to, or why it is not followed. The policy:
 * - a POST is never redirected (it carries a form with a refresh token);
 * - only http and https locations without a user name or password in them are followed;
 * - credential headers stay only while scheme, host and port stay those of the request before,
 *   and (unless anonymous) never on plain HTTP to a host other than loopback; once dropped they do
 *   not come back, since each hop starts from the headers of the one before;
 * - 303 turns the request into a GET.
 */
export function nextHop(current: Hop, status: number, location: string | undefined): Hop | { readonly refused: string } {
  if (current.method === 'POST') return { refused: `redirect (${status}) of a POST not followed` };
  if (!location) return { refused: `redirect (${status}) without a Location` };
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    return { refused: `redirect (${status}) to an invalid Location` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { refused: `redirect (${status}) to a ${url.protocol} URL not followed` };
  if (url.username !== '' || url.password !== '') return { refused: `redirect (${status}) to a URL with a user name not followed` };
  const sameOrigin = url.protocol === current.url.protocol && url.host === current.url.host;
  const keep = sameOrigin && (current.anonymous === true || mayCarryCredentials(url));
  const headers = keep ? { ...current.headers } : withoutCredentials(current.headers);
  return { method: status === 303 ? 'GET' : current.method, url, headers, ...(keep && current.anonymous ? { anonymous: true } : {}) };
}
