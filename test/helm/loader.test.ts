// Chart loading as Helm's pkg/chart/v2/loader does it: archives with their safety checks,
// v1 charts with requirements.yaml, .helmignore rules, byte order marks, values documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryTree } from '../../shared/src/file-tree';
import { chartFullPath } from '../../shared/src/helm/chart';
import { isIgnored, parseHelmignore } from '../../shared/src/helm/helmignore';
import { ChartError, loadChart, loadValues } from '../../shared/src/helm/loader';
import { tgz } from './archive-helpers';

const CHART = 'apiVersion: v2\nname: c\nversion: 1.0.0\n';
const load = (files: Record<string, string | Uint8Array>): ReturnType<typeof loadChart> => loadChart(memoryTree(files));
const loadError = (files: Record<string, string | Uint8Array>): string => {
  try {
    load(files);
  } catch (e) {
    if (e instanceof ChartError) return e.message;
    throw e;
  }
  return '';
};

describe('chart archives', () => {
  it('loads a packaged chart and its nested archive, naming subcharts by their chart name', () => {
    const inner = tgz({ 'in/Chart.yaml': 'apiVersion: v2\nname: inner\nversion: 0.1.0\n' });
    const pkg = tgz({ 'c/Chart.yaml': CHART, 'c/templates/a.yaml': 'kind: A\n', 'c/values.yaml': 'x: 1\n' });
    const top = load({ 'Chart.yaml': CHART, 'charts/c-1.0.0.tgz': pkg });
    assert.equal(top.dependencies.length, 1);
    assert.equal(chartFullPath(top.dependencies[0]!), 'c/charts/c');
    assert.deepEqual(top.dependencies[0]!.templates.map((t) => t.name), ['templates/a.yaml']);
    assert.equal(load({ 'Chart.yaml': CHART, 'charts/in.tgz': inner }).dependencies[0]!.metadata.name, 'inner');
  });
  it('refuses archives that climb out of their folder, hold absolute paths or files outside a chart folder', () => {
    assert.match(loadError({ 'Chart.yaml': CHART, 'charts/x.tgz': tgz({ 'x/../../evil.yaml': 'a' }) }), /chart illegally references parent directory/);
    assert.match(loadError({ 'Chart.yaml': CHART, 'charts/x.tgz': tgz({ 'x//etc/passwd': 'a' }) }), /chart illegally contains absolute paths/);
    // a top-level file has no path below the chart folder: Helm's first check already refuses it
    assert.match(loadError({ 'Chart.yaml': CHART, 'charts/x.tgz': tgz({ 'Chart.yaml': CHART }) }), /chart illegally contains content outside the base directory/);
  });
});

describe('chart folders', () => {
  it('reads dependencies of a v1 chart from requirements.yaml', () => {
    const c = load({ 'Chart.yaml': 'name: old\nversion: 1.0.0\n', 'requirements.yaml': 'dependencies:\n- name: dep\n  version: 1.x\n' });
    assert.equal(c.metadata.apiVersion, 'v1');
    assert.deepEqual(c.metadata.dependencies.map((d) => d.name), ['dep']);
  });
  it('skips what .helmignore names and hidden files in templates/', () => {
    const c = load({ 'Chart.yaml': CHART, '.helmignore': '# comment\nsecret/\n*.bak\n', 'secret/key.txt': 'k', 'notes.bak': 'x', 'keep.txt': 'y', 'templates/.hidden.yaml': 'h', 'templates/a.yaml': 'a' });
    assert.deepEqual(c.files.map((f) => f.name).sort(), ['.helmignore', 'keep.txt']);
    assert.deepEqual(c.templates.map((f) => f.name), ['templates/a.yaml']);
  });
  it('drops a UTF-8 byte order mark and ignores folders in charts/ starting with _ or .', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CHART)]);
    const c = load({ 'Chart.yaml': bom, 'charts/_skip/Chart.yaml': CHART, 'charts/.hidden/Chart.yaml': CHART });
    assert.equal(c.metadata.name, 'c');
    assert.equal(c.dependencies.length, 0);
  });
});

describe('.helmignore rules (pkg/ignore)', () => {
  const r = parseHelmignore('/top.txt\ndir/\n*.tmp\na/b/*.yaml\n');
  it('anchors a leading slash at the chart root, matches base names without a slash, folders with a trailing slash', () => {
    assert.equal(isIgnored(r, 'top.txt', false), true);
    assert.equal(isIgnored(r, 'sub/top.txt', false), false);
    assert.equal(isIgnored(r, 'x/y.tmp', false), true);
    assert.equal(isIgnored(r, 'dir', true), true);
    assert.equal(isIgnored(r, 'dir', false), false);
    assert.equal(isIgnored(r, 'a/b/c.yaml', false), true);
    assert.equal(isIgnored(r, 'a/b/c/d.yaml', false), false);
  });
  it('refuses ** as Helm does', () => {
    assert.throws(() => parseHelmignore('**/x\n'), /double-star \(\*\*\) syntax is not supported/);
  });
});

describe('values files', () => {
  it('merges several YAML documents, later ones winning, and reads YAML 1.1 scalars as Helm does', () => {
    const v = loadValues('a: 1\nb: {c: 1}\n---\nb: {d: yes}\nhex: 0x1F\noct: 0777\nbig: 1e3\nstr: "1e3"\n');
    assert.deepEqual(JSON.parse(JSON.stringify(v)), { a: 1, b: { c: 1, d: true }, hex: 31, oct: 511, big: 1000, str: '1e3' });
  });
  it('keeps anchors, aliases and merge keys', () => {
    const v = loadValues('base: &b {x: 1, z: 2}\nuse: {<<: *b, z: 3}\nflag: *b\n');
    assert.deepEqual(JSON.parse(JSON.stringify(v)), { base: { x: 1, z: 2 }, use: { x: 1, z: 3 }, flag: { x: 1, z: 2 } });
  });
});
