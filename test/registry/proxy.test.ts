// HTTPS_PROXY / HTTP_PROXY / NO_PROXY against a real registry. Only 127.0.0.1 is reachable, and
// loopback registries are never proxied (Go's and Docker's rule, which Bollwerk follows), so the
// registry is addressed by a made-up name that only the test proxy maps to 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRegistryClient, type ClientOptions, type Resolution } from '../../host/src/registry/client';
import { parseReference } from '../../host/src/registry/reference';
import { dockerCredentials } from '../../host/src/registry/credentials';
import { makeHtpasswd, pushImage, removeTempDirs, requireRegistryBinary, startProxy, startRegistry, tempDir, type Pushed, type RunningRegistry } from './harness';
import { selfSigned } from './x509';

/** Docker config credentials alice:wonderland for `host`. */
const credentialsFor = (host: string): ClientOptions['credentials'] => {
  const dir = tempDir('docker-config');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [host]: { auth: Buffer.from('alice:wonderland').toString('base64') } } }));
  return dockerCredentials({ DOCKER_CONFIG: dir, HOME: dir, PATH: process.env.PATH ?? '' });
};

describe('proxies', () => {
  const stops: (() => Promise<void>)[] = [];
  let plain: RunningRegistry;
  let secure: RunningRegistry;
  let secureLocked: RunningRegistry;
  let plainLocked: RunningRegistry;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let app: Pushed;
  let certsDir: string;

  const resolve = async (text: string, options: Partial<ClientOptions>): Promise<Resolution> => {
    const parsed = parseReference(text);
    assert.ok(parsed.ok);
    return createRegistryClient({ timeoutMs: 3000, insecureRegistries: [], env: {}, certsDir, ...options }).resolve(parsed.ref);
  };

  before(async () => {
    requireRegistryBinary();
    const storage = tempDir('storage');
    plain = await startRegistry(storage, { kind: 'none' });
    stops.push(plain.stop);
    app = await pushImage(`http://${plain.host}`, 'team/app', '1.0', 'oci');
    const dir = tempDir('tls');
    const cert = selfSigned('registry.test', ['registry.test']);
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    writeFileSync(join(dir, 'key.pem'), cert.keyPem);
    secure = await startRegistry(storage, { kind: 'none' }, { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') });
    stops.push(secure.stop);
    const htpasswd = makeHtpasswd(tempDir('htpasswd'), { alice: 'wonderland' });
    secureLocked = await startRegistry(storage, { kind: 'htpasswd', path: htpasswd }, { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') });
    stops.push(secureLocked.stop);
    plainLocked = await startRegistry(storage, { kind: 'htpasswd', path: htpasswd });
    stops.push(plainLocked.stop);
    // Docker's per-registry CA folder: certs.d/<host:port>/ca.crt
    certsDir = tempDir('certs.d');
    for (const port of [secure.port, secureLocked.port]) {
      mkdirSync(join(certsDir, `registry.test:${port}`));
      writeFileSync(join(certsDir, `registry.test:${port}`, 'ca.crt'), cert.certPem);
    }
    proxy = await startProxy({ 'registry.test': '127.0.0.1', 'plain.test': '127.0.0.1' });
    stops.push(proxy.stop);
  });
  after(async () => {
    for (const stop of stops.reverse()) await stop();
    removeTempDirs();
  });

  it('tunnels HTTPS through HTTPS_PROXY with CONNECT and verifies the registry certificate', async () => {
    proxy.seen.length = 0;
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` };
    const r = await resolve(`registry.test:${secure.port}/team/app:1.0`, { env });
    assert.ok(r.ok && r.digest === app.digest, JSON.stringify(r));
    assert.deepEqual([...new Set(proxy.seen)], [`CONNECT registry.test:${secure.port}`]);
  });
  it('refuses a registry certificate it cannot verify (no CA in certs.d)', async () => {
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` };
    const r = await resolve(`registry.test:${secure.port}/team/app:1.0`, { env, certsDir: tempDir('empty-certs') });
    assert.ok(!r.ok && r.failure === 'tls', JSON.stringify(r));
  });
  it('sends plain HTTP through HTTP_PROXY for a registry listed as insecure, after HTTPS failed', async () => {
    proxy.seen.length = 0;
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}` };
    const host = `plain.test:${plain.port}`;
    const r = await resolve(`${host}/team/app:1.0`, { env, insecureRegistries: [host] });
    assert.ok(r.ok && r.digest === app.digest, JSON.stringify(r));
    assert.equal(proxy.seen[0], `CONNECT ${host}`);
    assert.equal(proxy.seen[1], `HEAD http://${host}/v2/team/app/manifests/1.0`);
  });
  it('never falls back to plain HTTP for a registry that is not insecure', async () => {
    proxy.seen.length = 0;
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}` };
    const r = await resolve(`plain.test:${plain.port}/team/app:1.0`, { env });
    assert.ok(!r.ok && (r.failure === 'tls' || r.failure === 'network'), JSON.stringify(r));
    assert.deepEqual(proxy.seen, [`CONNECT plain.test:${plain.port}`]);
  });
  it('goes direct for NO_PROXY hosts and loopback registries', async () => {
    proxy.seen.length = 0;
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: 'localhost,.test' };
    const direct = await resolve(`registry.test:${secure.port}/team/app:1.0`, { env, timeoutMs: 1500 });
    assert.ok(!direct.ok, 'registry.test only resolves through the proxy, so a direct attempt fails');
    const loopback = await resolve(`${plain.host}/team/app:1.0`, { env: { HTTPS_PROXY: env.HTTPS_PROXY, HTTP_PROXY: env.HTTP_PROXY } });
    assert.ok(loopback.ok && loopback.digest === app.digest);
    assert.deepEqual(proxy.seen, []);
  });
  it('sends Basic credentials to an htpasswd registry over TLS through the tunnel', async () => {
    const host = `registry.test:${secureLocked.port}`;
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` };
    const refused = await resolve(`${host}/team/app:1.0`, { env });
    assert.ok(!refused.ok && refused.failure === 'unauthorized', JSON.stringify(refused));
    const ok = await resolve(`${host}/team/app:1.0`, { env, credentials: credentialsFor(host) });
    assert.ok(ok.ok && ok.digest === app.digest, JSON.stringify(ok));
  });
  it('sends no credentials to an insecure htpasswd registry over plain HTTP beyond loopback, though the user listed it', async () => {
    const host = `plain.test:${plainLocked.port}`;
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}` };
    proxy.seen.length = 0;
    const r = await resolve(`${host}/team/app:1.0`, { env, insecureRegistries: [host], credentials: credentialsFor(host) });
    assert.ok(!r.ok && r.failure === 'tls' && /credentials over plain HTTP/.test(r.detail), JSON.stringify(r));
    assert.deepEqual(proxy.seen.filter((s) => s.startsWith('HEAD')), [`HEAD http://${host}/v2/team/app/manifests/1.0`], 'asked once, anonymously');
    assert.ok(!JSON.stringify(r).includes('wonderland'));
    const loopback = await resolve(`${plainLocked.host}/team/app:1.0`, { credentials: credentialsFor(plainLocked.host) });
    assert.ok(loopback.ok && loopback.digest === app.digest, 'loopback may carry them over plain HTTP');
  });
  it('reports a proxy that refuses the tunnel', async () => {
    const r = await resolve(`unknown.test:1/team/app:1.0`, { env: { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` } });
    assert.ok(!r.ok && r.failure === 'proxy', JSON.stringify(r));
    assert.match(r.detail, /502/);
  });
});
