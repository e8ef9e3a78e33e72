// Charts that do not render: each gives a clear error naming the cause, never an exception or a hang.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryTree } from '../../shared/src/file-tree';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { helmTemplate, type TemplateRequest } from '../../shared/src/helm/template-command';

const CHART = 'apiVersion: v2\nname: bad\nversion: 0.1.0\n';
const run = (files: Record<string, string | Uint8Array>, options: Partial<TemplateRequest> = {}): string | undefined =>
  helmTemplate({ tree: memoryTree(files), sprig: sprigFuncs(), ...options }).error;

describe('bad charts', () => {
  it('a folder without Chart.yaml', () => {
    assert.equal(run({ 'values.yaml': 'a: 1\n' }), 'Chart.yaml file is missing');
  });
  it('Chart.yaml without a version, with a bad version or bad YAML', () => {
    assert.equal(run({ 'Chart.yaml': 'apiVersion: v2\nname: x\n' }), 'validation: chart.metadata.version is required');
    assert.equal(run({ 'Chart.yaml': 'apiVersion: v2\nname: x\nversion: one\n' }), 'validation: chart.metadata.version "one" is invalid');
    assert.match(run({ 'Chart.yaml': 'name: [x\n' }) ?? '', /^cannot load Chart.yaml: error converting YAML to JSON: yaml: line \d+: /);
  });
  it('values.yaml that is no map, or no YAML', () => {
    assert.match(run({ 'Chart.yaml': CHART, 'values.yaml': '- a\n- b\n' }) ?? '', /^cannot load values.yaml: .*cannot unmarshal array into Go value of type map\[string\]interface \{\}/);
    assert.match(run({ 'Chart.yaml': CHART, 'values.yaml': 'a: [1\n' }) ?? '', /^cannot load values.yaml: error converting YAML to JSON: yaml: line \d+/);
    assert.match(run({ 'Chart.yaml': CHART }, { valuesFiles: [{ name: 'my.yaml', text: 'just a string' }] }) ?? '', /^failed to parse my.yaml: /);
  });
  it('a broken subchart archive', () => {
    assert.match(run({ 'Chart.yaml': CHART, 'charts/sub-1.0.0.tgz': new Uint8Array([1, 2, 3, 4]) }) ?? '', /^error unpacking subchart sub-1.0.0.tgz in bad: gzip: invalid header/);
  });
  it('an unknown function and an unclosed action, at their template line', () => {
    assert.equal(run({ 'Chart.yaml': CHART, 'templates/a.yaml': 'a: 1\nb: {{ nosuchfunc 1 }}\n' }), 'parse error at (bad/templates/a.yaml:2): function "nosuchfunc" not defined\n\nUse --debug flag to render out invalid YAML');
    assert.match(run({ 'Chart.yaml': CHART, 'templates/a.yaml': 'a: {{ .Values.x\n' }) ?? '', /^parse error at \(bad\/templates\/a.yaml:2\): unclosed action/);
  });
  it('templates that recurse without end through include or tpl', () => {
    for (const template of ['{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}', '{{ tpl .Values.x . }}']) {
      const error = run({ 'Chart.yaml': CHART, 'values.yaml': 'x: "{{ tpl .Values.x . }}"\n', 'templates/a.yaml': template }) ?? '';
      assert.match(error, /^execution error at \(bad\/templates\/a.yaml(:1:\d+)?\): .*(depth|nested reference)/);
      assert.ok(error.length < 500, `${error.length} characters`);
    }
  });
  it('a --set line Helm refuses', () => {
    assert.equal(run({ 'Chart.yaml': CHART }, { set: ['a.b'] }), 'failed parsing --set data: key "b" has no value');
  });
  it('an invalid --kube-version', () => {
    assert.match(run({ 'Chart.yaml': CHART }, { kubeVersion: 'latest' }) ?? '', /^invalid kube version/);
  });
});
