import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap } from 'yaml';
import { mapGet, parseYaml, seqItems, type YAMLMap } from '../shared/src/parse/yaml';
import { applyEdits } from '../shared/src/text';
import { appendIn, setIn } from '../shared/src/yaml-edit';

type Op = (file: ReturnType<typeof parseYaml>, container: YAMLMap) => ReturnType<typeof setIn>;

/** Applies `op` to the first container of the first document and returns the new text. */
function edit(text: string, op: Op): string | undefined {
  const file = parseYaml('file:///t.yaml', text, 'kubernetes');
  const doc = file.documents[0]!;
  const containers = mapGet(mapGet(doc.doc.contents, 'spec'), 'containers');
  const container = seqItems(containers)[0];
  assert.ok(isMap(container));
  const edits = op(file, container);
  return edits && applyEdits(text, edits);
}
const set = (path: string[], v: string): Op => (f, c) => setIn(f.documents[0]!, f.lines, c, path, v);
const append = (path: string[], v: string): Op => (f, c) => appendIn(f.documents[0]!, f.lines, c, path, v);

describe('yaml-edit setIn', () => {
  it('creates a missing nested map in block style, keeping comments', () => {
    const text = 'spec:\n  containers:\n    - name: a # first\n      image: x\n    - name: b\n';
    assert.equal(
      edit(text, set(['securityContext', 'readOnlyRootFilesystem'], 'true')),
      'spec:\n  containers:\n    - name: a # first\n      image: x\n      securityContext:\n        readOnlyRootFilesystem: true\n    - name: b\n',
    );
  });
  it('adds a key to an existing block map whose last value is a nested block map', () => {
    const text = 'spec:\n  containers:\n  - name: a\n    securityContext:\n      runAsUser: 1000\n  - name: b\n';
    assert.equal(
      edit(text, set(['securityContext', 'runAsNonRoot'], 'true')),
      'spec:\n  containers:\n  - name: a\n    securityContext:\n      runAsUser: 1000\n      runAsNonRoot: true\n  - name: b\n',
    );
  });
  it('inserts into a flow map and creates nested flow maps', () => {
    assert.equal(edit('spec:\n  containers:\n    - {name: a, image: x}\n', set(['securityContext', 'privileged'], 'false')), 'spec:\n  containers:\n    - {name: a, image: x, securityContext: {privileged: false}}\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext: {}\n', set(['securityContext', 'privileged'], 'false')), 'spec:\n  containers:\n    - name: a\n      securityContext: {privileged: false}\n');
  });
  it('replaces an existing scalar, keeping the trailing comment', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n        allowPrivilegeEscalation: true # legacy\n', set(['securityContext', 'allowPrivilegeEscalation'], 'false')), 'spec:\n  containers:\n    - name: a\n      securityContext:\n        allowPrivilegeEscalation: false # legacy\n');
  });
  it('fills an empty value', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n', set(['securityContext', 'runAsNonRoot'], 'true')), 'spec:\n  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot: true\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext: ~ # none\n', set(['securityContext', 'runAsNonRoot'], 'true')), 'spec:\n  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot: true # none\n');
  });
  it('keeps CRLF line endings and works at the end of a file without a final newline', () => {
    assert.equal(edit('spec:\r\n  containers:\r\n    - name: a\r\n      image: x', set(['securityContext', 'privileged'], 'false')), 'spec:\r\n  containers:\r\n    - name: a\r\n      image: x\r\n      securityContext:\r\n        privileged: false');
  });
  it('refuses what it cannot edit with certainty', () => {
    assert.equal(edit('x: &sc {runAsUser: 1}\nspec:\n  containers:\n    - name: a\n      securityContext: *sc\n', set(['securityContext', 'runAsNonRoot'], 'true')), undefined);
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n        runAsUser: 0\n', set(['securityContext'], 'x')), undefined);
  });
});

describe('yaml-edit appendIn', () => {
  it('appends to block and flow sequences', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args:\n        - one # c\n', append(['args'], 'two')), 'spec:\n  containers:\n    - name: a\n      args:\n        - one # c\n        - two\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args:\n      - one\n    - name: b\n', append(['args'], 'two')), 'spec:\n  containers:\n    - name: a\n      args:\n      - one\n      - two\n    - name: b\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args: [one]\n', append(['args'], 'two')), 'spec:\n  containers:\n    - name: a\n      args: [one, two]\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args: []\n', append(['args'], 'two')), 'spec:\n  containers:\n    - name: a\n      args: [two]\n');
  });
  it('creates the sequence and its parents', () => {
    assert.equal(
      edit('spec:\n  containers:\n    - name: a\n', append(['securityContext', 'capabilities', 'drop'], 'ALL')),
      'spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n',
    );
    assert.equal(edit('spec:\n  containers:\n    - {name: a}\n', append(['securityContext', 'capabilities', 'drop'], 'ALL')), 'spec:\n  containers:\n    - {name: a, securityContext: {capabilities: {drop: [ALL]}}}\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          drop:\n', append(['securityContext', 'capabilities', 'drop'], 'ALL')), 'spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n');
  });
});

describe('yaml-edit in a JSON manifest', () => {
  const json = (container: string): string => `{\n  "kind": "Pod",\n  "spec": {\n    "containers": [\n      ${container}\n    ]\n  }\n}\n`;
  it('writes quoted keys and JSON values, so the file stays JSON', () => {
    const inserted = edit(json('{"name": "a", "image": "x"}'), set(['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault'));
    assert.equal(inserted, json('{"name": "a", "image": "x", "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}'));
    assert.doesNotThrow(() => JSON.parse(inserted!));
    const appended = edit(json('{"name": "a", "securityContext": {}}'), append(['securityContext', 'capabilities', 'drop'], 'ALL'));
    assert.equal(appended, json('{"name": "a", "securityContext": {"capabilities": {"drop": ["ALL"]}}}'));
    assert.equal(edit(json('{"name": "a", "args": ["one"]}'), append(['args'], 'two')), json('{"name": "a", "args": ["one", "two"]}'));
    assert.equal(edit(json('{"name": "a", "imagePullPolicy": "Never"}'), set(['imagePullPolicy'], 'Always')), json('{"name": "a", "imagePullPolicy": "Always"}'));
    assert.equal(edit(json('{"name": "a", "securityContext": {"privileged": true}}'), set(['securityContext', 'privileged'], 'false')), json('{"name": "a", "securityContext": {"privileged": false}}'));
  });
  it('fills a null value with a JSON object', () => {
    const text = '{\n  "spec": {\n    "containers": [\n      {\n        "name": "a",\n        "securityContext": null\n      }\n    ]\n  }\n}\n';
    assert.equal(edit(text, set(['securityContext', 'runAsNonRoot'], 'true')), text.replace('"securityContext": null', '"securityContext": {"runAsNonRoot": true}'));
  });
});
