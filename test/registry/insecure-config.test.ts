// Who may make `bollwerk pin` use plain HTTP: the user (--insecure-registry, the environment),
// never a repository's .bollwerk.yaml. plain.test reaches the scripted server only through the
// test proxy; its TLS side presents a certificate for another name, so HTTPS fails there.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runPin } from '../../cli/src/pin';
import { manifestHeaders, startFake, type FakeServer } from './fake-registry';
import { removeTempDirs, startProxy, tempDir } from './harness';

const DIGEST = `sha256:${'d'.repeat(64)}`;

describe('insecure registries are the user\'s choice', () => {
  let registry: FakeServer;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let host: string;
  before(async () => {
    registry = await startFake((req) => (req.secure ? { status: 500 } : { status: 200, headers: manifestHeaders(DIGEST), body: '{}' }));
    proxy = await startProxy({ 'plain.test': '127.0.0.1' });
    host = `plain.test:${registry.port}`;
  });
  after(async () => {
    await proxy.stop();
    await registry.stop();
    removeTempDirs();
  });

  const run = async (config: string, args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; out: string; err: string; text: string }> => {
    const dir = tempDir('project');
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${host}/team/app:1.0\n`);
    writeFileSync(join(dir, '.bollwerk.yaml'), config);
    const home = tempDir('home');
    let out = '';
    let err = '';
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), DOCKER_CONFIG: join(home, 'docker'), PATH: process.env.PATH, LANG: 'C', HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, ...extraEnv };
    const code = await runPin([...args, '--no-cache'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: dir, env });
    return { code, out, err, text: readFileSync(join(dir, 'Dockerfile'), 'utf8') };
  };

  it('a repository\'s .bollwerk.yaml cannot list an insecure registry: ignored, with a warning', async () => {
    const r = await run(`pinning:\n  timeoutMs: 2000\n  insecureRegistries: ["${host}"]\n`, []);
    assert.equal(r.code, 1);
    assert.equal(r.text, `FROM ${host}/team/app:1.0\n`);
    assert.match(r.err, /^bollwerk pin: \.bollwerk\.yaml: pinning\.insecureRegistries is ignored in a configuration file: a repository cannot turn TLS off; use --insecure-registry/m);
    assert.match(r.err, /not pinned: .*secure connection to plain\.test/);
    assert.ok(!registry.seen.some((s) => !s.secure), 'no plain-HTTP request was made');
  });
  it('--insecure-registry allows plain HTTP after HTTPS failed', async () => {
    const r = await run('pinning:\n  timeoutMs: 2000\n', ['--insecure-registry', host]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.text, `FROM ${host}/team/app:1.0@${DIGEST}\n`);
  });
  it('BOLLWERK_INSECURE_REGISTRIES does too; a malformed entry is a usage error', async () => {
    const r = await run('pinning:\n  timeoutMs: 2000\n', [], { BOLLWERK_INSECURE_REGISTRIES: `other.test:1, ${host}` });
    assert.equal(r.code, 0, r.err);
    assert.equal(r.text, `FROM ${host}/team/app:1.0@${DIGEST}\n`);
    const bad = await run('', [], { BOLLWERK_INSECURE_REGISTRIES: 'http://x/y' });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /BOLLWERK_INSECURE_REGISTRIES: "http:\/\/x\/y" is not a registry host\[:port\]/);
    const flag = await run('', ['--insecure-registry', 'a b']);
    assert.equal(flag.code, 2);
  });
  it('the warning is in German with --lang de', async () => {
    const r = await run(`pinning:\n  timeoutMs: 2000\n  insecureRegistries: ["${host}"]\n`, ['--lang', 'de']);
    assert.match(r.err, /pinning\.insecureRegistries wird in einer Konfigurationsdatei ignoriert/);
  });
});
