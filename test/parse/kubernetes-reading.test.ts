// Manifests read as the API server reads them (sigs.k8s.io/yaml on goyaml v2, encoding/json):
// YAML 1.1 booleans, the last of duplicate keys, merge keys and aliases (docs/yaml-reading.md).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { DUPLICATE_KEY } from '../../shared/src/engine-rules';
import { lintText } from '../../shared/src/lint';
import { scalarBool, parseYaml, mapGet } from '../../shared/src/parse/yaml';
import { allowPrivilegeEscalation } from '../../shared/src/rules/kubernetes/allow-privilege-escalation';
import { automountServiceAccountToken } from '../../shared/src/rules/kubernetes/automount-service-account-token';
import { hostNamespaces } from '../../shared/src/rules/kubernetes/host-namespaces';
import { privileged } from '../../shared/src/rules/kubernetes/privileged';
import { readOnlyRootFilesystem } from '../../shared/src/rules/kubernetes/read-only-root-filesystem';
import { runAsNonRoot } from '../../shared/src/rules/kubernetes/run-as-non-root';
import type { FileRule, YamlFile } from '../../shared/src/types';
import { ruleTester } from '../rule-tester';

const pod = (spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;
const container = (securityContext: string): string => pod(`  containers:\n    - name: a\n      image: a:1\n      securityContext:\n${securityContext}`);

it('scalarBool reads goyaml v2 booleans: every YAML 1.1 spelling, plain scalars only', () => {
  const file = parseYaml('file:///m.yaml', [
    ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s, i) => `t${i}: ${s}`),
    ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s, i) => `f${i}: ${s}`),
    ...['"yes"', "'on'", 'yEs', 'oN', 'nO', '1', '0', 'enabled', '!!str true', '"true"', 'Yes please'].map((s, i) => `s${i}: ${s}`),
  ].join('\n'), 'kubernetes');
  const root = file.documents[0]!.doc.contents;
  for (let i = 0; i < 11; i++) assert.equal(scalarBool(mapGet(root, `t${i}`)), true, `t${i}`);
  for (let i = 0; i < 11; i++) assert.equal(scalarBool(mapGet(root, `f${i}`)), false, `f${i}`);
  for (let i = 0; i < 11; i++) assert.equal(scalarBool(mapGet(root, `s${i}`)), undefined, `s${i}`);
});

