import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyJsonPatch } from '../../shared/src/kustomize/json-patch';
import type { Json, JsonMap } from '../../shared/src/kustomize/json';
import { applySmp, PatchError } from '../../shared/src/kustomize/smp';
import { readYamlDocs } from '../../shared/src/kustomize/yaml-read';
import { writeYaml } from '../../shared/src/kustomize/yaml-write';

const y = (text: string): JsonMap => {
  const d = readYamlDocs(text)[0]!;
  if (!('value' in d)) throw new Error(d.error);
  return d.value as JsonMap;
};
const merged = (dest: string, patch: string): string => {
  const out = applySmp(y(dest), y(patch));
  return out === undefined ? '<deleted>' : writeYaml(out);
};

// Cases after kustomize's kyaml/yaml/merge2 tests (map_test.go, list_test.go, element_test.go) and
// api/krusty/multiplepatch_test.go, Apache-2.0.
describe('strategic merge patch', () => {
  const cases: [string, string, string, string][] = [
    ['scalar field replaced', 'a: 1\nb: 2\n', 'a: 3\n', 'a: 3\nb: 2\n'],
    ['null deletes a field', 'a: 1\nb: 2\n', 'b: null\n', 'a: 1\n'],
    ['nested maps merge', 'spec:\n  a: 1\n  b: {c: 2}\n', 'spec:\n  b: {d: 3}\n', 'spec:\n  a: 1\n  b:\n    c: 2\n    d: 3\n'],
    ['elements merge by name', 'c:\n- name: a\n  image: x\n- name: b\n  image: y\n', 'c:\n- name: b\n  image: z\n', 'c:\n- image: x\n  name: a\n- image: z\n  name: b\n'],
    ['new elements go first, in patch order', 'c:\n- name: a\n', 'c:\n- name: b\n- name: c\n', 'c:\n- name: b\n- name: c\n- name: a\n'],
    ['elements merge by mountPath before name', 'v:\n- mountPath: /a\n  name: x\n', 'v:\n- mountPath: /a\n  name: z\n', 'v:\n- mountPath: /a\n  name: z\n'],
    ['lists without a key are replaced', 'args: [a, b]\n', 'args: [c]\n', 'args:\n- c\n'],
    ['$patch: delete removes an element', 'c:\n- name: a\n- name: b\n', 'c:\n- name: a\n  $patch: delete\n', 'c:\n- name: b\n'],
    ['$patch: replace replaces a map', 'm:\n  a: 1\n  b: 2\n', 'm:\n  $patch: replace\n  c: 3\n', 'm:\n  c: 3\n'],
    ['$patch: replace in a list replaces the list', 'c:\n- name: a\n- name: b\n', 'c:\n- $patch: replace\n- name: z\n', 'c:\n- name: z\n'],
    ['$retainKeys keeps only the listed keys', 'strategy:\n  type: RollingUpdate\n  rollingUpdate: {maxSurge: 1}\n', 'strategy:\n  $retainKeys: [type]\n  type: Recreate\n', 'strategy:\n  type: Recreate\n'],
    ['$deleteFromPrimitiveList removes values', 'f: [a, b, c]\n', '$deleteFromPrimitiveList/f: [b]\n', 'f:\n- a\n- c\n'],
    ['$setElementOrder orders elements', 'c:\n- name: a\n- name: b\n', '$setElementOrder/c:\n- name: b\n- name: a\n', 'c:\n- name: b\n- name: a\n'],
  ];
  for (const [name, dest, patch, want] of cases) it(name, () => assert.equal(merged(dest, patch), want));
  it('$patch: delete at the top deletes the object', () => assert.equal(merged('a: 1\n', '$patch: delete\n'), '<deleted>'));
  it('conflicting merge keys are an error', () => assert.throws(() => applySmp(y('p:\n- name: a\n'), y('p:\n- containerPort: 80\n')), PatchError));
});

describe('JSON 6902 patch', () => {
  const doc = (): JsonMap => y('a:\n  b: [1, 2]\n');
  const run = (ops: object[]): Json => applyJsonPatch(doc(), ops as never);
  it('adds at the end of a list with -', () => assert.equal(writeYaml(run([{ op: 'add', path: '/a/b/-', value: 3 }])), 'a:\n  b:\n  - 1\n  - 2\n  - 3\n'));
  it('replaces, removes, moves, copies', () => {
    assert.equal(writeYaml(run([{ op: 'replace', path: '/a/b/0', value: 9 }, { op: 'copy', from: '/a/b', path: '/c' }, { op: 'move', from: '/c', path: '/d' }, { op: 'remove', path: '/a' }])), 'd:\n- 9\n- 2\n');
  });
  it('fails on a missing path and a failed test', () => {
    assert.throws(() => run([{ op: 'replace', path: '/x/y', value: 1 }]));
    assert.throws(() => run([{ op: 'test', path: '/a/b/0', value: 5 }]));
  });
});

describe('go-yaml v2 output', () => {
  const cases: [string, Json, string][] = [
    ['strings that read as other types are double-quoted', { a: 'true', b: '1', c: 'yes', d: '', e: '1:20', f: '2001-12-14' }, 'a: "true"\nb: "1"\nc: "yes"\nd: ""\ne: "1:20"\nf: "2001-12-14"\n'],
    ['indicators make single quotes', { a: '*x', b: 'a: b', c: ' lead' }, "a: '*x'\nb: 'a: b'\nc: ' lead'\n"],
    ['multi-line strings are literal blocks with chomping', { a: 'x\ny', b: 'x\n', c: 'x\n\n' }, 'a: |-\n  x\n  y\nb: |\n  x\nc: |+\n  x\n\n'],
    ['tabs are escaped in double quotes', { a: 'a\tb' }, 'a: "a\\tb"\n'],
    ['keys in natural order', { b10: 1, b9: 2, a_b: 3, aB: 4 }, 'a_b: 3\naB: 4\nb9: 2\nb10: 1\n'],
    ['long plain strings fold after column 80', { description: 'word '.repeat(20).trim() }, `description: ${'word '.repeat(13)}word\n  ${'word '.repeat(5)}word\n`],
  ];
  for (const [name, value, want] of cases) it(name, () => assert.equal(writeYaml(value), want));
  it('reads 0644 as go-yaml v3 does (octal 420)', () => assert.equal(writeYaml(y('m: 0644\n')), 'm: 420\n'));
});
