import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildOnce, ROOT, SAMPLE, tempDir } from './helpers';

// dist/cli.js loads dist/cli-main.js with the code cache the build wrote beside it (cli/src/launch.ts)
const DIST = join(ROOT, 'dist');

function run(dir: string, args: readonly string[]): { code: number | null; stdout: string; cache: string } {
  const r = spawnSync(process.execPath, [join(dir, 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', BOLLWERK_DEBUG: '1' } });
  return { code: r.status, stdout: r.stdout, cache: /code cache (.*)/.exec(r.stderr)?.[1] ?? `no word on the cache: ${r.stderr}` };
}

/** A copy of the built CLI in a temp directory, with `cache` as its code cache (none when undefined). */
function copyCli(cache: Buffer | undefined): string {
  const dir = tempDir('bollwerk-code-cache-');
  for (const f of ['cli.js', 'cli-main.js']) copyFileSync(join(DIST, f), join(dir, f));
  if (cache) writeFileSync(join(dir, 'cli-main.js.cache'), cache);
  return dir;
}

describe('the code cache of the command line', () => {
  let reference: string;
  let cache: Buffer;
  before(() => {
    buildOnce();
    cache = readFileSync(join(DIST, 'cli-main.js.cache'));
    reference = run(copyCli(undefined), [SAMPLE, '--format', 'json', '--fail-on', 'never']).stdout;
  });

  it('is written by the build for the built bundle, and used', () => {
    const build = /\/\/ build ([0-9a-f]+)\s*$/.exec(readFileSync(join(DIST, 'cli-main.js'), 'utf8'))?.[1];
    assert.ok(build, 'the bundle names its build');
    assert.equal(cache.subarray(0, cache.indexOf(10)).toString('latin1'), build);
    const r = run(DIST, ['--version']);
    assert.equal(r.cache, 'used');
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('gives the same report as a run without it', () => {
    const r = run(copyCli(cache), [SAMPLE, '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.cache, 'used');
    assert.ok(reference.length > 1000, 'the sample has findings');
    assert.equal(r.stdout, reference);
  });

  it('runs without one', () => {
    const r = run(copyCli(undefined), ['--version']);
    assert.equal(r.cache, 'absent');
    assert.equal(r.code, 0);
  });

  it('ignores the cache of another build', () => {
    const other = Buffer.concat([Buffer.from('0123456789abcdef0123456789abcdef', 'latin1'), cache.subarray(cache.indexOf(10))]);
    const r = run(copyCli(other), [SAMPLE, '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.cache, 'other build');
    assert.equal(r.stdout, reference);
  });

  it('survives a damaged cache of the right build: V8 rejects it', () => {
    const nl = cache.indexOf(10);
    const damaged = Buffer.concat([cache.subarray(0, nl + 1), Buffer.alloc(4096, 0x5a)]);
    const r = run(copyCli(damaged), [SAMPLE, '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.cache, 'rejected by V8');
    assert.equal(r.stdout, reference);
  });

  it('is made by BOLLWERK_WRITE_CODE_CACHE=1 for the bundle beside it', () => {
    const dir = copyCli(undefined);
    const r = spawnSync(process.execPath, [join(dir, 'cli.js'), SAMPLE, '--fail-on', 'never'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', BOLLWERK_WRITE_CODE_CACHE: '1' } });
    assert.equal(r.status, 0);
    assert.ok(existsSync(join(dir, 'cli-main.js.cache')));
    assert.equal(run(dir, ['--version']).cache, 'used');
  });
});
