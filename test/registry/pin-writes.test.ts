// How `bollwerk pin` writes: an edit made while it waited for the registry is kept, a link to a
// file outside the scanned folder is not written through, and names and registry messages with
// control characters cannot forge output lines.
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runPin } from '../../cli/src/pin';
import { manifestHeaders, startFake, type FakeServer } from './fake-registry';
import { removeTempDirs, tempDir } from './harness';

const DIGEST = `sha256:${'c'.repeat(64)}`;

describe('bollwerk pin writes', () => {
  let registry: FakeServer;
  /** Runs while the registry is being asked, before it answers. */
  let duringRequest: () => void = () => undefined;

  before(async () => {
    registry = await startFake((req) => {
      duringRequest();
      if (req.url.includes('/evil/')) return { status: 500, headers: { 'Content-Type': 'application/json' }, body: '{"errors":[{"code":"X\\n\\u001b[2Jforged.yaml:1:1: pinned\\u001b]0;t\\u0007"}]}' };
      return { status: 200, headers: manifestHeaders(DIGEST), body: '{}' };
    });
  });
  after(async () => {
    await registry.stop();
    removeTempDirs();
  });

  const pin = async (cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const home = tempDir('home');
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), DOCKER_CONFIG: join(home, 'docker'), PATH: process.env.PATH, LANG: 'C' };
    const code = await runPin([...args, '--no-cache'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env });
    return { code, out, err };
  };

  it('keeps an edit made while it waited for the registry, and says so', async () => {
    const dir = tempDir('project');
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, `FROM ${registry.host}/team/app:1.0\n`);
    const edited = `FROM ${registry.host}/team/app:1.0\nUSER 10001 # typed meanwhile\n`;
    duringRequest = () => writeFileSync(file, edited);
    try {
      const r = await pin(dir);
      assert.equal(readFileSync(file, 'utf8'), edited);
      assert.equal(r.code, 1);
      assert.match(r.err, /^Dockerfile: not written: the file changed since it was read; run again\n/m);
      assert.match(r.out, /1 pinned, 0 updated, 0 unchanged, 0 not pinnable; 0 files written, 1 not written\n/);
    } finally {
      duringRequest = () => undefined;
    }
    const again = await pin(dir);
    assert.equal(again.code, 0, again.err);
    assert.equal(readFileSync(file, 'utf8'), edited.replace(':1.0\n', `:1.0@${DIGEST}\n`));
  });

  it('does not write through a link to a file outside the scanned folder; writes one inside and keeps the mode', async () => {
    const outside = tempDir('outside');
    writeFileSync(join(outside, 'compose.yaml'), `services:\n  a:\n    image: ${registry.host}/team/app:1.0\n`);
    const dir = tempDir('project');
    symlinkSync(join(outside, 'compose.yaml'), join(dir, 'compose.yaml'));
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s', 'Dockerfile.app'), `FROM ${registry.host}/team/app:1.0\n`, { mode: 0o604 });
    symlinkSync('k8s/Dockerfile.app', join(dir, 'Dockerfile'));
    const r = await pin(dir);
    assert.equal(readFileSync(join(outside, 'compose.yaml'), 'utf8'), `services:\n  a:\n    image: ${registry.host}/team/app:1.0\n`);
    assert.match(r.err, /^compose.yaml: not written: it is a link to .*outside the scanned folders\n/m);
    assert.equal(readFileSync(join(dir, 'k8s', 'Dockerfile.app'), 'utf8'), `FROM ${registry.host}/team/app:1.0@${DIGEST}\n`);
    assert.ok(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink());
    assert.equal(statSync(join(dir, 'k8s', 'Dockerfile.app')).mode & 0o777, 0o604);
    assert.equal(r.code, 1);
  });

  it('escapes control characters of file names and registry messages', async () => {
    const dir = tempDir('project');
    const folder = 'x\n\u001b[32mok';
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, 'Dockerfile'), `FROM ${registry.host}/evil/app:1.0\n`);
    const r = await pin(dir);
    assert.equal(r.code, 1);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f]/.test(r.err + r.out), JSON.stringify(r.err));
    assert.equal(r.err.split('\n').filter(Boolean).length, 1, r.err);
    assert.match(r.err, /^x\\n\\x1b\[32mok\/Dockerfile:1:6: not pinned: .*answered unexpectedly \(registry answered 500 \(X\\n\\x1b\[2Jforged\.yaml:1:1: pinned\\x1b\]0;t\\x07\)\)\n$/);
  });
});
