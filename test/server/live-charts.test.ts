// The editor's chart renders (server/src/live-charts.ts) in-process: after every kind of edit (a
// template alone, which executes only it; a template with a define; _helpers.tpl; values.yaml;
// a file closed again) the findings equal those of a fresh render of the same texts.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { overlayTree } from '../../shared/src/file-tree';
import type { Result } from '../../shared/src/types';
import { lintChartDir } from '../../host/src/workspace/charts';
import { diskTree } from '../../host/src/workspace/file-tree';
import { fileUri } from '../../host/src/workspace/scan';
import { createLiveCharts, type LiveCharts } from '../../server/src/live-charts';
import type { ResolvedSettings } from '../../server/src/settings';
import { ROOT } from './lsp-client';

const SECOND = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: second',
  'spec:',
  '  containers:',
  '    - name: c',
  '      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
  '      securityContext:',
  '        privileged: true',
  '',
].join('\n');

const place = (r: Result): string => `${r.ruleId} ${r.uri.slice(r.uri.lastIndexOf('/web/') + 5)} ${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`;

describe('live chart renders equal fresh renders', () => {
  let dir = '';
  let chart = '';
  let settings: ResolvedSettings;
  const docs = new Map<string, TextDocument>();
  let live: LiveCharts;
  const uriOf = (rel: string): string => fileUri(join(chart, rel));
  const edit = (rel: string, text: string): void => {
    const uri = uriOf(rel);
    docs.set(uri, TextDocument.create(uri, 'yaml', (docs.get(uri)?.version ?? 0) + 1, text));
  };
  /** Every finding the live chart reports, over the chart's files. */
  const liveFindings = (files: readonly string[]): string[] =>
    files.flatMap((rel) => {
      const uri = uriOf(rel);
      const report = docs.has(uri) ? live.openReport({ uri, kind: undefined, results: [], notes: [] }) : live.closedReport(uri, settings);
      return (report?.results ?? []).map(place);
    }).sort();
  /** The findings of a fresh render of the chart with the open documents' text. */
  const freshFindings = (): string[] => {
    const texts = new Map([...docs.values()].map((d) => [URI.parse(d.uri).fsPath.slice(chart.length + 1), d.getText()] as const));
    return lintChartDir(chart, DEFAULT_CONFIG, fileUri, dir, undefined, { tree: overlayTree(diskTree(chart), texts) }).results.map(place).sort();
  };
  const FILES = ['values.yaml', 'templates/deployment.yaml', 'templates/second.yaml', 'templates/_helpers.tpl'];
  const check = (what: string, touchedMust: string[] = []): void => {
    const touched = live.refresh(uriOf('templates/deployment.yaml'), settings, 0) ?? [];
    for (const t of touchedMust) assert.ok(touched.includes(uriOf(t)), `${what}: ${t} is among the files whose findings may have changed`);
    assert.deepEqual(liveFindings(FILES), freshFindings(), what);
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-live-charts-'));
    chart = join(dir, 'web');
    cpSync(join(ROOT, 'test/fixtures/helm/web'), chart, { recursive: true });
    writeFileSync(join(chart, 'templates/second.yaml'), SECOND);
    settings = { config: DEFAULT_CONFIG, lang: 'en', pinningAllowed: false, folderUri: URI.file(dir).toString() };
    live = createLiveCharts(() => [...docs.values()], (m) => assert.fail(m));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('renders on the first ask and not again while nothing changed', () => {
    edit('templates/deployment.yaml', readFileSync(join(chart, 'templates/deployment.yaml'), 'utf8'));
    check('first render');
    assert.ok(liveFindings(FILES).some((f) => f.startsWith('k8s/privileged templates/second.yaml 9:')), liveFindings(FILES).join('\n'));
    assert.deepEqual(live.refresh(uriOf('templates/deployment.yaml'), settings, 0), [], 'nothing changed: no render');
  });

  it('a template edited alone (only it is executed): its findings change, the others stay', () => {
    edit('templates/second.yaml', SECOND.replace('privileged: true', 'privileged: false\n        readOnlyRootFilesystem: true'));
    check('second.yaml edited', ['templates/second.yaml']);
    assert.ok(!liveFindings(FILES).some((f) => f.startsWith('k8s/privileged templates/second.yaml')));
    assert.ok(liveFindings(FILES).some((f) => f.startsWith('k8s/host-namespaces templates/deployment.yaml')));
  });

  it('a template that defines a block another one includes, and _helpers.tpl, render every template again', () => {
    const deployment = readFileSync(join(chart, 'templates/deployment.yaml'), 'utf8');
    edit('templates/deployment.yaml', deployment.replace('hostNetwork: true', 'hostNetwork: {{ include "web.hostnet" . }}'));
    edit('templates/second.yaml', `{{- define "web.hostnet" -}}true{{- end -}}\n${SECOND}`);
    check('define added');
    // the finding lands on the define's text, where the value is written
    assert.ok(liveFindings(FILES).some((f) => f.startsWith('k8s/host-namespaces templates/second.yaml 0:')), liveFindings(FILES).join('\n'));
    // only second.yaml changes, but deployment.yaml includes what it defines
    edit('templates/second.yaml', `{{- define "web.hostnet" -}}false{{- end -}}\n${SECOND}`);
    // (the finding it removes was on the define's line, in second.yaml)
    check('define changed', ['templates/second.yaml']);
    assert.ok(!liveFindings(FILES).some((f) => f.startsWith('k8s/host-namespaces ')), liveFindings(FILES).join('\n'));
    edit('templates/_helpers.tpl', '{{- define "web.name" -}}{{ .Chart.Name }}-x{{- end -}}\n');
    check('_helpers.tpl edited');
  });

  it('a values edit moves findings between values.yaml and the templates', () => {
    edit('values.yaml', readFileSync(join(chart, 'values.yaml'), 'utf8').replace('privileged: true', 'privileged: false'));
    check('values edited', ['values.yaml']);
    assert.ok(!liveFindings(FILES).some((f) => f.startsWith('k8s/privileged values.yaml')));
  });

  it('a render error, then the template fixed again', () => {
    edit('templates/second.yaml', SECOND.replace('name: second', 'name: {{ required "a name" .Values.nothing }}'));
    check('render error');
    assert.ok(liveFindings(FILES).some((f) => f.startsWith('helm/render-error templates/second.yaml 3:')), liveFindings(FILES).join('\n'));
    edit('templates/second.yaml', SECOND);
    check('fixed');
  });

  it('closing the documents renders from disk', () => {
    docs.clear();
    check('closed', ['values.yaml', 'templates/second.yaml']);
    assert.ok(liveFindings(FILES).some((f) => f.startsWith('k8s/privileged values.yaml')));
  });
});
