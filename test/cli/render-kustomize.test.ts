import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain } from './helpers';

describe('bollwerk render DIR (kustomize)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bollwerk-render-'));
  mkdirSync(join(dir, 'base'));
  mkdirSync(join(dir, 'overlay'));
  writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources:\n- cm.yaml\n');
  writeFileSync(join(dir, 'base', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n');
  writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), 'namePrefix: p-\nresources:\n- ../base\n');
  mkdirSync(join(dir, 'broken'));
  writeFileSync(join(dir, 'broken', 'kustomization.yaml'), 'resources:\n- missing\n');

  it('prints the build and exits 0', async () => {
    const r = await runMain(['render', 'overlay'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  name: p-cfg\n');
  });
  it('exits 1 with the cause when the build fails', async () => {
    const r = await runMain(['render', 'broken'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /missing/);
    assert.equal(r.stdout, '');
  });
  it('exits 2 for usage errors', async () => {
    assert.equal((await runMain(['render'], { cwd: dir })).code, 2);
    assert.equal((await runMain(['render', 'overlay', '--reorder', 'random'], { cwd: dir })).code, 2);
    assert.equal((await runMain(['render', 'overlay', '--bogus'], { cwd: dir })).code, 2);
  });
  it('accepts --reorder and --load-restrictor', async () => {
    const r = await runMain(['render', 'overlay', '--reorder=none', '--load-restrictor', 'LoadRestrictionsNone'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
  });
  it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});
