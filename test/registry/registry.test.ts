// The registry client against a real registry (Debian's docker-registry, distribution 2.8) on
// 127.0.0.1: open, behind htpasswd (Basic) and behind token auth (Bearer) with a token server
// the registry trusts; plus the failure cases every pin must survive.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createRegistryClient, type ClientOptions, type Resolution } from '../../host/src/registry/client';
import { dockerCredentials } from '../../host/src/registry/credentials';
import { pinText } from '../../host/src/registry/pin';
import { parseReference } from '../../host/src/registry/reference';
import {
  freePort, makeHtpasswd, pushImage, pushIndex, removeTempDirs, requireRegistryBinary, startRegistry, startRewriter,
  startSilentServer, startTokenServer, tempDir, type Pushed, type RunningRegistry, type TokenServer,
} from './harness';

const resolveWith = async (text: string, options: Partial<ClientOptions> = {}): Promise<Resolution> => {
  const parsed = parseReference(text);
  assert.ok(parsed.ok, `test reference ${text} must parse`);
  return createRegistryClient({ timeoutMs: 5000, insecureRegistries: [], env: {}, ...options }).resolve(parsed.ref);
};

const dockerConfig = (auths: Record<string, { auth: string }>): Record<string, string> => {
  const dir = tempDir('docker-config');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths }));
  return { DOCKER_CONFIG: dir, HOME: dir, PATH: process.env.PATH ?? '' };
};
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('test prerequisites', () => {
  it('a missing docker-registry binary fails the tests with the apt package to install', () => {
    assert.throws(() => requireRegistryBinary('/nonexistent/docker-registry'), /missing: .*apt-get install -y docker-registry apache2-utils/);
  });
});

