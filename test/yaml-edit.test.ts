import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap } from 'yaml';
import { mapGet, parseYaml, seqItems, type YAMLMap } from '../shared/src/parse/yaml';
import { applyEdits } from '../shared/src/text';
import { isSeq, type Pair } from 'yaml';
import { appendIn, removeItem, removeItemsIn, removePair, removePairs, replaceValue, setIn } from '../shared/src/yaml-edit';

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

/** The pair of `key` in `map`. */
const pairOf = (map: YAMLMap, key: string): Pair => map.items.find((p) => String((p.key as { value?: unknown }).value) === key) as Pair;
const removeKey = (key: string): Op => (f, c) => removePair(f.documents[0]!, f.lines, c, pairOf(c, key));
const removeArg = (i: number): Op => (f, c) => {
  const args = mapGet(c, 'args');
  assert.ok(isSeq(args));
  return removeItem(f.documents[0]!, f.lines, args, args.items[i] as never);
};
const replace = (key: string, v: string): Op => (f, c) => replaceValue(f.documents[0]!, f.lines, pairOf(c, key), v);

describe('yaml-edit replaceValue', () => {
  it('replaces a scalar or a flow value, keeping the comment', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      imagePullPolicy: "IfNotPresent" # x\n', replace('imagePullPolicy', 'Always')), 'spec:\n  containers:\n    - name: a\n      imagePullPolicy: Always # x\n');
    assert.equal(edit('spec:\n  containers:\n    - {name: a, imagePullPolicy: Never}\n', replace('imagePullPolicy', 'Always')), 'spec:\n  containers:\n    - {name: a, imagePullPolicy: Always}\n');
  });
  it('refuses block values and empty values', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args:\n        - x\n', replace('args', '[]')), undefined);
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      image:\n', replace('image', 'x')), undefined);
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      image: |\n        x\n', replace('image', 'x')), undefined);
  });
});

describe('yaml-edit removePair', () => {
  it('removes a block pair with its line and comment, nested block values too', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      hostPort: 80 # why\n      image: x\n', removeKey('hostPort')), 'spec:\n  containers:\n    - name: a\n      image: x\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n        privileged: true\n      image: x\n', removeKey('securityContext')), 'spec:\n  containers:\n    - name: a\n      image: x\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      # about the port\n      hostPort: 80\n', removeKey('hostPort')), 'spec:\n  containers:\n    - name: a\n      # about the port\n');
  });
  it('removes the last line of a file without a final line break', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      hostPort: 80', removeKey('hostPort')), 'spec:\n  containers:\n    - name: a');
    assert.equal(edit('spec:\r\n  containers:\r\n    - name: a\r\n      hostPort: 80', removeKey('hostPort')), 'spec:\r\n  containers:\r\n    - name: a');
  });
  it('moves the next key behind the dash when the first key of an item goes', () => {
    assert.equal(edit('spec:\n  containers:\n    - hostPort: 80\n      name: a\n', removeKey('hostPort')), 'spec:\n  containers:\n    - name: a\n');
    assert.equal(edit('spec:\n  containers:\n    - hostPort: 80\n      # c\n      name: a\n', removeKey('hostPort')), undefined);
  });
  it('removes a flow pair with one comma', () => {
    assert.equal(edit('spec:\n  containers:\n    - {name: a, hostPort: 80, image: x}\n', removeKey('hostPort')), 'spec:\n  containers:\n    - {name: a, image: x}\n');
    assert.equal(edit('spec:\n  containers:\n    - {name: a, hostPort: 80}\n', removeKey('hostPort')), 'spec:\n  containers:\n    - {name: a}\n');
    assert.equal(edit('spec:\n  containers:\n    - {hostPort: 80, name: a}\n', removeKey('hostPort')), 'spec:\n  containers:\n    - {name: a}\n');
  });
  it('refuses the only pair and block scalars', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n', removeKey('name')), undefined);
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args: |\n        x\n', removeKey('args')), undefined);
  });
});

