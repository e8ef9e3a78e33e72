// Fixes of chart findings (helm/chart-fix.ts): each rule's fix of the rendered manifest becomes an
// edit of the values file that printed the block or of the template's text, verified by rendering
// the chart again; a digest pin goes after the tag it printed. The expected texts are exact.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diskTree } from '../../host/src/workspace/file-tree';
import { normalizeConfig } from '../../shared/src/config';
import { memoryTree, type FileTree } from '../../shared/src/file-tree';
import { FixVerifier, relint } from '../../shared/src/helm/chart-fix';
import { chartPinEdit, lintChart, type ChartLintOptions, type ChartPinSite } from '../../shared/src/helm/lint-chart';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { renderChart } from '../../shared/src/helm/template-command';
import { applyEdits } from '../../shared/src/text';
import type { Result } from '../../shared/src/types';

const sprig = sprigFuncs();
const FIXABLE = 'test/fixtures/helm/fixable';
const read = (path: string): string => readFileSync(path, 'utf8');

/** The finding of `ruleId` reported at 1-based `line` of `uri`. */
function findingAt(results: readonly Result[], ruleId: string, uri: string, line: number): Result {
  const r = results.find((x) => x.ruleId === ruleId && x.uri === uri && x.range.start.line === line - 1);
  assert.ok(r, `no ${ruleId} at ${uri}:${line} in\n${results.map((x) => `${x.ruleId} ${x.uri}:${x.range.start.line + 1}`).join('\n')}`);
  return r;
}

/** A file's text after a finding's fix (in the fix's file, else the finding's). */
function fixedText(tree: FileTree, r: Result): { file: string; text: string } {
  assert.ok(r.fix, `${r.ruleId} at ${r.uri}:${r.range.start.line + 1} has no fix`);
  const file = r.fix.uri ?? r.uri;
  return { file, text: applyEdits(new TextDecoder().decode(tree.readFile(file)), r.fix.edits) };
}

