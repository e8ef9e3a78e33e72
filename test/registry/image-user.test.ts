// Reading an image's configured user (manifest → config blob → config.User) from a real registry
// (Debian's docker-registry on 127.0.0.1) and, for the failures, from a scripted fake registry.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runMain } from '../cli/helpers';
import { cachedClient, memoryCache } from '../../host/src/registry/cache';
import { createRegistryClient, type RegistryClient, type UserResolution } from '../../host/src/registry/client';
import { configUser, platformManifest } from '../../host/src/registry/image-config';
import { parseReference } from '../../host/src/registry/reference';
import { startFake, type FakeServer } from './fake-registry';
import { pushImage, putManifest, removeTempDirs, requireRegistryBinary, startRegistry, tempDir, type RunningRegistry } from './harness';

const sha = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const client = (): RegistryClient => createRegistryClient({ timeoutMs: 5000, insecureRegistries: [], env: {} });
const userOf = async (c: RegistryClient, text: string): Promise<UserResolution> => {
  const parsed = parseReference(text);
  assert.ok(parsed.ok, text);
  return c.imageUser!(parsed.ref);
};

describe('image config user from docker-registry', () => {
  let reg: RunningRegistry;
  before(async () => {
    requireRegistryBinary();
    reg = await startRegistry(tempDir('storage'), { kind: 'none' });
    const base = `http://${reg.host}`;
    await pushImage(base, 'svc/app', '1', 'oci', 'amd64', '', '1000');
    await pushImage(base, 'svc/plain', '1', 'docker');
    await pushImage(base, 'svc/root', '1', 'docker', 'amd64', '', 'root');
    // an index whose arm64 image comes first: the amd64 one is read
    const arm = await pushImage(base, 'svc/multi', undefined, 'oci', 'arm64', '', '2000');
    const amd = await pushImage(base, 'svc/multi', undefined, 'oci', 'amd64', '', '1000:1000');
    const win = await pushImage(base, 'svc/multi', undefined, 'oci', 'amd64', 'w', 'ContainerUser');
    const entry = (p: { digest: string; size: number; mediaType: string }, os: string, architecture: string) => ({ mediaType: p.mediaType, digest: p.digest, size: p.size, platform: { os, architecture } });
    const index = (manifests: unknown[]) => Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
    await putManifest(base, 'svc/multi', '1', 'application/vnd.oci.image.index.v1+json', index([entry(arm, 'linux', 'arm64'), entry(amd, 'linux', 'amd64')]));
    // no linux/amd64: the first linux image, not the Windows one
    await putManifest(base, 'svc/multi', 'arm', 'application/vnd.oci.image.index.v1+json', index([entry(win, 'windows', 'amd64'), entry(arm, 'linux', 'arm64')]));
    await putManifest(base, 'svc/multi', 'win', 'application/vnd.oci.image.index.v1+json', index([entry(win, 'windows', 'amd64')]));
  });
  after(async () => {
    await reg?.stop();
    removeTempDirs();
  });

  it('reads User "1000" from an OCI image config', async () => {
    const r = await userOf(client(), `${reg.host}/svc/app:1`);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.user, '1000');
    assert.match(r.digest, /^sha256:[a-f0-9]{64}$/);
  });
  it('gives an empty user for a config without User, and root as written', async () => {
    assert.deepEqual(await userOf(client(), `${reg.host}/svc/plain:1`).then((r) => r.ok && r.user), '');
    assert.deepEqual(await userOf(client(), `${reg.host}/svc/root:1`).then((r) => r.ok && r.user), 'root');
  });
  it('reads the linux/amd64 image of an index, else the first linux one', async () => {
    assert.equal(await userOf(client(), `${reg.host}/svc/multi:1`).then((r) => r.ok && r.user), '1000:1000');
    assert.equal(await userOf(client(), `${reg.host}/svc/multi:arm`).then((r) => r.ok && r.user), '2000');
    const none = await userOf(client(), `${reg.host}/svc/multi:win`);
    assert.ok(!none.ok && /no linux image/.test(none.detail));
  });
  it('reports an unknown tag as not found', async () => {
    const r = await userOf(client(), `${reg.host}/svc/app:nope`);
    assert.ok(!r.ok);
    assert.equal(r.failure, 'not-found');
  });
  it('bollwerk scan --resolve-images drops the finding of a non-root image and names the registry for a root one', async () => {
    const dir = tempDir('resolve-images');
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    mkdirSync(join(dir, 'c'));
    writeFileSync(join(dir, 'c', 'Dockerfile'), `FROM ${reg.host}/svc/app:nope\nCMD ["app"]\n`);
    writeFileSync(join(dir, 'a', 'Dockerfile'), `FROM ${reg.host}/svc/app:1\nCMD ["app"]\n`);
    writeFileSync(join(dir, 'b', 'Dockerfile'), `FROM ${reg.host}/svc/plain:1\nCMD ["app"]\n`);
    const env = { HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), DOCKER_CONFIG: join(dir, 'docker'), LANG: 'C' };
    let stderr = '';
    const findings = async (args: string[]): Promise<{ file: string; message: string }[]> => {
      const run = await runMain(['scan', dir, '--format', 'json', '--fail-on', 'never', ...args], { cwd: dir, env });
      assert.equal(run.code, 0, run.stderr);
      stderr = run.stderr;
      const report = JSON.parse(run.stdout) as { results: { ruleId: string; file: string; message: string }[] };
      return report.results.filter((r) => r.ruleId === 'dockerfile/no-root-user').map((r) => ({ file: r.file, message: r.message }));
    };
    const offline = await findings([]);
    assert.deepEqual(offline.map((f) => f.file).sort(), ['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile']);
    assert.equal(stderr, '');
    const resolved = await findings(['--resolve-images']);
    assert.deepEqual(resolved.map((f) => f.file).sort(), ['b/Dockerfile', 'c/Dockerfile']);
    assert.match(stderr, /svc\/app:nope: the image's user could not be read from the registry \(.+\); its no-root-user finding stays\n$/);
    assert.equal(resolved.find((f) => f.file === 'c/Dockerfile')!.message, offline.find((f) => f.file === 'c/Dockerfile')!.message);
    resolved.splice(resolved.findIndex((f) => f.file === 'c/Dockerfile'), 1);
    assert.match(resolved[0]!.message, new RegExp(`configuration of ${reg.host.replace(/\./g, '\\.')}/svc/plain:1 in the registry sets no user`));
  });
  it('a cached client reads each image once and keeps failures out of the cache', async () => {
    const c = cachedClient(client(), memoryCache(60));
    const [a, b] = await Promise.all([userOf(c, `${reg.host}/svc/app:1`), userOf(c, `${reg.host}/svc/app:1`)]);
    assert.deepEqual(a, b);
    assert.ok(a.ok && a.user === '1000');
  });
});