describe('registry client against docker-registry', () => {
  const stops: (() => Promise<void>)[] = [];
  let open: RunningRegistry;
  let basic: RunningRegistry;
  let token: RunningRegistry;
  let tokens: TokenServer;
  let app: Pushed;
  let oci: { digest: string; children: string[] };
  let list: { digest: string; children: string[] };
  let secret: Pushed;

  before(async () => {
    requireRegistryBinary();
    const storage = tempDir('storage');
    open = await startRegistry(storage, { kind: 'none' });
    stops.push(open.stop);
    const base = `http://${open.host}`;
    app = await pushImage(base, 'team/app', '1.0', 'docker');
    oci = await pushIndex(base, 'multi', '2', 'oci');
    list = await pushIndex(base, 'dlist', '3', 'docker');
    secret = await pushImage(base, 'private/secret', '1', 'oci');
    basic = await startRegistry(storage, { kind: 'htpasswd', path: makeHtpasswd(tempDir('htpasswd'), { alice: 'wonderland' }) });
    stops.push(basic.stop);
    tokens = await startTokenServer(tempDir('token'), { bob: 'builder' }, { 'refresh-for-bob': 'bob' });
    stops.push(tokens.stop);
    token = await startRegistry(storage, { kind: 'token', realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certPath: tokens.certPath });
    stops.push(token.stop);
  });
  after(async () => {
    for (const stop of stops.reverse()) await stop();
    removeTempDirs();
  });

  it('resolves a Docker v2 manifest tag to the digest the registry stored', async () => {
    assert.deepEqual(await resolveWith(`${open.host}/team/app:1.0`), { ok: true, digest: app.digest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', multiPlatform: false });
  });
  it('pins the index digest of multi-platform images (OCI index and Docker manifest list), not a platform manifest', async () => {
    const o = await resolveWith(`${open.host}/multi:2`);
    assert.deepEqual(o, { ok: true, digest: oci.digest, mediaType: 'application/vnd.oci.image.index.v1+json', multiPlatform: true });
    assert.ok(!oci.children.includes(oci.digest));
    assert.deepEqual(await resolveWith(`${open.host}/dlist:3`), { ok: true, digest: list.digest, mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json', multiPlatform: true });
  });
  it('resolves many references of one plain-HTTP registry at once: each falls back from HTTPS, whichever finishes first', async () => {
    const client = createRegistryClient({ timeoutMs: 5000, insecureRegistries: [], env: {} });
    const refs = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? `${open.host}/team/app:1.0` : i % 3 === 1 ? `${open.host}/multi:2` : `${open.host}/dlist:3`));
    // started a millisecond apart: some begin their HTTPS try before another's HTTP answer and fail it after
    const results = await Promise.all(refs.map((text, i) => new Promise<Resolution>((resolve, reject) => setTimeout(() => {
      const parsed = parseReference(text);
      assert.ok(parsed.ok);
      client.resolve(parsed.ref).then(resolve, reject);
    }, i))));
    assert.deepEqual(results.map((r) => (r.ok ? r.digest : r.detail)), refs.map((_, i) => [app.digest, oci.digest, list.digest][i % 3]));
  });
  it('GETs and hashes the manifest when HEAD carries no digest', async () => {
    const strip = await startRewriter(open.port, 'strip');
    try {
      assert.deepEqual(await resolveWith(`127.0.0.1:${strip.port}/multi:2`), { ok: true, digest: oci.digest, mediaType: 'application/vnd.oci.image.index.v1+json', multiPlatform: true });
    } finally {
      await strip.stop();
    }
  });
  it('refuses a manifest whose body does not hash to its Docker-Content-Digest', async () => {
    const lie = await startRewriter(open.port, 'lie');
    try {
      const r = await resolveWith(`127.0.0.1:${lie.port}/team/app:1.0`);
      assert.ok(!r.ok && r.failure === 'digest-mismatch', JSON.stringify(r));
      assert.match(r.detail, new RegExp(app.digest));
    } finally {
      await lie.stop();
    }
  });
  it('reports an unknown tag and an unknown repository', async () => {
    assert.deepEqual(await resolveWith(`${open.host}/team/app:9.9`), { ok: false, failure: 'not-found', detail: 'MANIFEST_UNKNOWN' });
    const r = await resolveWith(`${open.host}/nobody/here:1`);
    assert.ok(!r.ok && r.failure === 'not-found');
  });

  it('Basic auth (htpasswd): refused without credentials, resolved with the Docker config auths entry', async () => {
    const refused = await resolveWith(`${basic.host}/team/app:1.0`);
    assert.ok(!refused.ok && refused.failure === 'unauthorized', JSON.stringify(refused));
    const wrong = await resolveWith(`${basic.host}/team/app:1.0`, { credentials: dockerCredentials(dockerConfig({ [basic.host]: { auth: b64('alice:wrong') } })) });
    assert.ok(!wrong.ok && wrong.failure === 'unauthorized');
    const env = dockerConfig({ [`http://${basic.host}`]: { auth: b64('alice:wonderland') } });
    const ok = await resolveWith(`${basic.host}/team/app:1.0`, { credentials: dockerCredentials(env) });
    assert.ok(ok.ok && ok.digest === app.digest, JSON.stringify(ok));
  });

  it('Bearer tokens: anonymous for public repositories, with credentials for private ones, as the token server grants them', async () => {
    tokens.requests.length = 0;
    const pub = await resolveWith(`${token.host}/multi:2`);
    assert.ok(pub.ok && pub.digest === oci.digest, JSON.stringify(pub));
    assert.deepEqual(tokens.requests, [{ scope: 'repository:multi:pull', user: undefined }]);
    const anon = await resolveWith(`${token.host}/private/secret:1`);
    assert.ok(!anon.ok && anon.failure === 'unauthorized', JSON.stringify(anon));
    const creds = dockerCredentials(dockerConfig({ [token.host]: { auth: b64('bob:builder') } }));
    const priv = await resolveWith(`${token.host}/private/secret:1`, { credentials: creds });
    assert.ok(priv.ok && priv.digest === secret.digest, JSON.stringify(priv));
    assert.deepEqual(tokens.requests.at(-1), { scope: 'repository:private/secret:pull', user: 'bob' });
    const bad = await resolveWith(`${token.host}/private/secret:1`, { credentials: dockerCredentials(dockerConfig({ [token.host]: { auth: b64('bob:nope') } })) });
    assert.ok(!bad.ok && bad.failure === 'unauthorized' && /token service/.test(bad.detail));
  });

  it('Bearer tokens from an identity token a credential helper returns (OAuth2 refresh-token POST)', async () => {
    const dir = tempDir('helper');
    writeFileSync(join(dir, 'docker-credential-bwtoken'), '#!/bin/sh\nread url\nprintf \'{"ServerURL":"%s","Username":"<token>","Secret":"refresh-for-bob"}\' "$url"\n');
    chmodSync(join(dir, 'docker-credential-bwtoken'), 0o755);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ credHelpers: { [token.host]: 'bwtoken' } }));
    const env = { DOCKER_CONFIG: dir, HOME: dir, PATH: `${dir}:${process.env.PATH ?? ''}` };
    const r = await resolveWith(`${token.host}/private/secret:1`, { credentials: dockerCredentials(env) });
    assert.ok(r.ok && r.digest === secret.digest, JSON.stringify(r));
    assert.deepEqual(tokens.requests.at(-1), { scope: 'repository:private/secret:pull', user: 'bob' });
  });

  it('reports a registry that answers 403 as denied', async () => {
    const server = http.createServer((_req, res) => res.writeHead(403, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const r = await resolveWith(`127.0.0.1:${(server.address() as AddressInfo).port}/team/app:1.0`);
      assert.ok(!r.ok && r.failure === 'denied', JSON.stringify(r));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('gives up after pinning.timeoutMs on a server that never answers', async () => {
    const silent = await startSilentServer();
    try {
      const start = Date.now();
      const r = await resolveWith(`127.0.0.1:${silent.port}/team/app:1.0`, { timeoutMs: 400 });
      const took = Date.now() - start;
      assert.ok(!r.ok && r.failure === 'timeout', JSON.stringify(r));
      assert.ok(took >= 350 && took < 3000, `took ${took} ms`);
    } finally {
      await silent.stop();
    }
  });
  it('reports a closed port as refused', async () => {
    const r = await resolveWith(`127.0.0.1:${await freePort()}/team/app:1.0`);
    assert.ok(!r.ok && r.failure === 'refused', JSON.stringify(r));
  });

  it('pinText leaves the file untouched and says why for each reference that fails', async () => {
    const silent = await startSilentServer();
    try {
      const text = [
        `FROM ${open.host}/team/app:9.9`,
        `FROM ${basic.host}/team/app:1.0`,
        `FROM 127.0.0.1:${silent.port}/team/app:1.0`,
        `FROM ${open.host}/Team/App:1.0`,
        '',
      ].join('\n');
      const client = createRegistryClient({ timeoutMs: 1000, insecureRegistries: [], env: {} });
      const r = await pinText('file:///w/Dockerfile', text, client, { timeoutMs: 1000 });
      assert.equal(r.text, text);
      assert.equal(r.changed, false);
      assert.deepEqual(r.outcomes.map((o) => (o.pin.status === 'failed' ? o.pin.problem : o.pin.status)), ['not-found', 'unauthorized', 'timeout', 'invalid-reference']);
      const reasons = r.outcomes.map((o) => (o.pin.status === 'failed' ? o.pin.reason.en : ''));
      assert.match(reasons[0]!, /has no tag 9\.9 in/);
      assert.match(reasons[1]!, /requires credentials; run `docker login/);
      assert.match(reasons[2]!, /did not answer within 1000 ms/);
      assert.match(reasons[3]!, /lower-case/);
    } finally {
      await silent.stop();
    }
  });
});
