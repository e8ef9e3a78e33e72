import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isChartFile, isKustomizationFile } from '../../shared/src/deployable-names';
import { chartRoots, inChartTree } from '../../host/src/workspace/source';

// Helm's chart loader reads `Chart.yaml` only (helm/loader.ts): the scan's chart roots and the
// per-file "this is a template" test give the same answer for every spelling.
test('one chart predicate: Chart.yaml makes a chart, Chart.yml and chart.yaml do not', () => {
  const root = mkdtempSync(join(tmpdir(), 'bollwerk-charts-'));
  try {
    const files: string[] = [];
    const put = (path: string, text: string): void => {
      const file = join(root, path);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, text);
      files.push(file);
    };
    put('yaml/Chart.yaml', 'apiVersion: v2\nname: a\nversion: 1.0.0\n');
    put('yaml/templates/deployment.yaml', 'kind: {{ .Values.kind }}\n');
    put('yaml/charts/sub/Chart.yaml', 'apiVersion: v2\nname: sub\nversion: 1.0.0\n');
    put('yaml/charts/sub/templates/pod.yaml', 'kind: {{ .Values.kind }}\n');
    put('yml/Chart.yml', 'apiVersion: v2\nname: b\nversion: 1.0.0\n');
    put('yml/templates/deployment.yaml', 'kind: {{ .Values.kind }}\n');
    put('lower/chart.yaml', 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
    put('lower/templates/deployment.yaml', 'kind: {{ .Values.kind }}\n');

    assert.deepEqual(chartRoots(files), [join(root, 'yaml')]);
    assert.equal(inChartTree(join(root, 'yaml/templates/deployment.yaml')), true);
    assert.equal(inChartTree(join(root, 'yaml/charts/sub/templates/pod.yaml')), true);
    assert.equal(inChartTree(join(root, 'yml/templates/deployment.yaml')), false);
    assert.equal(inChartTree(join(root, 'lower/templates/deployment.yaml')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('file names of deployable units, with either separator', () => {
  assert.equal(isChartFile('a/b/Chart.yaml'), true);
  assert.equal(isChartFile('a\\b\\Chart.yaml'), true);
  assert.equal(isChartFile('Chart.yaml'), true);
  assert.equal(isChartFile('a/Chart.yml'), false);
  assert.equal(isChartFile('a/MyChart.yaml'), false);
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) assert.equal(isKustomizationFile(`x/${name}`), true, name);
  assert.equal(isKustomizationFile('x/kustomization.json'), false);
  assert.equal(isKustomizationFile('x/my-kustomization.yaml'), false);
});
