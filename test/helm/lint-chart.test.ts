// lintChart (pure, over an in-memory tree): findings moved to their values or template lines,
// subcharts, render errors with and without a template place, library charts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeConfig } from '../../shared/src/config';
import { memoryTree } from '../../shared/src/file-tree';
import { chartResults, lintChart, templatePath } from '../../shared/src/helm/lint-chart';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import type { Result } from '../../shared/src/types';

const sprig = sprigFuncs();
const at = (r: Result): string => `${r.ruleId} ${r.uri}:${r.range.start.line + 1}:${r.range.start.character + 1}`;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: {{ .Values.privileged }}\n';

describe('lintChart', () => {
  it('moves a subchart value finding to the subchart values.yaml under the chart folder', () => {
    const tree = memoryTree({
      'deploy/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'deploy/app/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
      'deploy/app/charts/db/values.yaml': '# db\nprivileged: true\n',
      'deploy/app/charts/db/templates/pod.yaml': POD,
    });
    const lint = lintChart(tree, 'deploy/app', { sprig });
    assert.deepEqual(lint.linted, ['deploy/app/charts/db/templates/pod.yaml']);
    assert.ok(lint.results.map(at).includes('k8s/privileged deploy/app/charts/db/values.yaml:2:1'), lint.results.map(at).join('\n'));
    assert.ok(lint.results.every((r) => r.uri.startsWith('deploy/app/')));
  });
  it('puts a missing dependency on the line of Chart.yaml that names it, and honours the rule being off', () => {
    const files = { 'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: missing\n    version: 1.0.0\n', 'templates/pod.yaml': POD };
    const lint = lintChart(memoryTree(files), '', { sprig });
    assert.deepEqual(lint.results.map(at), ['helm/render-error Chart.yaml:5:1']);
    assert.match(lint.results[0]!.message.en, /missing in charts\/ directory: missing/);
    assert.match(lint.results[0]!.message.de, /lässt sich nicht rendern/);
    const off = normalizeConfig({ rules: { 'helm/render-error': 'off' } }).config;
    assert.deepEqual(lintChart(memoryTree(files), '', { sprig, config: off }).results, []);
  });
  it('puts a chart file that does not load on that file, on the line its YAML error names', () => {
    const chart = 'apiVersion: v2\nname: app\nversion: 1.0.0\n';
    const notAMap = lintChart(memoryTree({ 'deploy/Chart.yaml': chart, 'deploy/values.yaml': '- a\n- b\n', 'deploy/templates/pod.yaml': POD }), 'deploy', { sprig });
    assert.deepEqual(notAMap.results.map(at), ['helm/render-error deploy/values.yaml:1:1']);
    assert.match(notAMap.results[0]!.message.en, /cannot unmarshal array into Go value of type map/);
    const broken = lintChart(memoryTree({ 'Chart.yaml': chart, 'values.yaml': 'a: 1\nb: c: d\n', 'templates/pod.yaml': POD }), '', { sprig });
    assert.deepEqual(broken.results.map(at), ['helm/render-error values.yaml:2:1']);
    const badChart = lintChart(memoryTree({ 'Chart.yaml': 'apiVersion: v2\nname: app\nversion: [1]\n', 'templates/pod.yaml': POD }), '', { sprig });
    assert.deepEqual(badChart.results.map(at), ['helm/render-error Chart.yaml:1:1']);
  });
  it('keeps a YAML syntax error of the rendered output on the template, even where a printed value sits', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: {{ .Values.x }}\n   bad: indent\n';
    const lint = lintChart(memoryTree({ 'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n', 'values.yaml': 'x: 1\n', 'templates/cm.yaml': cm }), '', { sprig });
    const errors = lint.results.filter((r) => r.ruleId === 'bollwerk/parse-error');
    assert.ok(errors.length > 0);
    assert.deepEqual([...new Set(errors.map((r) => r.uri))], ['templates/cm.yaml']);
  });
  it('reuses the rule results of a template that renders to the same text (lintCache), and lints one that changed', () => {
    const files = { 'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n', 'values.yaml': 'privileged: true\n', 'templates/pod.yaml': POD };
    const cache = new Map<string, { output: string; results: readonly Result[] }>();
    const first = lintChart(memoryTree(files), '', { sprig, lintCache: cache });
    assert.deepEqual([...cache.keys()], ['app/templates/pod.yaml']);
    // a marker in place of the cached results shows that they are taken as they are
    const entry = cache.get('app/templates/pod.yaml')!;
    const marker = { ...entry.results.find((r) => r.ruleId === 'k8s/privileged')!, ruleId: 'marker/reused' };
    cache.set('app/templates/pod.yaml', { output: entry.output, results: [marker] });
    assert.deepEqual(lintChart(memoryTree(files), '', { sprig, lintCache: cache }).results.map((r) => r.ruleId), ['marker/reused']);
    // another value renders another text: linted again
    const changed = lintChart(memoryTree({ ...files, 'values.yaml': 'privileged: false\n' }), '', { sprig, lintCache: cache });
    assert.ok(!changed.results.some((r) => r.ruleId === 'marker/reused' || r.ruleId === 'k8s/privileged'), changed.results.map(at).join('\n'));
    assert.ok(first.results.some((r) => r.ruleId === 'k8s/privileged'));
  });
  it('gives each template’s located findings; chartResults of them is the chart’s results', () => {
    const files = { 'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n', 'values.yaml': 'privileged: true\n', 'templates/a.yaml': POD, 'templates/b.yaml': POD.replace('name: p', 'name: q') };
    const lint = lintChart(memoryTree(files), '', { sprig });
    assert.deepEqual([...lint.byTemplate!.keys()].sort(), ['app/templates/a.yaml', 'app/templates/b.yaml']);
    // both report privileged on the same values line: once in the results
    assert.equal(lint.results.filter((r) => r.ruleId === 'k8s/privileged').length, 1);
    assert.deepEqual(chartResults(lint.byTemplate!.values()), lint.results);
    const only = lintChart(memoryTree(files), '', { sprig, onlyTemplates: (name) => name === 'app/templates/b.yaml' });
    assert.deepEqual([...only.byTemplate!.keys()], ['app/templates/b.yaml']);
  });
  it('renders a library chart as nothing, without an error', () => {
    const lint = lintChart(memoryTree({ 'Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n', 'templates/_x.tpl': '{{ define "x" }}a{{ end }}' }), '', { sprig });
    assert.deepEqual(lint, { results: [], linted: [], library: true });
  });
  it('maps rendered template names to tree paths', () => {
    assert.equal(templatePath('', 'app/templates/a.yaml'), 'templates/a.yaml');
    assert.equal(templatePath('x/app', 'app/charts/db/templates/a.yaml'), 'x/app/charts/db/templates/a.yaml');
  });
});
