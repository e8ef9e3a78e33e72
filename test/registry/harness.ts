// Starts Debian's docker-registry (distribution 2.8) on 127.0.0.1 and pushes test images into it
// through the distribution HTTP API; also a token server the registry trusts and small TCP/proxy
// servers for failure cases.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { startTokenServer, type TokenServer } from './token-server';

/** The registry binary of Debian's `docker-registry` package. */
export const REGISTRY_BIN = process.env.BOLLWERK_REGISTRY_BIN ?? '/usr/bin/docker-registry';

/** Fails with a message naming the package when the binary is missing. */
export function requireRegistryBinary(bin: string = REGISTRY_BIN): void {
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: the digest-pinning tests need a real registry. Install Debian's packages: apt-get install -y docker-registry apache2-utils`);
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

const temps: string[] = [];

/** A temporary folder, removed by {@link removeTempDirs}. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bollwerk-${prefix}-`));
  temps.push(dir);
  return dir;
}

/** Removes every folder {@link tempDir} made. */
export function removeTempDirs(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A running registry process. */
export interface RunningRegistry {
  readonly port: number;
  /** `127.0.0.1:<port>` */
  readonly host: string;
  stop(): Promise<void>;
}

/** How the registry authenticates. */
export type RegistryAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'htpasswd'; readonly path: string }
  | { readonly kind: 'token'; readonly realm: string; readonly service: string; readonly issuer: string; readonly certPath: string };

/** Starts `docker-registry serve config.yml` with its own config and storage folder. */
export async function startRegistry(storage: string, auth: RegistryAuth, tls?: { cert: string; key: string }): Promise<RunningRegistry> {
  requireRegistryBinary();
  const port = await freePort();
  const dir = tempDir('registry-config');
  const authYaml =
    auth.kind === 'htpasswd'
      ? `auth:\n  htpasswd:\n    realm: bollwerk-test\n    path: ${auth.path}\n`
      : auth.kind === 'token'
        ? `auth:\n  token:\n    realm: ${auth.realm}\n    service: ${auth.service}\n    issuer: ${auth.issuer}\n    rootcertbundle: ${auth.certPath}\n`
        : '';
  const tlsYaml = tls ? `  tls:\n    certificate: ${tls.cert}\n    key: ${tls.key}\n` : '';
  const config = `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${storage}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n  secret: ${randomBytes(16).toString('hex')}\n${tlsYaml}${authYaml}`;
  writeFileSync(join(dir, 'config.yml'), config);
  const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  await waitUntilUp(child, port, () => stderr);
  return {
    port,
    host: `127.0.0.1:${port}`,
    stop: () => stopProcess(child).then(() => rmSync(dir, { recursive: true, force: true })),
  };
}

async function waitUntilUp(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${stderr()}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`docker-registry did not listen on ${port}: ${stderr()}`);
}

/** Kills a child process and waits for it to exit. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function pushBlob(base: string, repo: string, content: Buffer): Promise<{ digest: string; size: number }> {
  const digest = sha256(content);
  const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`upload start ${start.status}: ${await start.text()}`);
  const location = new URL(start.headers.get('location') ?? '', base);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', body: content, headers: { 'Content-Type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`blob put ${put.status}: ${await put.text()}`);
  return { digest, size: content.length };
}

/** PUTs a manifest and returns the digest the registry reports for it. */
export async function putManifest(base: string, repo: string, reference: string, mediaType: string, body: Buffer): Promise<string> {
  const res = await fetch(`${base}/v2/${repo}/manifests/${reference}`, { method: 'PUT', body, headers: { 'Content-Type': mediaType } });
  if (res.status !== 201) throw new Error(`manifest put ${res.status}: ${await res.text()}`);
  const digest = res.headers.get('docker-content-digest') ?? '';
  if (digest !== sha256(body)) throw new Error(`registry digest ${digest} differs from ${sha256(body)}`);
  return digest;
}

/** A pushed single-platform image. */
export interface Pushed {
  readonly digest: string;
  readonly size: number;
  readonly mediaType: string;
}

