import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { joinTreePath, memoryTree, overlayTree, type FileTree } from '../../shared/src/file-tree';
import { diskTree } from '../../host/src/workspace/file-tree';

const text = (tree: FileTree, path: string): string | undefined => {
  const bytes = tree.readFile(path);
  return bytes && new TextDecoder().decode(bytes);
};

test('joinTreePath normalises and refuses to climb above the root', () => {
  assert.equal(joinTreePath('a/b', '../c', './d'), 'a/c/d');
  assert.equal(joinTreePath('', 'x/'), 'x');
  assert.equal(joinTreePath('a', '../..'), undefined);
});

test('memoryTree lists folders sorted and reads files', () => {
  const tree = memoryTree({ 'chart/values.yaml': 'a: 1', 'chart/templates/b.yaml': 'b', 'chart/Chart.yaml': 'name: c' });
  assert.deepEqual(tree.readDir('chart'), [
    { name: 'Chart.yaml', kind: 'file' },
    { name: 'templates', kind: 'dir' },
    { name: 'values.yaml', kind: 'file' },
  ]);
  assert.equal(text(tree, './chart/values.yaml'), 'a: 1');
  assert.equal(tree.readFile('chart'), undefined);
  assert.equal(tree.readDir('chart/values.yaml'), undefined);
});

test('diskTree follows links inside the root and not out of it', () => {
  const base = mkdtempSync(join(tmpdir(), 'bollwerk-tree-'));
  const root = join(base, 'root');
  mkdirSync(join(root, 'real'), { recursive: true });
  writeFileSync(join(root, 'real', 'a.yaml'), 'a');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  symlinkSync(join(root, 'real'), join(root, 'linked'));
  symlinkSync(join(base, 'secret.txt'), join(root, 'escape.txt'));
  const tree = diskTree(root);
  assert.equal(text(tree, 'linked/a.yaml'), 'a');
  assert.equal(tree.readFile('escape.txt'), undefined);
  assert.equal(tree.readFile('../secret.txt'), undefined);
  assert.deepEqual(tree.readDir(''), [
    { name: 'linked', kind: 'dir' },
    { name: 'real', kind: 'dir' },
  ]);
});

test('overlayTree reads the overlay’s text over the base and lists files the base lacks', () => {
  const base = memoryTree({ 'chart/values.yaml': 'a: 1', 'chart/templates/b.yaml': 'b' });
  const tree = overlayTree(base, new Map([['chart/values.yaml', 'a: 2'], ['./chart/templates/new.yaml', 'n'], ['chart/docs/x.md', 'x']]));
  assert.equal(text(tree, 'chart/values.yaml'), 'a: 2');
  assert.equal(text(tree, 'chart/templates/b.yaml'), 'b');
  assert.equal(text(tree, 'chart/templates/new.yaml'), 'n');
  assert.deepEqual(tree.readDir('chart/templates'), [
    { name: 'b.yaml', kind: 'file' },
    { name: 'new.yaml', kind: 'file' },
  ]);
  assert.deepEqual(tree.readDir('chart')?.map((e) => e.name), ['docs', 'templates', 'values.yaml']);
  assert.deepEqual(tree.readDir('chart/docs'), [{ name: 'x.md', kind: 'file' }]);
  assert.equal(overlayTree(base, new Map()), base, 'no overlay: the base itself');
});
