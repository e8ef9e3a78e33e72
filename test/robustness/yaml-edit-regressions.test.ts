import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap } from 'yaml';
import { mapGet, parseYaml, seqItems } from '../../shared/src/parse/yaml';
import { applyEdits } from '../../shared/src/text';
import { appendIn, setIn } from '../../shared/src/yaml-edit';

/** Regressions of yaml-edit.ts found by the fix-safety run over the real-world corpus. */

const podSpec = (text: string) => {
  const file = parseYaml('file:///t.yaml', text, 'kubernetes');
  const spec = mapGet(mapGet(mapGet(file.documents[0]!.doc.contents, 'spec'), 'template'), 'spec');
  assert.ok(isMap(spec));
  return { file, spec };
};

const STATEFULSET = [
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '      - name: nginx',
  '        image: nginx',
  '        # resources:',
  '        #   cpu: 4',
  '  volumeClaimTemplates:',
  '  - metadata:',
  '      name: www',
  '',
].join('\n');

describe('yaml-edit after trailing comment lines', () => {
  it('setIn inserts before the next key of the parent, not after it (statefulset with commented-out resources)', () => {
    const { file, spec } = podSpec(STATEFULSET);
    const edits = setIn(file.documents[0]!, file.lines, spec, ['hostUsers'], 'false');
    assert.ok(edits);
    const out = applyEdits(STATEFULSET, edits);
    assert.equal(out, STATEFULSET.replace('  volumeClaimTemplates:', '      hostUsers: false\n  volumeClaimTemplates:'));
    const reparsed = parseYaml('file:///t.yaml', out, 'kubernetes');
    assert.deepEqual(reparsed.documents[0]!.errors, []);
  });

  it('appendToSeq inserts one whole line after a block sequence of maps with trailing comments', () => {
    const { file, spec } = podSpec(STATEFULSET);
    const edits = appendIn(file.documents[0]!, file.lines, spec, ['containers'], '{name: sidecar}');
    assert.ok(edits);
    const out = applyEdits(STATEFULSET, edits);
    assert.equal(out.replace('      - {name: sidecar}\n', ''), STATEFULSET, 'one whole line inserted, nothing else changed');
    const after = podSpec(out);
    assert.deepEqual(after.file.documents[0]!.errors, []);
    assert.deepEqual(seqItems(mapGet(after.spec, 'containers')).map((c) => String(mapGet(c, 'name'))), ['nginx', 'sidecar']);
  });

  it('CRLF: the same', () => {
    const text = STATEFULSET.replace(/\n/g, '\r\n');
    const { file, spec } = podSpec(text);
    const out = applyEdits(text, setIn(file.documents[0]!, file.lines, spec, ['hostUsers'], 'false')!);
    assert.equal(out, text.replace('  volumeClaimTemplates:', '      hostUsers: false\r\n  volumeClaimTemplates:'));
  });
});

describe('yaml-edit in a document with syntax errors', () => {
  it('offers no edit: the recovered tree is a guess (found by fuzzing: fixes added syntax errors)', () => {
    const text = 'spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env: {x: [1]}\n          - name: B\n        ports: []\n';
    const { file, spec } = podSpec(text);
    assert.ok(file.documents[0]!.errors.length > 0);
    assert.equal(setIn(file.documents[0]!, file.lines, spec, ['automountServiceAccountToken'], 'false'), undefined);
    assert.equal(appendIn(file.documents[0]!, file.lines, spec, ['containers'], '{name: b}'), undefined);
  });
});

describe('yaml-edit after a byte-order mark', () => {
  const bom = '\ufeffapiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n';
  const root = (text: string) => {
    const file = parseYaml('file:///t.yaml', text, 'kubernetes');
    const map = file.documents[0]!.doc.contents;
    assert.ok(isMap(map));
    return { file, map };
  };
  it('the mark is not indentation: a key set on the root map starts at column 0 (found by fuzzing)', () => {
    const { file, map } = root(bom);
    const out = applyEdits(bom, setIn(file.documents[0]!, file.lines, map, ['spec', 'automountServiceAccountToken'], 'false')!);
    assert.equal(out, `${bom}  automountServiceAccountToken: false\n`);
    const top = applyEdits(bom, setIn(file.documents[0]!, file.lines, map, ['metadata', 'name'], 'x')!);
    assert.equal(top, `${bom}metadata:\n  name: x\n`);
    assert.deepEqual(parseYaml('file:///t.yaml', top, 'kubernetes').documents[0]!.errors, []);
  });
  it('a root-level key with an empty value on the first line', () => {
    const empty = '\ufeffspec:\n';
    const e = root(empty);
    assert.equal(applyEdits(empty, setIn(e.file.documents[0]!, e.file.lines, e.map, ['spec', 'a'], '1')!), '\ufeffspec:\n  a: 1\n');
  });
});

describe('yaml-edit with a tag or anchor before the first key', () => {
  for (const [name, props] of [['tag', '!!str '], ['anchor', '&a '], ['both', '&a !!str ']] as const) {
    it(`${name}: new keys line up with the map, not with the key after the ${name} (found by fuzzing)`, () => {
      const text = `services:\n  web:\n    ${props}restart: always\n    image: x\n`;
      const file = parseYaml('file:///c.yaml', text, 'compose');
      const web = mapGet(file.documents[0]!.doc.contents, 'web') ?? mapGet(mapGet(file.documents[0]!.doc.contents, 'services'), 'web');
      assert.ok(isMap(web));
      const out = applyEdits(text, setIn(file.documents[0]!, file.lines, web, ['read_only'], 'true')!);
      assert.equal(out, `${text}    read_only: true\n`);
      assert.deepEqual(parseYaml('file:///c.yaml', out, 'compose').documents[0]!.errors, []);
    });
  }
});