ruleTester(privileged, {
  valid: [
    { name: 'quoted "yes" is a string the API server rejects, not privileged', code: container('        privileged: "yes"\n') },
    { name: 'no and off are false', code: container('        privileged: off\n') },
    { name: 'the last of two keys is false', code: container('        privileged: true\n        privileged: false\n') },
    { name: 'an explicit key after the merge overrides it', code: 'x-base: &base {privileged: true}\n' + container('        <<: *base\n        privileged: false\n') },
    { name: 'JSON: the last duplicate wins', code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "securityContext": {"privileged": true, "privileged": false}}]}}\n' },
  ],
  invalid: [
    { name: 'privileged: yes', code: container('        privileged: yes\n'), findings: [{ range: [9, 20, 9, 23] }], output: container('        privileged: false\n') },
    { name: 'privileged: On (flow style)', code: pod('  containers: [{name: a, securityContext: {privileged: On}}]\n'), findings: [{ range: [5, 55, 5, 57] }], output: pod('  containers: [{name: a, securityContext: {privileged: false}}]\n') },
    { name: 'privileged: Y', code: container('        privileged: Y\n'), findings: [{ range: [9, 20, 9, 21] }], output: container('        privileged: false\n') },
    {
      name: 'duplicate key: the later true counts',
      code: container('        privileged: false\n        privileged: true\n'),
      findings: [{ range: [10, 20, 10, 24] }],
      output: container('        privileged: false\n        privileged: false\n'),
    },
    {
      name: 'a second containers key holds the privileged container',
      code: pod('  containers:\n    - name: a\n      image: a:1\n  containers:\n    - name: b\n      securityContext: {privileged: true}\n'),
      findings: [{ range: [10, 36, 10, 40] }],
      output: pod('  containers:\n    - name: a\n      image: a:1\n  containers:\n    - name: b\n      securityContext: {privileged: false}\n'),
    },
    {
      name: 'JSON duplicate: false then true',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "securityContext": {"privileged": false, "privileged": true}}]}}\n',
      findings: [{ range: [0, 156, 0, 160] }],
      output: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "securityContext": {"privileged": false, "privileged": false}}]}}\n',
    },
    {
      name: 'merge key: reported at the alias, no fix (the text is the anchor\'s)',
      code: 'x-base: &base\n  privileged: true\n' + container('        <<: *base\n'),
      findings: [{ range: [11, 12, 11, 17] }],
      output: null,
    },
    {
      name: 'merge key after an explicit false overrides it (goyaml v2 writes entries in order)',
      code: 'x-base: &base {privileged: true}\n' + container('        privileged: false\n        <<: *base\n'),
      findings: [{ range: [11, 12, 11, 17] }],
      output: null,
    },
    {
      name: 'merge of a sequence: the earliest map wins',
      code: 'x-a: &a {privileged: yes}\nx-b: &b {privileged: false}\n' + container('        <<: [*a, *b]\n'),
      findings: [{ range: [11, 13, 11, 15] }],
      output: null,
    },
    {
      name: 'inline merge map: its own text, fixable',
      code: container('        <<: {privileged: true}\n'),
      findings: [{ range: [9, 25, 9, 29] }],
      output: container('        <<: {privileged: false}\n'),
    },
    {
      name: 'alias of a whole securityContext: reported at the alias',
      code: pod('  containers:\n    - name: a\n      image: a:1\n      securityContext: &sc\n        privileged: true\n    - name: b\n      image: b:1\n      securityContext: *sc\n'),
      findings: [{ range: [9, 20, 9, 24] }, { range: [12, 23, 12, 26] }],
      output: pod('  containers:\n    - name: a\n      image: a:1\n      securityContext: &sc\n        privileged: false\n    - name: b\n      image: b:1\n      securityContext: *sc\n'),
    },
    {
      name: 'alias of a whole container list',
      code: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    containers: &cs\n    - {name: a, securityContext: {privileged: true}}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n  spec:\n    containers: *cs\n',
      findings: [{ range: [8, 46, 8, 50] }, { range: [13, 16, 13, 19] }],
      output: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    containers: &cs\n    - {name: a, securityContext: {privileged: false}}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n  spec:\n    containers: *cs\n',
    },
  ],
});

ruleTester(hostNamespaces, {
  valid: [pod('  hostPID: no\n  hostNetwork: "on"\n  containers: [{name: a}]\n')],
  invalid: [
    {
      name: 'hostPID: yes, hostNetwork: on, hostIPC: TRUE',
      code: pod('  hostPID: yes\n  hostNetwork: on\n  hostIPC: TRUE\n  containers: [{name: a}]\n'),
      findings: [{ range: [5, 11, 5, 14] }, { range: [6, 15, 6, 17] }, { range: [7, 11, 7, 15] }],
      output: pod('  hostPID: false\n  hostNetwork: false\n  hostIPC: false\n  containers: [{name: a}]\n'),
    },
  ],
});

ruleTester(allowPrivilegeEscalation, {
  valid: [container('        allowPrivilegeEscalation: no\n'), container('        allowPrivilegeEscalation: N\n')],
  invalid: [
    { name: 'allowPrivilegeEscalation: on', code: container('        allowPrivilegeEscalation: on\n'), findings: [{ range: [9, 34, 9, 36] }], output: container('        allowPrivilegeEscalation: false\n') },
  ],
});

