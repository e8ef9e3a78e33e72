// The registry client's redirect and credential policy against scripted servers on loopback
// addresses: what a token service or registry that redirects can make the client send, and
// which answers a digest may come from. Names other than loopback (plain.test, registry.test)
// reach the servers only through the test proxy, which maps them to 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRegistryClient, type ClientOptions, type Resolution } from '../../host/src/registry/client';
import { dockerCredentials } from '../../host/src/registry/credentials';
import { withoutUserInfo } from '../../host/src/registry/http';
import { nextHop, type Hop } from '../../host/src/registry/redirect';
import { parseReference } from '../../host/src/registry/reference';
import { FORGED_DIGEST, manifestHeaders, startFake, type FakeServer } from './fake-registry';
import { removeTempDirs, startProxy, tempDir } from './harness';

const SECRET = 'refresh-token-s3cr3t';
const PASSWORD = 'pa55-s3cr3t';

const resolveWith = async (text: string, options: Partial<ClientOptions>): Promise<Resolution> => {
  const parsed = parseReference(text);
  assert.ok(parsed.ok, `test reference ${text} must parse`);
  return createRegistryClient({ timeoutMs: 3000, insecureRegistries: [], env: {}, ...options }).resolve(parsed.ref);
};

/** Docker config with one auths entry for `host`. */
const dockerAuth = (host: string, entry: Record<string, string>): ClientOptions['credentials'] => {
  const dir = tempDir('docker-config');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [host]: entry } }));
  return dockerCredentials({ DOCKER_CONFIG: dir, HOME: dir, PATH: process.env.PATH ?? '' });
};
const basicEntry = (user: string, password: string): Record<string, string> => ({ auth: Buffer.from(`${user}:${password}`).toString('base64') });

/** A certs.d folder trusting `pem` for each `host:port`. */
const certsFor = (pem: string, ...hosts: string[]): string => {
  const dir = tempDir('certs.d');
  for (const h of hosts) {
    mkdirSync(join(dir, h));
    writeFileSync(join(dir, h, 'ca.crt'), pem);
  }
  return dir;
};

const leaks = (r: Resolution): boolean => JSON.stringify(r).includes(SECRET) || JSON.stringify(r).includes(PASSWORD);

describe('redirect policy (nextHop)', () => {
  const hop = (url: string, method: Hop['method'] = 'GET', extra: Partial<Hop> = {}): Hop => ({ method, url: new URL(url), headers: { Authorization: 'Basic x', Accept: 'a' }, ...extra });
  const table: { name: string; from: Hop; status: number; location: string; expect: 'refused' | { url: string; method: string; auth: boolean } }[] = [
    { name: 'POST is never followed (307, same host)', from: hop('https://auth.example/token', 'POST'), status: 307, location: '/other', expect: 'refused' },
    { name: 'POST is never followed (308, other host)', from: hop('https://auth.example/token', 'POST'), status: 308, location: 'http://evil.example/t', expect: 'refused' },
    { name: 'same origin keeps the credentials', from: hop('https://r.example/v2/a'), status: 307, location: '/v2/b', expect: { url: 'https://r.example/v2/b', method: 'GET', auth: true } },
    { name: 'another host drops them', from: hop('https://r.example/v2/a'), status: 302, location: 'https://cdn.example/x', expect: { url: 'https://cdn.example/x', method: 'GET', auth: false } },
    { name: 'another port drops them', from: hop('https://r.example/v2/a'), status: 302, location: 'https://r.example:8443/x', expect: { url: 'https://r.example:8443/x', method: 'GET', auth: false } },
    { name: 'https to http on the same host:port drops them', from: hop('https://r.example:5000/v2/a'), status: 307, location: 'http://r.example:5000/v2/a', expect: { url: 'http://r.example:5000/v2/a', method: 'GET', auth: false } },
    { name: 'https to http on loopback drops them too', from: hop('https://127.0.0.1:5000/v2/a'), status: 301, location: 'http://127.0.0.1:5000/v2/a', expect: { url: 'http://127.0.0.1:5000/v2/a', method: 'GET', auth: false } },
    { name: 'plain HTTP to the same host beyond loopback drops them', from: hop('http://r.example/v2/a'), status: 307, location: '/v2/b', expect: { url: 'http://r.example/v2/b', method: 'GET', auth: false } },
    { name: 'an anonymous token stays on the same plain origin', from: hop('http://r.example/v2/a', 'HEAD', { anonymous: true }), status: 307, location: '/v2/b', expect: { url: 'http://r.example/v2/b', method: 'HEAD', auth: true } },
    { name: '303 turns HEAD into GET', from: hop('https://r.example/v2/a', 'HEAD'), status: 303, location: '/v2/b', expect: { url: 'https://r.example/v2/b', method: 'GET', auth: true } },
    { name: 'a file: location is refused', from: hop('https://r.example/v2/a'), status: 302, location: 'file:///etc/passwd', expect: 'refused' },
    { name: 'a location with a user and password is refused', from: hop('https://r.example/v2/a'), status: 302, location: 'https://u:p@r.example/v2/b', expect: 'refused' },
    { name: 'a missing location is refused', from: hop('https://r.example/v2/a'), status: 302, location: '', expect: 'refused' },
  ];
  for (const c of table) {
    it(c.name, () => {
      const next = nextHop(c.from, c.status, c.location || undefined);
      if (c.expect === 'refused') return assert.ok('refused' in next, JSON.stringify(next));
      assert.ok(!('refused' in next), JSON.stringify(next));
      assert.deepEqual({ url: next.url.href, method: next.method, auth: next.headers.Authorization !== undefined }, c.expect);
      assert.equal(next.headers.Accept, 'a');
    });
  }
});

