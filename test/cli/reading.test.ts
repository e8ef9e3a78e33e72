// Evasions a manifest must not get past, through the built CLI (dist/cli.js): YAML 1.1 booleans,
// duplicate keys, merge keys, manifests in other spellings, templates, limits that fail closed.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildOnce, spawnCli, workspace } from './helpers';

interface JsonResult {
  readonly ruleId: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

const POD = (securityContext: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n${securityContext}`;

/** Scans `dir` and returns the exit code and the results of the given rules. */
function scan(dir: string, rules: readonly string[], args: readonly string[] = []): { code: number | null; results: JsonResult[]; notes: { file: string; code: string }[] } {
  const r = spawnCli(['.', '--format', 'json', ...args], { cwd: dir });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const json = JSON.parse(r.stdout) as { results: JsonResult[]; notes: { file: string; code: string }[] };
  return { code: r.code, results: json.results.filter((x) => rules.includes(x.ruleId)), notes: json.notes };
}

const where = (results: readonly JsonResult[]): string[] => results.map((r) => `${r.file}:${r.line} ${r.ruleId}`).sort();

describe('CLI: manifests read as the API server reads them', () => {
  before(() => buildOnce());

  it('YAML 1.1 booleans, duplicate keys, merge keys and aliases: reported, exit 1', () => {
    const dir = workspace({
      'yes.yaml': POD('        privileged: yes\n'),
      'on.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: on\n  hostPID: Y\n  containers: [{name: a, image: a:1}]\n',
      'dup.yaml': POD('        privileged: false\n        privileged: true\n'),
      'dup.json': '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"containers": [{"name": "a", "image": "a:1",\n "securityContext": {"privileged": false, "privileged": true}}]}}\n',
      'merge.yaml': 'x-priv: &priv\n  privileged: true\n' + POD('        <<: *priv\n'),
      'quoted-no.yaml': POD('        privileged: "yes"\n'),
    });
    const { code, results } = scan(dir, ['k8s/privileged', 'k8s/host-namespaces', 'bollwerk/duplicate-key']);
    assert.equal(code, 1);
    assert.deepEqual(where(results), [
      'dup.json:3 bollwerk/duplicate-key',
      'dup.json:3 k8s/privileged',
      'dup.yaml:11 bollwerk/duplicate-key',
      'dup.yaml:11 k8s/privileged',
      'merge.yaml:12 k8s/privileged',
      'on.yaml:5 k8s/host-namespaces',
      'on.yaml:6 k8s/host-namespaces',
      'yes.yaml:10 k8s/privileged',
    ]);
  });

  it('quoted keys, a flow-style root and indented JSON are manifests; their privileged containers are reported', () => {
    const dir = workspace({
      'quoted.yaml': '"apiVersion": "v1"\n"kind": "Pod"\n"metadata": {"name": "p"}\n"spec":\n  "containers": [{"name": "a", "securityContext": {"privileged": true}}]\n',
      'flow.yaml': '{apiVersion: v1, kind: Pod, metadata: {name: p},\n spec: {containers: [{name: a, securityContext: {privileged: true}}]}}\n',
      'pod.json': '\n  {\n    "kind": "Pod",\n    "apiVersion": "v1",\n    "metadata": {"name": "p"},\n    "spec": {"containers": [{"name": "a", "securityContext": {"privileged": true}}]}\n  }\n',
      'indented.yaml': '  apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    containers: [{name: a, securityContext: {privileged: true}}]\n',
      'not-a-manifest.yaml': 'description: apiVersion and kind are words here\n',
    });
    const { results } = scan(dir, ['k8s/privileged']);
    assert.deepEqual(where(results), ['flow.yaml:2 k8s/privileged', 'indented.yaml:5 k8s/privileged', 'pod.json:6 k8s/privileged', 'quoted.yaml:5 k8s/privileged']);
  });

  it('templates: a chart is rendered and its findings land on the template; only files failing to parse at `{{` are skipped', () => {
    const dir = workspace({
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'chart/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n',
      'templates/pod.yaml': POD('        privileged: true\n'),
      'alertmanager.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: am}\ndata:\n  t.tmpl: |\n    {{ define "x" }}{{ .Status }}{{ end }}\n---\n' + POD('        privileged: true\n'),
      'broken-template.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-x\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n',
    });
    const { results, notes } = scan(dir, ['k8s/privileged']);
    assert.deepEqual(where(results), ['alertmanager.yaml:17 k8s/privileged', 'chart/templates/pod.yaml:6 k8s/privileged', 'templates/pod.yaml:10 k8s/privileged']);
    assert.deepEqual(notes.map((n) => `${n.file} ${n.code}`).sort(), ['broken-template.yaml templated']);
  });

  it('limits fail closed: a skipped or partly checked file is a warning that --fail-on warning counts', () => {
    const big = POD('        privileged: true\n') + `  # ${'x'.repeat(7000)}\n`;
    const dir = workspace({
      '.bollwerk.yaml': 'maxFileBytes: 6000\n',
      'big.yaml': big,
      'binary.yaml': Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\n'), Buffer.from([0, 1, 2])]),
      'latin1.yaml': Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\nmetadata: {name: "'), Buffer.from([0xe4]), Buffer.from('"}\n')]),
      'Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0, 0]),
      'readme.json': Buffer.from([0, 1, 2, 3]),
      'empty-docs.yaml': '---\n'.repeat(1001) + POD('        privileged: true\n'),
    });
    const { code, results } = scan(dir, ['bollwerk/not-checked', 'k8s/privileged'], ['--fail-on', 'warning']);
    assert.equal(code, 1);
    assert.deepEqual(where(results), ['Dockerfile:1 bollwerk/not-checked', 'big.yaml:1 bollwerk/not-checked', 'binary.yaml:1 bollwerk/not-checked', 'empty-docs.yaml:1011 k8s/privileged', 'latin1.yaml:1 bollwerk/not-checked']);
    assert.ok(results.every((r) => r.ruleId !== 'bollwerk/not-checked' || r.severity === 'warning'));
    const off = workspace({ '.bollwerk.yaml': 'maxFileBytes: 6000\nrules:\n  bollwerk/not-checked: "off"\n', 'big.yaml': big });
    const quiet = scan(off, ['bollwerk/not-checked'], ['--fail-on', 'warning']);
    assert.deepEqual([quiet.code, quiet.results], [0, []], 'configurable like any rule');
  });
});