ruleTester(readOnlyRootFilesystem, {
  valid: [container('        readOnlyRootFilesystem: yes\n'), container('        readOnlyRootFilesystem: ON\n')],
  invalid: [
    { name: 'readOnlyRootFilesystem: off', code: container('        readOnlyRootFilesystem: off\n'), findings: [{ range: [9, 32, 9, 35] }], output: container('        readOnlyRootFilesystem: true\n') },
    { name: 'the later of two keys counts', code: container('        readOnlyRootFilesystem: true\n        readOnlyRootFilesystem: no\n'), findings: [{ range: [10, 32, 10, 34] }], output: container('        readOnlyRootFilesystem: true\n        readOnlyRootFilesystem: true\n') },
  ],
});

ruleTester(runAsNonRoot, {
  valid: [pod('  securityContext: {runAsNonRoot: yes}\n  containers: [{name: a, image: a:1}]\n'), container('        runAsNonRoot: Yes\n')],
  invalid: [
    { name: 'runAsNonRoot: "yes" is a string: not enforced', code: container('        runAsNonRoot: "yes"\n'), findings: [{ range: [6, 12, 6, 13] }], output: container('        runAsNonRoot: true\n') },
  ],
});

ruleTester(automountServiceAccountToken, {
  valid: [pod('  automountServiceAccountToken: no\n  containers: [{name: a}]\n'), pod('  automountServiceAccountToken: Off\n  containers: [{name: a}]\n')],
  invalid: [
    { name: 'automountServiceAccountToken: yes', code: pod('  automountServiceAccountToken: yes\n  containers: [{name: a}]\n'), findings: [{ range: [5, 32, 5, 35] }], output: pod('  automountServiceAccountToken: false\n  containers: [{name: a}]\n') },
  ],
});

/** `bollwerk/duplicate-key` run through the rule tester: an engine rule, reported by every lint of a YAML file. */
const duplicateKey: FileRule<YamlFile> = { ...DUPLICATE_KEY, scope: 'file', check: () => [] } as unknown as FileRule<YamlFile>;

ruleTester(duplicateKey, {
  valid: [
    container('        privileged: false\n'),
    { name: 'a key set by a merge and then written is no duplicate', code: 'x: &b {privileged: true}\n' + container('        <<: *b\n        privileged: false\n') },
    { name: 'equal keys in different mappings', code: pod('  containers:\n    - {name: a}\n    - {name: a}\n') },
    { name: 'Compose: a key once per service', code: 'services:\n  a: {image: a}\n  b: {image: a}\n', filename: 'compose.yaml' },
  ],
  invalid: [
    {
      name: 'the later key is reported, naming the line of the earlier one',
      code: container('        privileged: false\n        privileged: true\n'),
      findings: [{ range: [10, 8, 10, 18], message: 'Key "privileged" is written twice in this mapping (first on line 10). Kubernetes uses this later value; Compose and strict decoders reject the file. Keep one of them.' }],
    },
    { name: 'three times: two findings', code: 'apiVersion: v1\nkind: Pod\nkind: Pod\nkind: Pod\n', findings: [{ range: [2, 0, 2, 4] }, { range: [3, 0, 3, 4] }] },
    { name: 'JSON', code: '{"apiVersion": "v1", "kind": "Pod", "apiVersion": "v1"}\n', findings: [{ range: [0, 36, 0, 48] }] },
    { name: '1 and "1" are one key to Kubernetes (JSON keys are strings)', code: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  1: a\n  "1": b\n', findings: [{ range: [4, 2, 4, 5] }] },
    { name: 'Compose: a duplicate service key', code: 'services:\n  web:\n    image: a\n    privileged: false\n    privileged: true\n', filename: 'compose.yaml', findings: [{ range: [4, 4, 4, 14] }] },
  ],
});

it('an alias bomb stops at the copy limit with a not-checked finding, quickly', () => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data:', '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  const started = performance.now();
  const report = lintText('file:///bomb.yaml', lines.join('\n') + '\n', { kind: 'kubernetes' });
  assert.ok(performance.now() - started < 2000, 'bounded time');
  const notChecked = report.results.filter((r) => r.ruleId === 'bollwerk/not-checked');
  assert.equal(notChecked.length, 1);
  assert.match(notChecked[0]!.message.en, /aliases of the document at line 1 expand to more than 20000 nodes/);
  assert.match(notChecked[0]!.message.de, /Aliase des Dokuments in Zeile 1/);
});

