// The fix helpers of chart and kustomize code actions: fixes found for the same findings go onto the
// document's results; fix-all passes apply each file's non-overlapping fixes until none is left;
// the workspace edit holds one minimal edit per changed file, versioned for open documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filesEdit, liveFixAll, withLiveFixes } from '../../server/src/live-fixes';
import type { Result } from '../../shared/src/types';

const pos = (line: number, character: number): { line: number; character: number } => ({ line, character });
const result = (ruleId: string, uri: string, line: number, extra: Partial<Result> = {}): Result => ({
  ruleId,
  uri,
  severity: 'warning',
  range: { start: pos(line, 0), end: pos(line, 3) },
  message: { en: ruleId, de: ruleId },
  ...extra,
});

describe('withLiveFixes', () => {
  it('puts the fix and pin site of the same rule, file and range onto the result; others stay as they are', () => {
    const fix = { title: { en: 'fix', de: 'fix' }, edits: [{ range: { start: pos(5, 0), end: pos(5, 0) }, newText: 'a: 1\n' }], uri: 'file:///c/values.yaml' };
    const own = result('r/a', 'file:///c/t.yaml', 1, { message: { en: 'r/a (value sets: default, prod)', de: 'x' } });
    const other = result('r/b', 'file:///c/t.yaml', 1);
    const elsewhere = result('r/a', 'file:///c/t.yaml', 2);
    const merged = withLiveFixes([own, other, elsewhere], [
      result('r/a', 'file:///c/t.yaml', 1, { fix, data: { pin: { reference: 'nginx:1', insert: { uri: 'file:///c/values.yaml', position: pos(2, 9) } } } }),
      result('r/b', 'file:///c/t.yaml', 1),
    ]);
    assert.deepEqual(merged[0], { ...own, fix, data: { pin: { reference: 'nginx:1', insert: { uri: 'file:///c/values.yaml', position: pos(2, 9) } } } });
    assert.equal(merged[0]!.message.en, 'r/a (value sets: default, prod)', 'the document’s message is kept');
    assert.equal(merged[1], other);
    assert.equal(merged[2], elsewhere);
  });
});

describe('liveFixAll', () => {
  it('applies every file’s fixes pass after pass, each pass seeing the texts fixed so far', () => {
    const disk = new Map([
      ['file:///c/t.yaml', 'kind: Pod\n'],
      ['file:///c/values.yaml', 'a: 1\n'],
    ]);
    const seen: string[] = [];
    const changes = liveFixAll((texts) => {
      const values = texts.get('file:///c/values.yaml') ?? disk.get('file:///c/values.yaml')!;
      seen.push(values);
      // a finding in the template whose fix goes into values.yaml, until b and c are set there
      const out: Result[] = [];
      if (!values.includes('b:')) out.push(result('r/b', 'file:///c/t.yaml', 0, { fix: { title: { en: 'b', de: 'b' }, edits: [{ range: { start: pos(1, 0), end: pos(1, 0) }, newText: 'b: 2\n' }], uri: 'file:///c/values.yaml' } }));
      // overlaps the fix of r/b: it waits for the next pass
      if (!values.includes('c:')) out.push(result('r/c', 'file:///c/t.yaml', 0, { fix: { title: { en: 'c', de: 'c' }, edits: [{ range: { start: pos(1, 0), end: pos(1, 0) }, newText: 'c: 3\n' }], uri: 'file:///c/values.yaml' } }));
      return out;
    }, (uri) => disk.get(uri));
    assert.deepEqual(seen, ['a: 1\n', 'a: 1\nb: 2\n', 'a: 1\nc: 3\nb: 2\n']);
    assert.deepEqual([...changes], [['file:///c/values.yaml', { before: 'a: 1\n', after: 'a: 1\nc: 3\nb: 2\n' }]]);
  });

  it('stops after the pass limit and leaves out files it cannot read', () => {
    let passes = 0;
    const changes = liveFixAll(() => {
      passes++;
      return [
        result('r/x', 'file:///c/t.yaml', 0, { fix: { title: { en: 'x', de: 'x' }, edits: [{ range: { start: pos(0, 0), end: pos(0, 0) }, newText: 'x' }] } }),
        result('r/y', 'file:///c/gone.yaml', 0, { fix: { title: { en: 'y', de: 'y' }, edits: [{ range: { start: pos(0, 0), end: pos(0, 0) }, newText: 'y' }] } }),
      ];
    }, (uri) => (uri === 'file:///c/t.yaml' ? '' : undefined), 3);
    assert.equal(passes, 3);
    assert.deepEqual([...changes], [['file:///c/t.yaml', { before: '', after: 'xxx' }]]);
  });
});

describe('filesEdit', () => {
  const changes = new Map([
    ['file:///c/t.yaml', { before: 'a\nb\n', after: 'a\nx\nb\n' }],
    ['file:///c/values.yaml', { before: 'k: 1\n', after: 'k: 2\n' }],
  ]);
  it('one minimal edit per file, versioned for open documents with documentChanges', () => {
    assert.deepEqual(filesEdit(changes, true, (uri) => (uri === 'file:///c/t.yaml' ? 4 : undefined)), {
      documentChanges: [
        { textDocument: { uri: 'file:///c/t.yaml', version: 4 }, edits: [{ range: { start: pos(1, 0), end: pos(1, 0) }, newText: 'x\n' }] },
        { textDocument: { uri: 'file:///c/values.yaml', version: null }, edits: [{ range: { start: pos(0, 3), end: pos(0, 4) }, newText: '2' }] },
      ],
    });
  });
  it('changes by URI without documentChanges; undefined when nothing changed', () => {
    assert.deepEqual(Object.keys(filesEdit(changes, false, () => undefined)!.changes!), ['file:///c/t.yaml', 'file:///c/values.yaml']);
    assert.equal(filesEdit(new Map([['file:///c/t.yaml', { before: 'a', after: 'a' }]]), true, () => 1), undefined);
  });
});
