// A token server for the registry's `auth: token`: it signs RS256 JWTs with a self-signed
// certificate that the registry trusts through `rootcertbundle`.
import { randomBytes, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type * as net from 'node:net';
import { join } from 'node:path';
import { selfSigned, type SelfSigned } from './x509';

/** A token server the registry's `auth: token` trusts: anonymous pull for public repositories, Basic credentials for `private/…`. */
export interface TokenServer {
  readonly port: number;
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  readonly certPath: string;
  /** Requests seen: scope and whether credentials came with them. */
  readonly requests: { scope: string; user: string | undefined }[];
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** Starts the token server; its signing certificate is written for the registry's `rootcertbundle`. */
export async function startTokenServer(dir: string, users: Readonly<Record<string, string>>, refreshTokens: Readonly<Record<string, string>> = {}): Promise<TokenServer> {
  const cert: SelfSigned = selfSigned('bollwerk-test-token-issuer');
  const certPath = join(dir, 'token-issuer.crt');
  writeFileSync(certPath, cert.certPem);
  const service = 'bollwerk-test-registry';
  const issuer = 'bollwerk-test-issuer';
  const requests: { scope: string; user: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => answer(req, res, body));
  });
  // GET with optional Basic credentials, or POST of an OAuth2 refresh-token form (identity tokens).
  const answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    const form = new URLSearchParams(req.method === 'POST' ? body : '');
    const scope = (req.method === 'POST' ? form.get('scope') : url.searchParams.get('scope')) ?? '';
    const authz = req.headers.authorization ?? '';
    let user: string | undefined;
    if (req.method === 'POST') {
      user = form.get('grant_type') === 'refresh_token' ? refreshTokens[form.get('refresh_token') ?? ''] : undefined;
      if (!user) return void res.writeHead(401).end('{"details":"bad refresh token"}');
    } else if (authz.startsWith('Basic ')) {
      const [u = '', p = ''] = Buffer.from(authz.slice(6), 'base64').toString().split(':');
      if (users[u] !== p) return void res.writeHead(401).end('{"details":"bad credentials"}');
      user = u;
    }
    requests.push({ scope, user });
    const [, name = '', actions = ''] = scope.split(':');
    const allowed = name.startsWith('private/') && !user ? [] : actions.split(',').filter((a) => a === 'pull');
    const now = Math.floor(Date.now() / 1000);
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [cert.certDer.toString('base64')] }));
    const claims = b64url(JSON.stringify({ iss: issuer, sub: user ?? '', aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access: [{ type: 'repository', name, actions: allowed }] }));
    const signature = b64url(sign('sha256', Buffer.from(`${head}.${claims}`), cert.privateKey));
    const jwt = `${head}.${claims}.${signature}`;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(req.method === 'POST' ? { access_token: jwt, expires_in: 300 } : { token: jwt, expires_in: 300 }));
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { port, realm: `http://127.0.0.1:${port}/token`, service, issuer, certPath, requests, stop: () => new Promise((r) => server.close(() => r())) };
}
