// lintChart (pure, over an in-memory tree): findings moved to their values or template lines,
// subcharts, render errors with and without a template place, library charts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeConfig } from '../../shared/src/config';
import { memoryTree } from '../../shared/src/file-tree';
import { lintChart, templatePath } from '../../shared/src/helm/lint-chart';
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
  it('puts a render error without a template place on Chart.yaml, and honours the rule being off', () => {
    const files = { 'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: missing\n    version: 1.0.0\n', 'templates/pod.yaml': POD };
    const lint = lintChart(memoryTree(files), '', { sprig });
    assert.deepEqual(lint.results.map(at), ['helm/render-error Chart.yaml:1:1']);
    assert.match(lint.results[0]!.message.en, /missing in charts\/ directory: missing/);
    assert.match(lint.results[0]!.message.de, /lässt sich nicht rendern/);
    const off = normalizeConfig({ rules: { 'helm/render-error': 'off' } }).config;
    assert.deepEqual(lintChart(memoryTree(files), '', { sprig, config: off }).results, []);
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
