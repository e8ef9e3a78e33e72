// `bollwerk render`: helm template's output on standard output, exit 1 with helm's `Error:` line
// when the chart does not render, exit 2 for usage errors (a kustomization folder among them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain, workspace } from '../cli/helpers';
import { HELM_CORPUS } from './corpus-helpers';

const testcharts = join(HELM_CORPUS, 'src/helm__helm/pkg/cmd/testdata');
const chart = (name: string): string => join(testcharts, 'testcharts', name);
const golden = (name: string): string => readFileSync(join(testcharts, 'output', name), 'utf8').replace(/\r\n/g, '\n');

describe('bollwerk render', () => {
  it('prints what helm template prints, with Helm\'s test harness Kubernetes version', async () => {
    const r = await runMain(['render', chart('subchart'), '--kube-version', 'v1.20.0']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, golden('template.txt'));
  });
  it('takes --set, --show-only and a positional release name', async () => {
    const set = await runMain(['render', chart('subchart'), '--set', 'service.name=apache', '--kube-version=v1.20.0']);
    assert.equal(set.stdout, golden('template-set.txt'));
    const only = await runMain(['render', 'release-name', chart('subchart'), '-s', 'templates/service.yaml', '--kube-version', 'v1.20.0']);
    assert.equal(only.stdout, golden('template-show-only-one.txt'));
  });
  it('exits 1 with helm\'s error when the chart does not render', async () => {
    const r = await runMain(['render', chart('chart-bad-type')]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, golden('template-chart-bad-type.txt'));
  });
  it('exits 1 when a values file is missing', async () => {
    const r = await runMain(['render', chart('subchart'), '-f', 'no-such-values.yaml']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Error: open no-such-values.yaml: no such file or directory\n');
  });
  it('exits 2 for usage errors; a kustomization folder goes to the kustomize builder', async () => {
    assert.equal((await runMain(['render'])).code, 2);
    assert.equal((await runMain(['render', chart('subchart'), '--no-such-flag'])).code, 2);
    assert.equal((await runMain(['render', 'a', 'b', 'c'])).code, 2);
    assert.equal((await runMain(['render', chart('subchart'), '--helm-version', '5'])).code, 2);
    const dir = workspace({ 'kustomization.yaml': 'resources: []\n' });
    const k = await runMain(['render', dir]);
    assert.equal(k.code, 0, k.stderr);
    assert.equal(k.stdout, '');
    const missing = await runMain(['render', join(dir, 'nothing-here')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /chart path not found/);
  });
  it('notes on standard error when random functions gave stand-in values', async () => {
    const dir = workspace({ 'Chart.yaml': 'apiVersion: v2\nname: r\nversion: 0.1.0\n', 'templates/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {p: {{ randAlphaNum 8 | quote }}}\n' });
    const first = await runMain(['render', dir]);
    const second = await runMain(['render', dir]);
    assert.equal(first.code, 0);
    assert.equal(first.stdout, second.stdout, 'stand-ins are stable');
    assert.match(first.stderr, /^bollwerk: note: randAlphaNum gave fixed stand-in values/);
  });
  it('prints its usage with --help', async () => {
    const r = await runMain(['render', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: bollwerk render \[NAME\] CHART/);
  });
});