describe('yaml-edit removeItem', () => {
  it('removes block and flow items', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args:\n        - one # c\n        - two\n', removeArg(0)), 'spec:\n  containers:\n    - name: a\n      args:\n        - two\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args:\n        - one\n        - two\n    - name: b\n', removeArg(1)), 'spec:\n  containers:\n    - name: a\n      args:\n        - one\n    - name: b\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args: [one, two, three]\n', removeArg(1)), 'spec:\n  containers:\n    - name: a\n      args: [one, three]\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args: [one, two]\n', removeArg(1)), 'spec:\n  containers:\n    - name: a\n      args: [one]\n');
  });
  it('removes a block map item', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args:\n        - name: x\n          value: "1"\n        - two\n', removeArg(0)), 'spec:\n  containers:\n    - name: a\n      args:\n        - two\n');
  });
  it('refuses the only item', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      args: [one]\n', removeArg(0)), undefined);
  });
});

describe('yaml-edit removeItemsIn', () => {
  const removeCaps = (...caps: string[]): Op => (f, c) => {
    const add = mapGet(mapGet(mapGet(c, 'securityContext'), 'capabilities'), 'add');
    assert.ok(isSeq(add));
    const items = add.items.filter((i) => caps.includes(String((i as { value?: unknown }).value))) as never[];
    return removeItemsIn(f.documents[0]!, f.lines, c, ['securityContext', 'capabilities', 'add'], items);
  };
  it('removes several items of a block or flow sequence', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          add:\n            - SYS_ADMIN\n            - CHOWN\n            - NET_ADMIN # x\n', removeCaps('SYS_ADMIN', 'NET_ADMIN')), 'spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          add:\n            - CHOWN\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext: {capabilities: {add: [SYS_ADMIN, CHOWN, "NET_ADMIN"]}}\n', removeCaps('SYS_ADMIN', 'NET_ADMIN')), 'spec:\n  containers:\n    - name: a\n      securityContext: {capabilities: {add: [CHOWN]}}\n');
  });
  it('drops the key of a list left empty, or empties the list when the key is the only one of its map', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          add: [SYS_ADMIN]\n          drop: [ALL]\n', removeCaps('SYS_ADMIN')), 'spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          drop: [ALL]\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          add: [SYS_ADMIN]\n', removeCaps('SYS_ADMIN')), 'spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          add: []\n');
    assert.equal(edit('spec:\n  containers:\n    - securityContext:\n        capabilities:\n          add:\n          # why\n          - SYS_ADMIN\n          - NET_ADMIN\n      name: a\n', removeCaps('SYS_ADMIN', 'NET_ADMIN')), 'spec:\n  containers:\n    - securityContext:\n        capabilities:\n          add:\n          # why\n      name: a\n');
  });
});

describe('yaml-edit removePairs', () => {
  const removeKeys = (...keys: string[]): Op => (f, c) => {
    const sc = mapGet(c, 'securityContext');
    assert.ok(isMap(sc));
    return removePairs(f.documents[0]!, f.lines, sc, sc.items.filter((p) => keys.includes(String((p.key as { value?: unknown }).value))) as Pair[]);
  };
  it('removes several block or flow pairs, keeping the others and comments', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n        user: u # x\n        level: s0\n        role: r\n', removeKeys('user', 'role')), 'spec:\n  containers:\n    - name: a\n      securityContext:\n        level: s0\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext: {user: u, level: s0, role: r}\n', removeKeys('user', 'role')), 'spec:\n  containers:\n    - name: a\n      securityContext: {level: s0}\n');
  });
  it('leaves the map empty when every pair goes', () => {
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext:\n        user: u\n        role: r\n      image: x\n', removeKeys('user', 'role')), 'spec:\n  containers:\n    - name: a\n      securityContext:\n      image: x\n');
    assert.equal(edit('spec:\n  containers:\n    - name: a\n      securityContext: {user: u}\n', removeKeys('user')), 'spec:\n  containers:\n    - name: a\n      securityContext: {}\n');
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
