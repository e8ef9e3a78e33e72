// A scripted HTTP server on 127.0.0.1 (or another loopback address) that speaks TLS and plain
// HTTP on one port, as a registry behind a misconfigured front end might, and records every
// request with its headers and body: the redirect and credential tests read what arrived where.
import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { selfSigned } from './x509';

/** One request as the server saw it. */
export interface Seen {
  readonly secure: boolean;
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** Answers one request: status, headers and body. */
export type Script = (req: Seen) => { status: number; headers?: Record<string, string>; body?: string };

/** A running fake server. */
export interface FakeServer {
  readonly port: number;
  /** `<address>:<port>` */
  readonly host: string;
  /** The certificate's PEM (names: registry.test, localhost, 127.0.0.1). */
  readonly certPem: string;
  readonly seen: Seen[];
  stop(): Promise<void>;
}

/** Starts a server on `address` (default 127.0.0.1) that answers TLS and plain HTTP on one port by `script`. */
export async function startFake(script: Script, address = '127.0.0.1'): Promise<FakeServer> {
  const cert = selfSigned('registry.test', ['registry.test', 'localhost'], ['127.0.0.1']);
  const seen: Seen[] = [];
  const sockets = new Set<net.Socket>();
  const handler = (secure: boolean) => (req: http.IncomingMessage, res: http.ServerResponse): void => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const s: Seen = { secure, method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body };
      seen.push(s);
      const answer = script(s);
      res.writeHead(answer.status, answer.headers ?? {}).end(req.method === 'HEAD' ? undefined : answer.body ?? '');
    });
  };
  const plain = http.createServer(handler(false));
  const secure = http.createServer(handler(true));
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    // a TLS ClientHello starts with 0x16; anything else is plain HTTP
    socket.once('data', (first: Buffer) => {
      if (first[0] !== 0x16) {
        // the HTTP server reads from the socket's handle; the chunk already read is handed over as an event
        plain.emit('connection', socket);
        socket.emit('data', first);
        return;
      }
      socket.pause();
      socket.unshift(first);
      const wrapped = new tls.TLSSocket(socket, { isServer: true, cert: cert.certPem, key: cert.keyPem });
      wrapped.on('error', () => undefined);
      secure.emit('connection', wrapped);
    });
  });
  await new Promise<void>((r) => front.listen(0, address, r));
  const port = (front.address() as net.AddressInfo).port;
  return {
    port,
    host: `${address}:${port}`,
    certPem: cert.certPem,
    seen,
    stop: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      front.close(() => r());
    }),
  };
}

/** A Docker-Content-Digest that no test image has. */
export const FORGED_DIGEST = `sha256:${'f'.repeat(64)}`;

/** The headers of a manifest answer claiming `digest`. */
export const manifestHeaders = (digest: string): Record<string, string> => ({
  'Content-Type': 'application/vnd.oci.image.manifest.v1+json',
  'Docker-Content-Digest': digest,
});