describe('credentials and digests across redirects (scripted servers on loopback)', () => {
  const stops: (() => Promise<void>)[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const start = async (script: Parameters<typeof startFake>[0], address?: string): Promise<FakeServer> => {
    const f = await startFake(script, address);
    stops.push(f.stop);
    return f;
  };

  before(async () => {
    proxy = await startProxy({ 'plain.test': '127.0.0.1', 'registry.test': '127.0.0.1' });
    stops.push(proxy.stop);
  });
  after(async () => {
    for (const stop of stops.reverse()) await stop();
    removeTempDirs();
  });

  it('a token POST carrying an identity token follows no 307, to another host or its own', async () => {
    const evil = await start(() => ({ status: 200, body: '{"token":"stolen"}' }), '127.0.0.2');
    let target = `http://${evil.host}/collect`;
    const tokens = await start(() => ({ status: 307, headers: { Location: target } }));
    const registry = await start(() => ({ status: 401, headers: { 'WWW-Authenticate': `Bearer realm="http://${tokens.host}/token",service="fake"` } }));
    const credentials = dockerAuth(registry.host, { identitytoken: SECRET });
    const r = await resolveWith(`${registry.host}/team/app:1.0`, { credentials });
    assert.ok(!r.ok && r.failure === 'registry-error' && /POST not followed/.test(r.detail), JSON.stringify(r));
    assert.deepEqual(evil.seen, []);
    assert.ok(tokens.seen.length === 1 && tokens.seen[0]!.method === 'POST' && tokens.seen[0]!.body.includes(SECRET));
    target = '/token-again';
    tokens.seen.length = 0;
    const same = await resolveWith(`${registry.host}/team/app:1.0`, { credentials });
    assert.ok(!same.ok && /POST not followed/.test(same.detail), JSON.stringify(same));
    assert.equal(tokens.seen.length, 1);
    assert.ok(!leaks(r) && !leaks(same));
  });

  it('Basic credentials do not survive an https -> http redirect on the same host:port, not even on loopback', async () => {
    const f = await start((req) => {
      if (!req.secure) return req.authorization ? { status: 200, headers: manifestHeaders(FORGED_DIGEST) } : { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="r"' } };
      if (!req.authorization) return { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="r"' } };
      return { status: 307, headers: { Location: `http://127.0.0.1:${f.port}${req.url}` } };
    });
    const r = await resolveWith(`${f.host}/team/app:1.0`, { credentials: dockerAuth(f.host, basicEntry('alice', PASSWORD)), certsDir: certsFor(f.certPem, f.host) });
    const plain = f.seen.filter((s) => !s.secure);
    assert.ok(plain.length > 0, 'the redirect was followed to plain HTTP');
    assert.deepEqual(plain.map((s) => s.authorization), plain.map(() => undefined));
    assert.ok(f.seen.some((s) => s.secure && s.authorization?.startsWith('Basic ')), 'credentials went over TLS');
    assert.ok(!r.ok, JSON.stringify(r));
    assert.ok(!leaks(r));
  });

  it('plain HTTP carries no credentials to an insecure registry beyond loopback (Basic and the token service)', async () => {
    const basic = await start((req) => (req.authorization ? { status: 200, headers: manifestHeaders(FORGED_DIGEST) } : { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="r"' } }));
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}` };
    const host = `plain.test:${basic.port}`;
    const r = await resolveWith(`${host}/team/app:1.0`, { env, insecureRegistries: [host], credentials: dockerAuth(host, basicEntry('alice', PASSWORD)) });
    assert.ok(!r.ok && r.failure === 'tls' && /credentials over plain HTTP/.test(r.detail), JSON.stringify(r));
    assert.ok(basic.seen.length > 0);
    assert.deepEqual(basic.seen.map((s) => s.authorization), basic.seen.map(() => undefined));

    const bearer = await start((req) =>
      req.url.startsWith('/token')
        ? { status: 200, body: '{"token":"t"}' }
        : { status: 401, headers: { 'WWW-Authenticate': `Bearer realm="http://plain.test:${bearer.port}/token",service="s"` } });
    const bhost = `plain.test:${bearer.port}`;
    const b = await resolveWith(`${bhost}/team/app:1.0`, { env, insecureRegistries: [bhost], credentials: dockerAuth(bhost, basicEntry('alice', PASSWORD)) });
    assert.ok(!b.ok, JSON.stringify(b));
    assert.deepEqual(bearer.seen.map((s) => s.authorization).filter((a) => a?.startsWith('Basic')), []);
    assert.ok(!leaks(r) && !leaks(b));
  });

  it('an anonymous token still reaches an insecure registry over plain HTTP', async () => {
    const f = await start((req) => {
      if (req.url.startsWith('/token')) return { status: 200, body: '{"token":"anon-token"}' };
      return req.authorization === 'Bearer anon-token' ? { status: 200, headers: manifestHeaders(FORGED_DIGEST) } : { status: 401, headers: { 'WWW-Authenticate': `Bearer realm="http://plain.test:${f.port}/token",service="s"` } };
    });
    const host = `plain.test:${f.port}`;
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}` };
    const r = await resolveWith(`${host}/team/app:1.0`, { env, insecureRegistries: [host] });
    assert.deepEqual(r.ok && r.digest, FORGED_DIGEST);
  });

  it('names no proxy password in a failure', async () => {
    const closed = await start(() => ({ status: 200 }));
    await closed.stop();
    const r = await resolveWith(`registry.test:5000/team/app:1.0`, { env: { HTTPS_PROXY: `http://bob:${PASSWORD}@127.0.0.1:${closed.port}` } });
    assert.ok(!r.ok, JSON.stringify(r));
    assert.ok(!leaks(r), JSON.stringify(r));
    assert.equal(withoutUserInfo(`proxy http://bob:${PASSWORD}@proxy.example:3128/ failed`), 'proxy http://proxy.example:3128/ failed');
  });

  it('takes no digest from another host the registry redirects to', async () => {
    const other = await start(() => ({ status: 200, headers: manifestHeaders(FORGED_DIGEST), body: '{}' }), '127.0.0.2');
    const registry = await start((req) => ({ status: 307, headers: { Location: `http://${other.host}${req.url}` } }));
    const r = await resolveWith(`${registry.host}/team/app:1.0`, {});
    assert.ok(!r.ok && r.failure === 'registry-error' && /not by the registry/.test(r.detail), JSON.stringify(r));
    assert.ok(other.seen.length > 0, 'the redirect was followed');
  });

  it('takes no digest from a plain-HTTP answer of a registry that is not insecure, even on its own host:port', async () => {
    const f = await start((req) => (req.secure ? { status: 307, headers: { Location: `http://registry.test:${f.port}${req.url}` } } : { status: 200, headers: manifestHeaders(FORGED_DIGEST), body: '{}' }));
    const host = `registry.test:${f.port}`;
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}` };
    const r = await resolveWith(`${host}/team/app:1.0`, { env, certsDir: certsFor(f.certPem, host) });
    assert.ok(!r.ok && r.failure === 'tls' && /only over HTTPS/.test(r.detail), JSON.stringify(r));
    assert.ok(f.seen.some((s) => !s.secure), 'the redirect was followed to plain HTTP');
    const allowed = await resolveWith(`${host}/team/app:1.0`, { env, certsDir: certsFor(f.certPem, host), insecureRegistries: [host] });
    assert.deepEqual(allowed.ok && allowed.digest, FORGED_DIGEST);
  });
});
