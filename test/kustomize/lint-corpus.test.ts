import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { findKustomizationDirs, lintKustomizations } from '../../shared/src/kustomize/lint';
import { diskTree } from '../../host/src/workspace/file-tree';

const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'));
const files = join(corpus, 'realworld', 'files');

describe('kustomize lint over the real-world corpus', () => {
  it('finds the corpus', () => assert.ok(existsSync(files), `corpus not found at ${files}: set BOLLWERK_CORPUS`));
  it('builds and lints every kustomization tree without an internal error', () => {
    const tree = diskTree(files);
    const dirs = findKustomizationDirs(tree);
    assert.ok(dirs.length >= 90, `${dirs.length} kustomization folders`);
    const r = lintKustomizations(tree, { dirs });
    assert.ok(r.units.length > 0);
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'bollwerk/internal-error'), []);
    // every finding lies in a file of the tree, at a real line
    for (const f of r.findings) assert.ok(tree.readFile(f.file) !== undefined && f.range.start.line >= 0, `${f.ruleId} at ${f.file}`);
  });
});
