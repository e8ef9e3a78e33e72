import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSpill } from '../../cli/src/spill';

const dir = mkdtempSync(join(tmpdir(), 'bollwerk-spill-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const chunk = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

describe('spill', () => {
  it('gives back every chunk, in memory below its limit and from a file beyond it, and removes the file', () => {
    const spill = createSpill(100, dir);
    const refs = [chunk(60, 1), chunk(30, 2)].map((c) => spill.put(c));
    assert.equal(spill.onDisk, false);
    assert.deepEqual(readdirSync(dir), []);
    refs.push(spill.put(chunk(50, 3)), spill.put(chunk(0, 4)), spill.put(chunk(1000, 5)));
    assert.equal(spill.onDisk, true);
    assert.equal(readdirSync(dir).length, 1);
    assert.equal(spill.size, 1140);
    // read back in any order
    for (const [i, fill, n] of [[4, 5, 1000], [0, 1, 60], [2, 3, 50], [1, 2, 30], [3, 4, 0]] as const) assert.deepEqual(new Uint8Array(spill.get(refs[i]!)), chunk(n, fill));
    spill.close();
    spill.close();
    assert.deepEqual(readdirSync(dir), []);
  });

  it('keeps the chunks in memory where no file can be made', () => {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    const spill = createSpill(10, notAFolder);
    const refs = [spill.put(chunk(8, 1)), spill.put(chunk(8, 2))];
    assert.equal(spill.onDisk, false);
    assert.deepEqual(new Uint8Array(spill.get(refs[1]!)), chunk(8, 2));
    assert.deepEqual(new Uint8Array(spill.get(refs[0]!)), chunk(8, 1));
    spill.close();
    assert.ok(existsSync(notAFolder));
  });
});
