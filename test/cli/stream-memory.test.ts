// The memory a streamed scan holds does not grow with its findings: scanning four times the files
// (the same files copied) leaves the heap held when the report starts a small fraction of what
// holding the added findings would take. Each scan runs in a process of its own.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT, SAMPLE } from './helpers';

/** A folder of `copies` copies of the sample (a Dockerfile, a Compose file and a Deployment, each with findings). */
function tree(copies: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'bollwerk-memory-'));
  for (let i = 0; i < copies; i++) cpSync(SAMPLE, join(dir, `copy-${String(i).padStart(4, '0')}`), { recursive: true });
  return dir;
}

function retainedBy(dir: string): { retained: number; results: number } {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'test/cli/stream-memory-child.ts'), dir], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { retained: number; results: number };
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('streamed scan memory', () => {
  it('holds little more for four times the files when the report starts', () => {
    const N = 60;
    const small = tree(N);
    const large = tree(4 * N);
    dirs.push(small, large);
    const a = retainedBy(small);
    const b = retainedBy(large);
    const addedResults = b.results - a.results;
    assert.ok(addedResults > 1000, `enough findings to see (${addedResults})`);
    // a finding held as objects takes about 900 bytes here (its range, messages in two languages,
    // often a fix); the scan may keep a little per file (the workspace rules' facts, a reference)
    const perAddedResult = (b.retained - a.retained) / addedResults;
    assert.ok(perAddedResult < 400, `${perAddedResult.toFixed(0)} bytes held per added finding (${a.retained} → ${b.retained} bytes for ${a.results} → ${b.results} findings)`);
  });
});