describe('image config user from a scripted registry', () => {
  let fake: FakeServer;
  let routes: Record<string, { status: number; body: string; type?: string }> = {};
  before(async () => {
    fake = await startFake((req) => {
      const path = req.url.replace(/^\/v2\/[^]*?\/(manifests|blobs)\//, '$1/');
      const r = routes[decodeURIComponent(path)];
      if (!r) return { status: 404, body: '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}' };
      return { status: r.status, body: r.body, headers: { 'Content-Type': r.type ?? 'application/vnd.oci.image.manifest.v1+json' } };
    });
  });
  after(() => fake?.stop());

  const image = (config: string, stored = config): void => {
    const manifest = JSON.stringify({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length }, layers: [] });
    routes = { 'manifests/1': { status: 200, body: manifest }, [`manifests/${sha(manifest)}`]: { status: 200, body: manifest }, [`blobs/${sha(config)}`]: { status: 200, body: stored, type: 'application/octet-stream' } };
  };

  it('refuses a config blob that does not hash to its digest', async () => {
    image('{"config":{"User":"1000"}}', '{"config":{"User":"0"}}');
    const r = await userOf(client(), `${fake.host}/x/y:1`);
    assert.ok(!r.ok);
    assert.equal(r.failure, 'digest-mismatch');
  });
  it('rejects a config that is not JSON and a User with a line break', async () => {
    image('not json');
    assert.match(await userOf(client(), `${fake.host}/x/y:1`).then((r) => (r.ok ? '' : r.detail)), /not a JSON object/);
    image('{"config":{"User":"1000\\nUSER root"}}');
    assert.match(await userOf(client(), `${fake.host}/x/y:1`).then((r) => (r.ok ? '' : r.detail)), /not a valid user/);
  });
  it('reports a missing config blob as not found', async () => {
    image('{"config":{}}');
    for (const k of Object.keys(routes)) if (k.startsWith('blobs/')) delete routes[k];
    const r = await userOf(client(), `${fake.host}/x/y:1`);
    assert.ok(!r.ok && r.failure === 'not-found', JSON.stringify(r));
  });
});

describe('image config documents', () => {
  it('reads config.User and treats a missing one as root', () => {
    assert.deepEqual(configUser('{"config":{"User":"65532:65532"}}'), { ok: true, user: '65532:65532' });
    assert.deepEqual(configUser('{"architecture":"amd64"}'), { ok: true, user: '' });
    assert.equal(configUser('{"config":{"User":7}}').ok, false);
    assert.equal(configUser('[]').ok, false);
  });
  it('refuses index entries without a valid digest', () => {
    const r = platformManifest(JSON.stringify({ manifests: [{ digest: 'sha256:xyz', platform: { os: 'linux', architecture: 'amd64' } }] }));
    assert.equal(r.ok, false);
  });
});