const TEMPLATE_POD = (block: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  automountServiceAccountToken: false
  containers:
    - name: c
      image: nginx:1.27
      securityContext:
${block}`;

describe('chart fixes', () => {
  const tree = diskTree(FIXABLE);
  const lint = lintChart(tree, '', { sprig, fixes: true });

  const cases: { name: string; rule: string; at: [string, number]; file: string; expect: (before: string) => string }[] = [
    {
      name: 'a setting missing from a block printed from values goes into values.yaml, after the block\'s last key, comments kept',
      rule: 'k8s/read-only-root-filesystem',
      at: ['templates/deployment.yaml', 11],
      file: 'values.yaml',
      expect: (v) => v.replace('  allowPrivilegeEscalation: false\n', '  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n'),
    },
    {
      name: 'a nested setting goes into values.yaml as nested keys',
      rule: 'k8s/seccomp-restricted',
      at: ['templates/deployment.yaml', 11],
      file: 'values.yaml',
      expect: (v) => v.replace('  allowPrivilegeEscalation: false\n', '  allowPrivilegeEscalation: false\n  seccompProfile:\n    type: RuntimeDefault\n'),
    },
    {
      name: 'a list a fix creates goes into values.yaml as a block sequence',
      rule: 'k8s/capabilities-restricted',
      at: ['templates/deployment.yaml', 11],
      file: 'values.yaml',
      expect: (v) => v.replace('  allowPrivilegeEscalation: false\n', '  allowPrivilegeEscalation: false\n  capabilities:\n    drop:\n      - ALL\n'),
    },
    {
      name: 'a block written in the template is fixed in the template',
      rule: 'k8s/read-only-root-filesystem',
      at: ['templates/deployment.yaml', 15],
      file: 'templates/deployment.yaml',
      expect: (t) => `${t}            readOnlyRootFilesystem: true\n`,
    },
    {
      name: 'a pod setting is fixed in the template\'s pod spec',
      rule: 'k8s/host-users',
      at: ['templates/deployment.yaml', 8],
      file: 'templates/deployment.yaml',
      expect: (t) => `${t}      hostUsers: false\n`,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = findingAt(lint.results, c.rule, c.at[0], c.at[1]);
      const out = fixedText(tree, r);
      assert.equal(out.file, c.file);
      assert.equal(out.text, c.expect(read(join(FIXABLE, c.file))));
      assert.equal(r.fix!.uri, c.file === c.at[0] ? undefined : c.file);
    });
  }

  it('leaves a rule that offers no fix without one (a root group needs a decision)', () => {
    const chart = memoryTree({
      'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'values.yaml': 'gid: 0\n',
      'templates/pod.yaml': TEMPLATE_POD('        runAsGroup: {{ .Values.gid }}\n'),
    });
    const r = findingAt(lintChart(chart, '', { sprig, fixes: true }).results, 'k8s/run-as-group-root', 'values.yaml', 1);
    assert.equal(r.fix, undefined);
  });

  it('computes no fix unless asked (a render per fix), and only for the findings asked for', () => {
    assert.ok(lintChart(tree, '', { sprig }).results.every((r) => r.fix === undefined));
    const some = lintChart(tree, '', { sprig, fixes: (r) => r.ruleId === 'k8s/host-users' }).results;
    assert.deepEqual(some.filter((r) => r.fix).map((r) => r.ruleId), ['k8s/host-users']);
  });

  it('puts a fix after a block that an action indents (nindent) when the values come from the command line', () => {
    const chart = memoryTree({
      'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'values.yaml': 'replicas: 1\n',
      'templates/pod.yaml': TEMPLATE_POD('        {{- toYaml .Values.sc | nindent 8 }}\n'),
    });
    const options: ChartLintOptions = { sprig, fixes: true, set: ['sc.runAsNonRoot=true,sc.allowPrivilegeEscalation=false'] };
    const r = findingAt(lintChart(chart, '', options).results, 'k8s/read-only-root-filesystem', 'templates/pod.yaml', 8);
    const out = fixedText(chart, r);
    assert.equal(out.file, 'templates/pod.yaml');
    assert.equal(out.text, TEMPLATE_POD('        {{- toYaml .Values.sc | nindent 8 }}\n        readOnlyRootFilesystem: true\n'));
  });

  it('replaces an offending value on its values line, its comment kept (the finding and its fix in values.yaml)', () => {
    const chart = memoryTree({
      'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'values.yaml': 'sc:\n  runAsNonRoot: true\n  allowPrivilegeEscalation: true # for the debugger\n',
      'templates/pod.yaml': TEMPLATE_POD('        {{- toYaml .Values.sc | nindent 8 }}\n'),
    });
    const r = findingAt(lintChart(chart, '', { sprig, fixes: true }).results, 'k8s/allow-privilege-escalation', 'values.yaml', 3);
    assert.equal(r.fix?.uri, undefined);
    assert.equal(fixedText(chart, r).text, 'sc:\n  runAsNonRoot: true\n  allowPrivilegeEscalation: false # for the debugger\n');
  });

  it('sets privileged: false on its values line although the escalation finding then says something else', () => {
    const chart = memoryTree({
      'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'values.yaml': 'sc:\n  runAsNonRoot: true\n  privileged: true\n',
      'templates/pod.yaml': TEMPLATE_POD('        {{- toYaml .Values.sc | nindent 8 }}\n'),
    });
    const results = lintChart(chart, '', { sprig, fixes: true }).results;
    const r = findingAt(results, 'k8s/privileged', 'values.yaml', 3);
    assert.equal(fixedText(chart, r).text, 'sc:\n  runAsNonRoot: true\n  privileged: false\n');
    // rendered again with the fix: the privileged finding is gone, the escalation finding stays, once
    const fixed = memoryTree({ ...Object.fromEntries(['Chart.yaml', 'templates/pod.yaml'].map((f) => [f, new TextDecoder().decode(chart.readFile(f))])), 'values.yaml': fixedText(chart, r).text });
    const after = lintChart(fixed, '', { sprig }).results;
    assert.ok(!after.some((x) => x.ruleId === 'k8s/privileged'));
    assert.equal(after.filter((x) => x.ruleId === 'k8s/allow-privilege-escalation').length, results.filter((x) => x.ruleId === 'k8s/allow-privilege-escalation').length);
  });

  it('writes into an empty flow map of values (`securityContext: {}`) in flow style', () => {
    const chart = memoryTree({
      'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'values.yaml': '# container settings\nsc: {} # none yet\n',
      'templates/pod.yaml': TEMPLATE_POD('        {{- toYaml .Values.sc | nindent 8 }}\n'),
    });
    const results = lintChart(chart, '', { sprig, fixes: true }).results;
    const text = (rule: string): string => {
      const out = fixedText(chart, findingAt(results, rule, 'templates/pod.yaml', 8));
      assert.equal(out.file, 'values.yaml');
      return out.text;
    };
    assert.equal(text('k8s/read-only-root-filesystem'), '# container settings\nsc: {readOnlyRootFilesystem: true} # none yet\n');
    assert.equal(text('k8s/capabilities-restricted'), '# container settings\nsc: {capabilities: {drop: [ALL]}} # none yet\n');
    assert.equal(text('k8s/seccomp-restricted'), '# container settings\nsc: {seccompProfile: {type: RuntimeDefault}} # none yet\n');
  });

  it('offers no fix when rendering again shows the finding stays (the template drops the key)', () => {
    const chart = memoryTree({
      'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'values.yaml': 'sc:\n  runAsNonRoot: true\n  allowPrivilegeEscalation: false\n',
      // the block ends the template: no template text after it to write the key into
      'templates/pod.yaml': TEMPLATE_POD('        {{- toYaml (omit .Values.sc "readOnlyRootFilesystem") | nindent 8 }}'),
    });
    const results = lintChart(chart, '', { sprig, fixes: true }).results;
    const r = findingAt(results, 'k8s/read-only-root-filesystem', 'templates/pod.yaml', 8);
    assert.equal(r.fix, undefined);
    // the same chart without omit: the values fix is verified and offered
    const plain = memoryTree({ ...Object.fromEntries(['Chart.yaml', 'values.yaml'].map((f) => [f, new TextDecoder().decode(chart.readFile(f))])), 'templates/pod.yaml': TEMPLATE_POD('        {{- toYaml .Values.sc | nindent 8 }}') });
    assert.equal(findingAt(lintChart(plain, '', { sprig, fixes: true }).results, 'k8s/read-only-root-filesystem', 'templates/pod.yaml', 8).fix?.uri, 'values.yaml');
  });

  it('the verifier rejects an edit that leaves the finding, one that adds a finding, and one that breaks the render', () => {
    const request = { chartPath: '', sprig };
    const rendered = renderChart({ ...request, tree, sourceMap: true });
    assert.ok(!('failure' in rendered));
    const baseline = relint(tree, request, normalizeConfig({}).config)!;
    const ctx = { tree, chartDir: '', request, config: normalizeConfig({}).config, values: rendered.sourceMap!.values, pathOf: (n: string) => n.replace(/^fixable\//, ''), baseline };
    const verifier = new FixVerifier(ctx);
    const target = baseline.find((b) => b.result.ruleId === 'k8s/read-only-root-filesystem')!;
    const at = { line: 9, character: 33 };
    const edit = (newText: string) => ({ file: 'values.yaml', edits: [{ range: { start: at, end: at }, newText }] });
    assert.equal(verifier.verify(edit('\n  readOnlyRootFilesystem: true'), target.name, target.result), true);
    assert.equal(verifier.verify(edit('\n  runAsGroup: 1000'), target.name, target.result), false, 'the finding stays');
    assert.equal(verifier.verify(edit('\n  readOnlyRootFilesystem: true\n  privileged: true'), target.name, target.result), false, 'a new finding');
    assert.equal(verifier.verify(edit('\n readOnlyRootFilesystem: [true'), target.name, target.result), false, 'the chart no longer renders');
  });

  it('pins a digest after the tag that values printed, or after the image the template wrote', () => {
    const config = normalizeConfig({ level: 'L3' }).config;
    const results = lintChart(tree, '', { sprig, fixes: true, config }).results;
    const sites = results.filter((r) => r.ruleId === 'k8s/pin-image-digest').map((r) => (r.data?.['pin'] as { reference: string; insert: ChartPinSite }));
    assert.deepEqual(sites.map((s) => [s.reference, s.insert]), [
      ['busybox:1.36', { uri: 'templates/deployment.yaml', position: { line: 15, character: 29 } }],
      ['nginx:1.27', { uri: 'values.yaml', position: { line: 3, character: 12 } }],
    ]);
    const digest = `sha256:${'a'.repeat(64)}`;
    const pin = chartPinEdit(sites[1]!.insert, `nginx:1.27@${digest}`)!;
    assert.equal(applyEdits(read(join(FIXABLE, 'values.yaml')), [pin.edit]).split('\n')[3], `  tag: "1.27@${digest}" # the version to deploy`);
  });
});