/** Pushes a one-layer image (`oci` or `docker` v2 media types) and tags it; `user` becomes the config's `User`. */
export async function pushImage(base: string, repo: string, tag: string | undefined, flavour: 'oci' | 'docker', arch = 'amd64', seed = '', user?: string): Promise<Pushed> {
  const layer = await pushBlob(base, repo, Buffer.from(`layer ${repo} ${arch} ${seed} ${randomBytes(8).toString('hex')}`));
  const settings = user === undefined ? {} : { config: { User: user } };
  const config = await pushBlob(base, repo, Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, seed, ...settings })));
  const oci = flavour === 'oci';
  const mediaType = oci ? 'application/vnd.oci.image.manifest.v1+json' : 'application/vnd.docker.distribution.manifest.v2+json';
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: oci ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json', digest: config.digest, size: config.size },
      layers: [{ mediaType: oci ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: layer.digest, size: layer.size }],
    }),
  );
  const digest = await putManifest(base, repo, tag ?? sha256(manifest), mediaType, manifest);
  return { digest, size: manifest.length, mediaType };
}

/** Pushes an amd64 and an arm64 image and a multi-platform index over them, tagged. */
export async function pushIndex(base: string, repo: string, tag: string, flavour: 'oci' | 'docker'): Promise<{ digest: string; children: string[] }> {
  const children = [await pushImage(base, repo, undefined, flavour, 'amd64'), await pushImage(base, repo, undefined, flavour, 'arm64')];
  const mediaType = flavour === 'oci' ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.docker.distribution.manifest.list.v2+json';
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: children.map((c, i) => ({ mediaType: c.mediaType, digest: c.digest, size: c.size, platform: { architecture: i === 0 ? 'amd64' : 'arm64', os: 'linux' } })),
    }),
  );
  return { digest: await putManifest(base, repo, tag, mediaType, index), children: children.map((c) => c.digest) };
}

/** A TCP server that accepts connections and never answers. */
export async function startSilentServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

/**
 * A forwarding proxy: CONNECT tunnels and absolute-URI HTTP requests. Names in `hosts` are mapped to
 * 127.0.0.1 (the only reachable address), so a non-loopback registry name can be proxied for real.
 */
export async function startProxy(hosts: Readonly<Record<string, string>>): Promise<{ port: number; seen: string[]; stop(): Promise<void> }> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const mapHost = (h: string): string => hosts[h] ?? h;
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = http.request({ host: mapHost(target.hostname), port: Number(target.port || 80), method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: net.Socket) => {
    seen.push(`CONNECT ${req.url}`);
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), mapHost(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => undefined);
    sockets.add(client).add(upstream);
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    seen,
    stop: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

/** An htpasswd file (bcrypt, as the registry requires) made with apache2-utils' htpasswd. */
export function makeHtpasswd(dir: string, users: Readonly<Record<string, string>>): string {
  const bin = '/usr/bin/htpasswd';
  if (!existsSync(bin)) throw new Error(`${bin} is missing: install Debian's package apache2-utils (apt-get install -y docker-registry apache2-utils)`);
  const lines = Object.entries(users).map(([u, p]) => execFileSync(bin, ['-Bbn', u, p], { encoding: 'utf8' }).trim());
  const path = join(dir, 'htpasswd');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * A reverse proxy in front of a registry that changes manifest answers: `strip` removes
 * Docker-Content-Digest (a registry that sends none), `lie` replaces it with a wrong digest.
 */
export async function startRewriter(target: number, mode: 'strip' | 'lie'): Promise<{ port: number; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const up = http.request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers }, (r) => {
      const headers = { ...r.headers };
      if (req.url?.includes('/manifests/')) {
        if (mode === 'strip' || req.method === 'HEAD') delete headers['docker-content-digest'];
        else headers['docker-content-digest'] = `sha256:${'e'.repeat(64)}`;
      }
      res.writeHead(r.statusCode ?? 502, headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, stop: () => new Promise((r) => server.close(() => r())) };
}
