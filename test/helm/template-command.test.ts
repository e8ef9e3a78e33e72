// helm template behaviour beyond the corpus goldens, each case after a Helm rule: value
// precedence and null deletion (coalesce.go), globals, conditions, tags, aliases and import-values
// (dependencies.go), install order and hooks (kind_sorter.go, manifest_sorter.go), CRDs, NOTES,
// --show-only, library charts, kubeVersion and schema checks (install.go, jsonschema.go).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryTree } from '../../shared/src/file-tree';
import { helmTemplate, type TemplateRequest } from '../../shared/src/helm/template-command';
import { tgz } from './archive-helpers';

const chartYaml = (name: string, extra = ''): string => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n${extra}`;

function run(files: Record<string, string | Uint8Array>, options: Partial<TemplateRequest> = {}): ReturnType<typeof helmTemplate> {
  return helmTemplate({ tree: memoryTree(files), sprig: {}, ...options });
}

describe('helm template: values', () => {
  it('puts -f files, then --set, over chart defaults, and null deletes a default', () => {
    const r = run(
      { 'Chart.yaml': chartYaml('a'), 'values.yaml': 'a: 1\nb: {c: 2, d: 3}\nkeep: x\n', 'templates/cm.yaml': 'kind: ConfigMap\napiVersion: v1\ndata: {{ toJson .Values }}\n' },
      { valuesFiles: [{ name: 'v.yaml', text: 'a: 5\nb: {d: null}\n' }], set: ['a=7,e=true'] },
    );
    assert.equal(r.error, undefined);
    assert.equal(r.stdout, '---\n# Source: a/templates/cm.yaml\nkind: ConfigMap\napiVersion: v1\ndata: {"a":7,"b":{"c":2},"e":true,"keep":"x"}\n');
  });
  it('scopes subchart values, copies globals down and lets the parent override the subchart defaults', () => {
    const r = run({
      'Chart.yaml': chartYaml('p', 'dependencies:\n- name: sub\n  version: 0.1.0\n'),
      'values.yaml': 'global: {g: 1}\nsub: {x: parent}\n',
      'charts/sub/Chart.yaml': chartYaml('sub'),
      'charts/sub/values.yaml': 'x: own\nz: own\n',
      'charts/sub/templates/cm.yaml': 'kind: ConfigMap\napiVersion: v1\ndata: {{ toJson .Values }}\n',
    });
    assert.equal(r.error, undefined);
    assert.equal(r.stdout, '---\n# Source: p/charts/sub/templates/cm.yaml\nkind: ConfigMap\napiVersion: v1\ndata: {"global":{"g":1},"x":"parent","z":"own"}\n');
  });
  it('drops subcharts by condition and tags, and renders an alias under its own name', () => {
    const sub = (n: string): Record<string, string> => ({ [`charts/${n}/Chart.yaml`]: chartYaml(n), [`charts/${n}/templates/cm.yaml`]: 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: {{ .Chart.Name }}}\n' });
    const r = run({
      'Chart.yaml': chartYaml('p', 'dependencies:\n- {name: first, version: 0.1.0, condition: first.enabled}\n- {name: second, version: 0.1.0, condition: second.enabled}\n- {name: tagged, version: 0.1.0, tags: [t]}\n- {name: first, version: 0.1.0, alias: again}\n'),
      'values.yaml': 'second: {enabled: false}\ntags: {t: false}\n',
      ...sub('first'),
      ...sub('second'),
      ...sub('tagged'),
    });
    assert.equal(r.error, undefined);
    assert.deepEqual([...r.stdout.matchAll(/# Source: (\S+)\n[^]*?name: (\S+)\}/g)].map((m) => `${m[1]} ${m[2]}`), ['p/charts/again/templates/cm.yaml again', 'p/charts/first/templates/cm.yaml first']);
  });
  it('imports child values into the parent (import-values with child/parent and exports)', () => {
    const r = run({
      'Chart.yaml': chartYaml('p', 'dependencies:\n- name: sub\n  version: 0.1.0\n  import-values:\n  - data\n  - {child: deep.x, parent: fromChild}\n'),
      'templates/cm.yaml': 'kind: ConfigMap\napiVersion: v1\ndata: {{ toJson (omitKeys .Values) }}\n',
      'charts/sub/Chart.yaml': chartYaml('sub'),
      'charts/sub/values.yaml': 'exports: {data: {shared: 1}}\ndeep: {x: {k: 2}}\n',
    }, { sprig: { omitKeys: (v: unknown) => { const m = { ...(v as Record<string, unknown>) }; delete m['sub']; return m; } } });
    assert.equal(r.error, undefined);
    assert.match(r.stdout, /data: \{"fromChild":\{"k":2\},"shared":1\}/);
  });
  it('reports a missing dependency as helm install does', () => {
    const r = run({ 'Chart.yaml': chartYaml('p', 'dependencies:\n- {name: gone, version: 1.0.0}\n'), 'templates/a.yaml': 'kind: A\n' });
    assert.equal(r.error, 'an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: gone');
  });
});

describe('helm template: output', () => {
  const files = {
    'Chart.yaml': chartYaml('o'),
    'templates/a.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n',
    'templates/b.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ns}\n---\napiVersion: x/v1\nkind: Zebra\nmetadata: {name: z}\n---\napiVersion: x/v1\nkind: Aardvark\nmetadata: {name: a}\n',
    'templates/hook.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: h\n  annotations: {"helm.sh/hook": pre-install}\n',
    'templates/tests/t.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations: {"helm.sh/hook": test}\n',
    'templates/NOTES.txt': 'notes are not printed',
    'templates/_helpers.tpl': '{{ define "x" }}partial{{ end }}',
    'crds/c.yaml': 'kind: CustomResourceDefinition\n',
  };
  const kinds = (out: string): string[] => [...out.matchAll(/^kind: (\S+)/gm)].map((m) => m[1]!);
  it('orders by install order, unknown kinds alphabetically last, hooks after all', () => {
    const r = run(files);
    assert.equal(r.error, undefined);
    // hooks are sorted by kind too: the test Pod before the Job
    assert.deepEqual(kinds(r.stdout), ['Namespace', 'Service', 'Deployment', 'Aardvark', 'Zebra', 'Pod', 'Job']);
    assert.doesNotMatch(r.stdout, /notes|partial/);
  });
  it('prints CRDs first with --include-crds, drops test hooks with --skip-tests and all hooks with --no-hooks', () => {
    assert.deepEqual(kinds(run(files, { includeCrds: true, skipTests: true }).stdout), ['CustomResourceDefinition', 'Namespace', 'Service', 'Deployment', 'Aardvark', 'Zebra', 'Job']);
    assert.deepEqual(kinds(run(files, { noHooks: true }).stdout), ['Namespace', 'Service', 'Deployment', 'Aardvark', 'Zebra']);
    assert.match(run(files, { includeCrds: true }).stdout, /^---\n# Source: o\/crds\/c.yaml\nkind: CustomResourceDefinition\n\n---/);
  });
  it('prints only the templates --show-only matches, and fails for a pattern that matches none', () => {
    const r = run(files, { showOnly: ['templates/a.yaml'] });
    // each document keeps the blank lines that followed it in the full output
    assert.equal(r.stdout, '---\n# Source: o/templates/a.yaml\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n\n\n---\n# Source: o/templates/a.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n\n\n');
    assert.equal(run(files, { showOnly: ['templates/none.yaml'] }).error, 'could not find template templates/none.yaml in chart');
  });
  it('renders templates of a packaged subchart', () => {
    const r = run({ 'Chart.yaml': chartYaml('p'), 'charts/sub-0.1.0.tgz': tgz({ 'sub/Chart.yaml': chartYaml('sub'), 'sub/templates/s.yaml': 'kind: Secret\napiVersion: v1\n' }) });
    assert.equal(r.error, undefined);
    assert.equal(r.stdout, '---\n# Source: p/charts/sub/templates/s.yaml\nkind: Secret\napiVersion: v1\n');
  });
  it('skips files .helmignore names', () => {
    const r = run({ 'Chart.yaml': chartYaml('p'), '.helmignore': 'templates/skip*\n', 'templates/skip.yaml': 'kind: A\n', 'templates/keep.yaml': 'kind: B\napiVersion: v1\n' });
    assert.equal(r.stdout, '---\n# Source: p/templates/keep.yaml\nkind: B\napiVersion: v1\n');
  });
});

describe('helm template: errors', () => {
  it('refuses library charts and unknown chart types', () => {
    assert.equal(run({ 'Chart.yaml': chartYaml('l', 'type: library\n') }).error, 'library charts are not installable');
    assert.equal(run({ 'Chart.yaml': chartYaml('l', 'type: other\n') }).error, 'validation: chart.metadata.type must be application or library');
  });
  it('checks the chart\'s kubeVersion against Capabilities', () => {
    const r = run({ 'Chart.yaml': chartYaml('k', 'kubeVersion: ">=1.25.0-0"\n'), 'templates/a.yaml': 'kind: A\n' }, { kubeVersion: '1.22' });
    assert.equal(r.error, 'chart requires kubeVersion: >=1.25.0-0 which is incompatible with Kubernetes v1.22\n\nUse --debug flag to render out invalid YAML');
  });
  it('reports required and fail as execution errors at their template position', () => {
    const r = run({ 'Chart.yaml': chartYaml('r'), 'templates/a.yaml': 'x: 1\ny: {{ required "set y!" .Values.y }}\n' });
    assert.equal(r.error, 'execution error at (r/templates/a.yaml:2:6): set y!\n\nUse --debug flag to render out invalid YAML');
    assert.deepEqual(r.location, { template: 'r/templates/a.yaml', line: 2, column: 7 });
  });
  it('words schema violations as Helm does', () => {
    const r = run({ 'Chart.yaml': chartYaml('s'), 'values.schema.json': '{"type":"object","required":["name"],"properties":{"port":{"type":"integer"}}}', 'values.yaml': 'port: http\n' });
    assert.equal(r.error, "values don't meet the specifications of the schema(s) in the following chart(s):\ns:\n- at '': missing property 'name'\n- at '/port': got string, want integer\n");
  });
  it('rejects an invalid release name', () => {
    assert.match(run({ 'Chart.yaml': chartYaml('nm') }, { releaseName: 'Bad_Name' }).error ?? '', /^release name "Bad_Name": invalid release name/);
  });
  it('stops a template that includes itself without end', () => {
    const r = run({ 'Chart.yaml': chartYaml('loop'), 'templates/a.yaml': '{{ define "l" }}{{ include "l" . }}{{ end }}{{ include "l" . }}' });
    assert.ok(r.error !== undefined && /depth|nested reference/.test(r.error), r.error);
  });
});
