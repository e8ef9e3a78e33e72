// `--output` to a path that cannot be made fails at once with exit 2, before any scan: Node's
// recursive mkdir spun at 100 % CPU under /proc/self.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { makeFolders } from '../../cli/src/output';
import { buildOnce, CLI, ROOT, runMain, tempDir } from './helpers';

const cli = (args: string[]): { code: number | null; stderr: string; ms: number; signal: NodeJS.Signals | null } => {
  const start = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stderr: r.stderr, ms: Date.now() - start, signal: r.signal };
};

describe('--output that cannot be written', () => {
  before(buildOnce);
  const file = (): string => {
    const f = join(tempDir(), 'file');
    writeFileSync(f, 'x');
    return f;
  };
  const cases: { name: string; output: () => string; code: RegExp }[] = [
    { name: 'a folder under /proc/self that cannot be made', output: () => '/proc/self/x/y', code: /ENOENT/ },
    { name: 'a path below a regular file', output: () => join(file(), 'sub', 'report.txt'), code: /ENOTDIR/ },
    { name: 'an existing folder', output: () => tempDir(), code: /EISDIR/ },
  ];
  for (const c of cases) {
    for (const command of [[], ['checklist'], ['rules']]) {
      it(`${c.name}: ${command[0] ?? 'scan'} exits 2 at once`, () => {
        const r = cli([...command, ...(command[0] === 'rules' ? [] : ['test/fixtures/sample']), '--output', c.output()]);
        assert.equal(r.signal, null, 'it ended by itself');
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`^bollwerk: cannot write .*: ${c.code.source}`));
        assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
      });
    }
  }
  it('still makes missing folders for a path that can be written', async () => {
    const out = join(tempDir(), 'a', 'b', 'report.json');
    const r = await runMain(['test/fixtures/sample', '--format', 'json', '--output', out, '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(out));
    const spawned = join(tempDir(), 'c', 'd', 'report.txt');
    assert.equal(cli(['test/fixtures/sample', '--output', spawned, '--fail-on', 'never']).code, 0);
    assert.match(readFileSync(spawned, 'utf8'), /problems/);
  });
  it('makeFolders throws at once where mkdir fails under an existing folder', () => {
    assert.throws(() => makeFolders('/proc/self/x/y/z'), { code: 'ENOENT' });
  });
});