it('a self-referring alias is left as it is', () => {
  const report = lintText('file:///self.yaml', pod('  containers: &c [{name: a, securityContext: {privileged: true}}, *c]\n'), { kind: 'kubernetes' });
  assert.deepEqual(report.results.filter((r) => r.ruleId === 'k8s/privileged').map((r) => r.range.start), [{ line: 5, character: 58 }]);
});

describe('quoted scalars continued on lines not indented more than their key (goyaml and PyYAML read them)', () => {
  const annotated = (value: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    description: ${value}\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n`;
  it('the file is checked, not given up as a parse error, and the value is the folded text', () => {
    for (const [value, expected] of [
      ['"a long\n    text"', 'a long text'],
      ["'it''s\n  long'", "it's long"],
      ['"first \\"quoted\\"\n    second\n\n    third"', 'first "quoted" second\nthird'],
    ] as const) {
      const text = annotated(value);
      const report = lintText('file:///w/pod.yaml', text, { kind: 'kubernetes' });
      assert.deepEqual(report.results.filter((r) => r.ruleId === 'bollwerk/parse-error').map((r) => r.message.en), [], value);
      const line = text.split('\n').findIndex((l) => l.includes('privileged'));
      assert.deepEqual(report.results.filter((r) => r.ruleId === 'k8s/privileged').map((r) => r.range), [{ start: { line, character: 55 }, end: { line, character: 59 } }], value);
      const file = parseYaml('file:///w/pod.yaml', text, 'kubernetes');
      assert.equal(file.objects[0]!.annotations['description'], expected);
    }
  });
  it('a quote that never closes is still a parse error', () => {
    const report = lintText('file:///w/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\n---\nkind: x\n', { kind: 'kubernetes' });
    assert.deepEqual(report.results.filter((r) => r.ruleId === 'bollwerk/parse-error').map((r) => r.message.en), ['YAML syntax error: Missing closing "quote']);
  });
});

it('property: k8s/privileged fires exactly when goyaml v2 would decode privileged: true', () => {
  const TRUE = ['true', 'True', 'TRUE', 'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'];
  const FALSE = ['false', 'False', 'FALSE', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'];
  const NEITHER = ['"yes"', "'true'", 'yEs', '1', 'null', 'enabled'];
  const spelling = fc.oneof(fc.constantFrom(...TRUE).map((s) => [s, true] as const), fc.constantFrom(...FALSE).map((s) => [s, false] as const), fc.constantFrom(...NEITHER).map((s) => [s, undefined] as const));
  // entries of one securityContext in order: an explicit key, or a merge of an anchored map
  const entry = fc.oneof(spelling.map(([s, v]) => ({ line: `privileged: ${s}`, value: v, anchor: undefined as string | undefined })), spelling.map(([s, v]) => ({ line: '<<: *m', value: v, anchor: s })));
  fc.assert(
    fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), (entries) => {
      const anchor = entries.find((e) => e.anchor !== undefined)?.anchor;
      const anchorValue = entries.find((e) => e.anchor !== undefined)?.value;
      // goyaml v2 writes each entry in order; the last one wins
      let value: boolean | undefined;
      for (const e of entries) value = e.anchor !== undefined ? anchorValue : e.value;
      const text = (anchor !== undefined ? `x-m: &m {privileged: ${anchor}}\n` : '') + container(entries.map((e) => `        ${e.line}\n`).join(''));
      const found = lintText('file:///p.yaml', text, { kind: 'kubernetes', rules: [privileged] }).results.filter((r) => r.ruleId === 'k8s/privileged');
      assert.equal(found.length, value === true ? 1 : 0, text);
    }),
    { seed: 17, numRuns: 400 },
  );
});