describe('findings and fixes in shared templates (include, tpl)', () => {
  const deployment = (name: string, call: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      automountServiceAccountToken: false
      hostUsers: false
      containers:
        - name: app
          image: nginx@sha256:${'a'.repeat(64)}
          ${call}
`;
  // a define of the container's settings that includes the security context's define
  const helpers = `{{- define "app.settings" -}}
securityContext:
  {{- include "app.securityContext" . | nindent 2 }}
resources:
  limits: {cpu: 100m, memory: 64Mi}
  requests: {cpu: 100m, memory: 64Mi}
{{- end }}
{{- define "app.securityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
runAsUser: {{ .Values.uid }}
{{- end }}
`;
  const include = '{{- include "app.settings" . | nindent 10 }}';
  const files = {
    'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
    'values.yaml': 'uid: 0\nextra: |\n  privileged: true\n  runAsNonRoot: true\n',
    'templates/_helpers.tpl': helpers,
    'templates/a.yaml': deployment('a', include),
    'templates/b.yaml': deployment('b', include),
    'templates/c.yaml': deployment('c', 'securityContext:\n            {{- tpl .Values.extra . | nindent 12 }}'),
  };
  const tree = memoryTree(files);
  const results = lintChart(tree, '', { sprig, fixes: true }).results;
  const call = (file: string): { uri: string; range: Result['range'] } => ({ uri: file, range: { start: { line: 18, character: 10 }, end: { line: 18, character: 12 } } });
  const relatedOf = (r: Result): { uri: string; range: Result['range'] }[] => (r.related ?? []).map((x) => ({ uri: x.uri, range: x.range })).sort((x, y) => x.uri.localeCompare(y.uri));

  it('reports a value written in a define on the define\'s line, once, naming each object\'s include call', () => {
    const r = results.filter((x) => x.ruleId === 'k8s/allow-privilege-escalation' && x.uri === 'templates/_helpers.tpl');
    assert.equal(r.length, 1);
    assert.deepEqual(r[0]!.range, { start: { line: 9, character: 26 }, end: { line: 9, character: 30 } });
    assert.deepEqual(relatedOf(r[0]!), [call('templates/a.yaml'), call('templates/b.yaml')]);
  });
  it('fixes a value written in a define in the define, for every object that includes it', () => {
    const r = findingAt(results, 'k8s/allow-privilege-escalation', 'templates/_helpers.tpl', 10);
    const fixed = fixedText(tree, r);
    assert.equal(fixed.file, 'templates/_helpers.tpl');
    assert.equal(fixed.text, helpers.replace('allowPrivilegeEscalation: true', 'allowPrivilegeEscalation: false'));
  });
  it('writes a missing setting into the define in its own indentation (the caller\'s nindent 10 taken off), from either object', () => {
    const expected = helpers.replace('nindent 2 }}\nresources:', 'nindent 2 }}\n  readOnlyRootFilesystem: true\nresources:');
    for (const file of ['templates/a.yaml', 'templates/b.yaml']) {
      const r = findingAt(results, 'k8s/read-only-root-filesystem', file, 17);
      assert.deepEqual(r.range, { start: { line: 16, character: 16 }, end: { line: 16, character: 19 } });
      const fixed = fixedText(tree, r);
      assert.equal(fixed.file, 'templates/_helpers.tpl');
      assert.equal(fixed.text, expected);
      // rendered again, neither object has the finding
      const again = lintChart(memoryTree({ ...files, 'templates/_helpers.tpl': fixed.text }), '', { sprig }).results;
      assert.deepEqual(again.filter((x) => x.ruleId === 'k8s/read-only-root-filesystem').map((x) => x.uri), ['templates/c.yaml']);
    }
  });
  it('reports a value a define printed from values on its values line, naming each include call', () => {
    const r = results.filter((x) => x.ruleId === 'k8s/run-as-user-root');
    assert.equal(r.length, 1);
    assert.equal(r[0]!.uri, 'values.yaml');
    assert.deepEqual(r[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
    assert.deepEqual(relatedOf(r[0]!), [call('templates/a.yaml'), call('templates/b.yaml')]);
  });
  it('reports a flag in a values string rendered by tpl on that values key', () => {
    const r = results.filter((x) => x.ruleId === 'k8s/privileged');
    assert.equal(r.length, 1);
    assert.equal(r[0]!.uri, 'values.yaml');
    assert.deepEqual(r[0]!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  });
  it('verifies a fix of a define\'s finding for every object that reaches it: fixing one object is not enough', () => {
    const request = { chartPath: '', sprig };
    const rendered = renderChart({ ...request, tree, sourceMap: true });
    assert.ok(!('failure' in rendered));
    const config = normalizeConfig({}).config;
    const baseline = relint(tree, request, config)!;
    const verifier = new FixVerifier({ tree, chartDir: '', request, config, values: rendered.sourceMap!.values, pathOf: (n: string) => n.replace(/^app\//, ''), baseline });
    const all = baseline.filter((b) => b.result.ruleId === 'k8s/allow-privilege-escalation' && b.name !== 'app/templates/c.yaml');
    assert.equal(all.length, 2);
    const a = all.find((b) => b.name === 'app/templates/a.yaml');
    // a.yaml changes the define's output for itself: its finding goes, b.yaml's stays
    const line = { start: { line: 18, character: 10 }, end: { line: 18, character: 54 } };
    const own = { file: 'templates/a.yaml', edits: [{ range: line, newText: '{{- include "app.settings" . | replace "Escalation: true" "Escalation: false" | nindent 10 }}' }] };
    assert.equal(verifier.verify(own, a!.name, a!.result), true);
    assert.equal(verifier.verify(own, a!.name, a!.result, all), false);
    const shared = { file: 'templates/_helpers.tpl', edits: [{ range: { start: { line: 9, character: 26 }, end: { line: 9, character: 30 } }, newText: 'false' }] };
    assert.equal(verifier.verify(shared, a!.name, a!.result, all), true);
  });
});
