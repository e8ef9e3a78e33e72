// The renderer's source map: each place of a rendered template traced to the template text or
// action that wrote it, and to the values node (file, key path, line) that an action printed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryTree } from '../../shared/src/file-tree';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { causeAt, blockPath, type OutputCause } from '../../shared/src/helm/source-origin';
import { renderChart, type RenderSourceMap } from '../../shared/src/helm/template-command';
import type { ValuesFile } from '../../shared/src/helm/values-options';
import { alignSegments, type OutputOrigin, type OutputSegment } from '../../shared/src/helm/template/index';

const CHART = 'apiVersion: v2\nname: app\nversion: 1.0.0\n';
const sprig = sprigFuncs();

interface Rendered {
  readonly files: Map<string, string>;
  readonly map: RenderSourceMap;
}

function render(files: Record<string, string>, valuesFiles: ValuesFile[] = [], chartPath = ''): Rendered {
  const r = renderChart({ tree: memoryTree(files), chartPath, sprig, valuesFiles, sourceMap: true });
  if ('failure' in r) throw new Error(r.failure.error);
  assert.ok(r.sourceMap);
  return { files: r.files, map: r.sourceMap };
}

/** The cause of the first occurrence of `needle` (after `skip` earlier ones) in a rendered template. */
function cause(r: Rendered, template: string, needle: string, skip = 0): OutputCause | undefined {
  const out = r.files.get(template)!;
  let at = out.indexOf(needle);
  for (let i = 0; i < skip; i++) at = out.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in ${JSON.stringify(out)}`);
  return causeAt(out, r.map.segments.get(template)!, r.map.values, at);
}

describe('source map: template text and actions', () => {
  it('places template text at its exact line and column, past trimmed actions', () => {
    const r = render({ 'Chart.yaml': CHART, 'templates/a.yaml': 'apiVersion: v1\n{{- /* c */}}\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-x\n' });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'kind'), { template: { file: 'app/templates/a.yaml', line: 3, column: 1 } });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', '-x'), { template: { file: 'app/templates/a.yaml', line: 5, column: 28 } });
    // an action that printed no values node is placed at the action
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'release-name'), { template: { file: 'app/templates/a.yaml', line: 5, column: 9 } });
  });
  it('places text of a defined template in the file that defines it, naming the template action that called it', () => {
    const r = render({ 'Chart.yaml': CHART, 'templates/_h.tpl': '{{- define "labels" }}\napp: web\n{{- end }}', 'templates/a.yaml': 'kind: Pod\nmetadata:\n  labels:{{ template "labels" . }}\n' });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'app: web'), {
      template: { file: 'app/templates/_h.tpl', line: 2, column: 1 },
      via: { file: 'app/templates/a.yaml', line: 3, column: 10 },
    });
  });
  it('keeps later places right after `<no value>` is removed', () => {
    const r = render({ 'Chart.yaml': CHART, 'templates/a.yaml': 'a: {{ .Values.nothing }}\nb: 1\n' });
    assert.equal(r.files.get('app/templates/a.yaml'), 'a: \nb: 1\n');
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'b: 1'), { template: { file: 'app/templates/a.yaml', line: 2, column: 1 } });
  });
  it('places the output of include in the define, naming the include action', () => {
    const r = render({ 'Chart.yaml': CHART, 'templates/_h.tpl': '{{- define "n" }}nm{{ end }}', 'templates/a.yaml': 'kind: Pod\nname: {{ include "n" . }}\n' });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'nm'), { template: { file: 'app/templates/_h.tpl', line: 1, column: 18 }, via: { file: 'app/templates/a.yaml', line: 2, column: 7 } });
  });
  it('records nothing unless asked', () => {
    const r = renderChart({ tree: memoryTree({ 'Chart.yaml': CHART, 'templates/a.yaml': 'a: 1\n' }), sprig });
    assert.ok(!('failure' in r) && r.sourceMap === undefined);
  });
});

describe('source map: values', () => {
  const values = 'image:\n  repository: nginx\n  tag: latest\nsc:\n  privileged: true\n  capabilities:\n    add:\n      - NET_ADMIN\n      - SYS_TIME\n  runAsUser: 0\nenv:\n  - name: A\n  - name: B\n';
  const template = [
    'kind: Pod',
    'image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    'securityContext:{{ toYaml .Values.sc | nindent 2 }}',
    'env:',
    '{{- range .Values.env }}',
    '  - n: {{ .name }}',
    '{{- end }}',
    '{{- with .Values.sc }}',
    'again:',
    '{{ toYaml . | indent 2 }}',
    '{{- end }}',
    '',
  ].join('\n');
  const files = { 'Chart.yaml': CHART, 'values.yaml': values, 'templates/a.yaml': template };

  it('traces a printed scalar to its key in values.yaml', () => {
    const r = render(files);
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'latest'), {
      template: { file: 'app/templates/a.yaml', line: 2, column: 40 },
      value: { file: 'values.yaml', path: ['image', 'tag'], line: 3, column: 3, endLine: 3 },
    });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'nginx')?.value, { file: 'values.yaml', path: ['image', 'repository'], line: 2, column: 3, endLine: 2 });
  });
  it('traces each line of a toYaml block to its nested key, list items included', () => {
    const r = render(files);
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'runAsUser')?.value, { file: 'values.yaml', path: ['sc', 'runAsUser'], line: 10, column: 3, endLine: 10 });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'privileged')?.value, { file: 'values.yaml', path: ['sc', 'privileged'], line: 5, column: 3, endLine: 5 });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'SYS_TIME')?.value, { file: 'values.yaml', path: ['sc', 'capabilities', 'add', '1'], line: 9, column: 9, endLine: 9 });
    assert.equal(cause(r, 'app/templates/a.yaml', 'runAsUser')?.template.line, 3);
  });
  it('follows range and with: the element and the dot are values nodes too', () => {
    const r = render(files);
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'B')?.value, { file: 'values.yaml', path: ['env', '1', 'name'], line: 13, column: 5, endLine: 13 });
    assert.equal(cause(r, 'app/templates/a.yaml', 'B')?.template.line, 6);
    const again = cause(r, 'app/templates/a.yaml', 'runAsUser', 1);
    assert.deepEqual(again?.value, { file: 'values.yaml', path: ['sc', 'runAsUser'], line: 10, column: 3, endLine: 10 });
    assert.equal(again?.template.line, 10);
  });
  it('traces a value set by a -f file to that file, and the rest still to values.yaml', () => {
    const r = render(files, [{ name: 'prod.yaml', text: 'image:\n  tag: "1.27"\n' }, { name: 'other.yaml', text: 'sc:\n  runAsUser: 1000\n' }]);
    assert.deepEqual(cause(r, 'app/templates/a.yaml', '1.27')?.value, { file: 'prod.yaml', path: ['image', 'tag'], line: 2, column: 3, endLine: 2 });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'runAsUser')?.value, { file: 'other.yaml', path: ['sc', 'runAsUser'], line: 2, column: 3, endLine: 2 });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'privileged')?.value, { file: 'values.yaml', path: ['sc', 'privileged'], line: 5, column: 3, endLine: 5 });
  });
  it('traces a subchart value to the subchart values.yaml, or to the parent that overrides it, under the chart folder', () => {
    const sub = { 'charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n', 'charts/db/values.yaml': 'port: 5432\nuser: pg\n', 'charts/db/templates/s.yaml': 'port: {{ .Values.port }}\nuser: {{ .Values.user }}\n' };
    const r = render(Object.fromEntries(Object.entries({ 'Chart.yaml': CHART, 'values.yaml': 'db:\n  user: admin\n', ...sub }).map(([k, v]) => [`c/${k}`, v])), [], 'c');
    assert.deepEqual(cause(r, 'app/charts/db/templates/s.yaml', '5432'), {
      template: { file: 'app/charts/db/templates/s.yaml', line: 1, column: 7 },
      value: { file: 'c/charts/db/values.yaml', path: ['db', 'port'], line: 1, column: 1, endLine: 1 },
    });
    assert.deepEqual(cause(r, 'app/charts/db/templates/s.yaml', 'admin')?.value, { file: 'c/values.yaml', path: ['db', 'user'], line: 2, column: 3, endLine: 2 });
  });
});

describe('source map: through include, template and tpl', () => {
  const helpers = [
    '{{- define "app.sc" -}}',
    'runAsNonRoot: true',
    'capabilities:',
    '  drop:',
    '    - ALL',
    'privileged: {{ .Values.privileged }}',
    '{{- end }}',
    '{{- define "app.outer" -}}',
    'outer: 1',
    '{{ include "app.sc" . }}',
    '{{- end }}',
    '',
  ].join('\n');
  const deployment = (call: string): string => `kind: Pod\nspec:\n  containers:\n    - name: c\n      securityContext:\n        {{- ${call} }}\n      image: x\n`;
  const files = (call: string, values = 'privileged: true\n'): Record<string, string> => ({ 'Chart.yaml': CHART, 'values.yaml': values, 'templates/_helpers.tpl': helpers, 'templates/a.yaml': deployment(call) });

  it('keeps each line of an included define at its own line and column after `| nindent`, and the rendered text unchanged', () => {
    const r = render(files('include "app.sc" . | nindent 8'));
    assert.equal(r.files.get('app/templates/a.yaml'), 'kind: Pod\nspec:\n  containers:\n    - name: c\n      securityContext:\n        runAsNonRoot: true\n        capabilities:\n          drop:\n            - ALL\n        privileged: true\n      image: x\n');
    const via = { file: 'app/templates/a.yaml', line: 6, column: 9 };
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'runAsNonRoot'), { template: { file: 'app/templates/_helpers.tpl', line: 2, column: 1 }, via });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'drop'), { template: { file: 'app/templates/_helpers.tpl', line: 4, column: 3 }, via });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'ALL'), { template: { file: 'app/templates/_helpers.tpl', line: 5, column: 7 }, via });
    // the caller's own text after the include stays the caller's
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'image'), { template: { file: 'app/templates/a.yaml', line: 7, column: 7 } });
  });
  it('traces a value printed inside an included define to its values line', () => {
    const r = render(files('include "app.sc" . | nindent 8'));
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'true', 1), {
      template: { file: 'app/templates/_helpers.tpl', line: 6, column: 13 },
      value: { file: 'values.yaml', path: ['privileged'], line: 1, column: 1, endLine: 1 },
      via: { file: 'app/templates/a.yaml', line: 6, column: 9 },
    });
  });
  it('follows a define that includes another, through indent and trim, naming the outermost call', () => {
    const r = render(files('include "app.outer" . | indent 8 | trim | nindent 8'));
    const via = { file: 'app/templates/a.yaml', line: 6, column: 9 };
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'outer'), { template: { file: 'app/templates/_helpers.tpl', line: 9, column: 1 }, via });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', '- ALL'), { template: { file: 'app/templates/_helpers.tpl', line: 5, column: 5 }, via });
  });
  it('follows include output kept in a variable and printed later', () => {
    const r = render({ ...files(''), 'templates/a.yaml': '{{- $sc := include "app.sc" . }}\nkind: Pod\nsc:\n  {{- $sc | nindent 2 }}\n' });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'drop'), { template: { file: 'app/templates/_helpers.tpl', line: 4, column: 3 }, via: { file: 'app/templates/a.yaml', line: 1, column: 1 } });
  });
  it('places the output of tpl on the values string it rendered, and a value it printed on that value', () => {
    const values = 'extra: |\n  privileged: true\n  runAsUser: {{ .Values.uid }}\nuid: 0\n';
    const r = render({ 'Chart.yaml': CHART, 'values.yaml': values, 'templates/a.yaml': 'kind: Pod\nsc:\n  {{- tpl .Values.extra . | nindent 2 }}\n' });
    assert.equal(r.files.get('app/templates/a.yaml'), 'kind: Pod\nsc:\n  privileged: true\n  runAsUser: 0\n  \n');
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'privileged')?.value, { file: 'values.yaml', path: ['extra'], line: 1, column: 1, endLine: 3 });
    assert.equal(cause(r, 'app/templates/a.yaml', 'privileged')?.template.line, 3);
    assert.deepEqual(cause(r, 'app/templates/a.yaml', '0')?.value, { file: 'values.yaml', path: ['uid'], line: 4, column: 1, endLine: 4 });
  });
  it('places the default text of a block in its file, naming the block', () => {
    const r = render({ 'Chart.yaml': CHART, 'templates/a.yaml': 'kind: Pod\nspec:\n{{- block "extra" . }}\n  hostNetwork: true\n{{- end }}\n' });
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'hostNetwork'), { template: { file: 'app/templates/a.yaml', line: 4, column: 3 }, via: { file: 'app/templates/a.yaml', line: 3, column: 1 } });
  });
  it('leaves output that a function changed beyond blanks at the action', () => {
    const r = render(files('include "app.sc" . | upper | nindent 8'));
    assert.deepEqual(cause(r, 'app/templates/a.yaml', 'DROP'), { template: { file: 'app/templates/a.yaml', line: 6, column: 9 } });
  });
});

describe('alignSegments', () => {
  const src = { parseName: 'h.tpl', text: 'a:\n  b: {{ x }}\n' };
  const text = (offset: number): OutputOrigin => ({ kind: 'text', source: src as OutputSegment['origin']['source'], offset });
  const action: OutputOrigin = { kind: 'action', source: src as OutputSegment['origin']['source'], offset: 8 };
  const fill: OutputOrigin = { kind: 'action', source: src as OutputSegment['origin']['source'], offset: 0 };
  // `a:\n  b: ` is text at offset 0, `1\n2` an action's block
  const from = 'a:\n  b: 1\n2';
  const segments: OutputSegment[] = [{ start: 0, end: 8, origin: text(0) }, { start: 8, end: 11, origin: action }];

  it('splits template text at added blanks, keeping each run\'s offset, and keeps an action\'s block whole', () => {
    // nindent 4: the line's own blanks match first, the added ones follow them
    assert.deepEqual(alignSegments(from, segments, '\n    a:\n      b: 1\n    2', fill), [
      { start: 0, end: 5, origin: fill },
      { start: 5, end: 10, origin: text(0) },
      { start: 10, end: 14, origin: fill },
      { start: 14, end: 17, origin: text(5) },
      { start: 17, end: 24, origin: action },
    ]);
  });
  it('follows removed blanks (trim) and refuses any other change', () => {
    assert.deepEqual(alignSegments(`  ${from}\n`, [{ start: 2, end: 10, origin: text(0) }, { start: 10, end: 13, origin: action }], from, fill), segments);
    assert.equal(alignSegments(from, segments, from.toUpperCase(), fill), undefined);
    assert.equal(alignSegments(from, segments, `${from}x`, fill), undefined);
  });
});

describe('blockPath', () => {
  it('finds the key path of a line in a YAML block by indentation', () => {
    const block = 'a:\n  b: 1\n  c:\n    - x: 1\n      y: 2\n    - x: 3\nd: 4\n';
    assert.deepEqual(blockPath(block, block.indexOf('y: 2')), ['a', 'c', '0', 'y']);
    assert.deepEqual(blockPath(block, block.indexOf('x: 3')), ['a', 'c', '1', 'x']);
    assert.deepEqual(blockPath(block, block.indexOf('d: 4')), ['d']);
    assert.deepEqual(blockPath(block, block.indexOf('b: 1') + 3), ['a', 'b']);
  });
});
