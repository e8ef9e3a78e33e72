// Helm charts in the editor over stdio: a template opened gets its chart's findings at template and
// values lines; an unsaved edit of values.yaml re-renders the chart and updates the template's
// diagnostics; a template that does not render shows the error on its line; a file of the chart
// that is not open gets its findings published too; hover and code actions work on them.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { rulesOf } from '../../server/src/diagnostic-groups';
import { ROOT, rangeOf, startServer, type TestClient } from './lsp-client';

/** `rule line:col-endLine:endCol` (0-based) of every rule a diagnostic stands for. */
const places = (ds: readonly Diagnostic[]): string[] => ds.flatMap((d) => rulesOf(d).map((r) => `${r} ${rangeOf(d).slice(0, 2).join(':')}-${rangeOf(d).slice(2).join(':')}`)).sort();
const has = (p: PublishDiagnosticsParams, place: string): boolean => places(p.diagnostics).includes(place);

describe('Helm charts live in the editor (push)', () => {
  let dir = '';
  let c: TestClient;
  let template = '';
  let values = '';
  let helpers = '';
  let templateText = '';
  let valuesText = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-chart-live-'));
    cpSync(join(ROOT, 'test/fixtures/helm/web'), join(dir, 'web'), { recursive: true });
    template = URI.file(join(dir, 'web/templates/deployment.yaml')).toString();
    values = URI.file(join(dir, 'web/values.yaml')).toString();
    helpers = URI.file(join(dir, 'web/templates/_helpers.tpl')).toString();
    templateText = readFileSync(join(dir, 'web/templates/deployment.yaml'), 'utf8');
    valuesText = readFileSync(join(dir, 'web/values.yaml'), 'utf8');
    c = startServer();
    await c.initialize({ pull: false, folders: [URI.file(dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an opened template gets the findings written in it on its lines, and values.yaml (not open) those set there', async () => {
    c.open(template, templateText);
    const t = await c.waitForPublish(template, (p) => p.version === 1);
    // hostNetwork: true is written on line 8 (0-based 7); the container misses readOnlyRootFilesystem (line 10)
    assert.ok(has(t, 'k8s/host-namespaces 7:19-7:23'), places(t.diagnostics).join('\n'));
    assert.ok(has(t, 'k8s/read-only-root-filesystem 9:16-9:19'), places(t.diagnostics).join('\n'));
    assert.ok(!t.diagnostics.some((d) => String(d.code).startsWith('bollwerk/')), 'no note that the template was skipped');
    const v = await c.waitForPublish(values, (p) => has(p, 'k8s/privileged 4:2-4:12'));
    assert.ok(has(v, 'k8s/image-latest-tag 2:2-2:5'), places(v.diagnostics).join('\n'));
  });

  it('hover and code actions work on a chart finding', async () => {
    const hover = await c.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: template }, position: { line: 7, character: 20 } });
    assert.ok(hover && JSON.stringify(hover.contents).includes('k8s/host-namespaces'), JSON.stringify(hover));
    const t = c.published.filter((p) => p.uri === template).at(-1)!;
    const diagnostic = t.diagnostics.find((d) => rulesOf(d).includes('k8s/host-namespaces'))!;
    const actions = await c.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: template }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    assert.ok(actions.some((a) => JSON.stringify(a.edit ?? {}).includes('bollwerk-ignore k8s/host-namespaces')), JSON.stringify(actions.map((a) => a.title)));
  });

  it('an unsaved edit of values.yaml renders the chart again: the template’s diagnostics follow', async () => {
    c.open(values, valuesText);
    await c.waitForPublish(values, (p) => p.version === 1 && has(p, 'k8s/privileged 4:2-4:12'));
    const before = c.published.length;
    c.change(values, 2, valuesText.replace('  runAsNonRoot: true\n', '  runAsNonRoot: true\n  readOnlyRootFilesystem: true\n').replace('privileged: true', 'privileged: false'));
    const v = await c.waitForPublish(values, (p) => p.version === 2);
    assert.ok(!places(v.diagnostics).some((p) => p.startsWith('k8s/privileged ')), places(v.diagnostics).join('\n'));
    const t = await c.waitForPublish(template, (p) => c.published.indexOf(p) >= before);
    assert.ok(!places(t.diagnostics).some((p) => p.startsWith('k8s/read-only-root-filesystem ')), places(t.diagnostics).join('\n'));
    assert.ok(has(t, 'k8s/host-namespaces 7:19-7:23'), 'the other findings stay');
    // the disk was not written: the render used the unsaved text
    assert.equal(readFileSync(join(dir, 'web/values.yaml'), 'utf8'), valuesText);
  });

  it('a template that does not render shows the error on its line; fixing it brings the findings back', async () => {
    const broken = templateText.replace('  name: {{ include "web.name" . }}', '  name: {{ required "name is required" .Values.name }}');
    c.change(template, 2, broken);
    const t = await c.waitForPublish(template, (p) => p.version === 2);
    const error = t.diagnostics.find((d) => d.code === 'helm/render-error');
    assert.ok(error, places(t.diagnostics).join('\n'));
    assert.equal(error.range.start.line, 3);
    assert.match(String(error.message), /name is required/);
    c.change(template, 3, templateText);
    const fixed = await c.waitForPublish(template, (p) => p.version === 3);
    assert.ok(has(fixed, 'k8s/host-namespaces 7:19-7:23'), places(fixed.diagnostics).join('\n'));
  });

  it('an edit of _helpers.tpl renders the chart again, and a render error there lands in _helpers.tpl', async () => {
    const text = readFileSync(join(dir, 'web/templates/_helpers.tpl'), 'utf8');
    c.open(helpers, text, 'helm');
    await c.waitForPublish(helpers, (p) => p.version === 1);
    c.change(helpers, 2, text.replace(/\{\{-? ?end ?-?\}\}\s*$/, ''));
    const h = await c.waitForPublish(helpers, (p) => p.version === 2 && p.diagnostics.some((d) => d.code === 'helm/render-error'));
    assert.match(String(h.diagnostics.find((d) => d.code === 'helm/render-error')!.message), /unexpected EOF|end/);
    c.change(helpers, 3, text);
    await c.waitForPublish(helpers, (p) => p.version === 3 && !p.diagnostics.some((d) => d.code === 'helm/render-error'));
  });

  it('closing an edited file renders the chart from disk again', async () => {
    writeFileSync(join(dir, 'web/values.yaml'), valuesText);
    const before = c.published.length;
    await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: values } });
    // a closed file's diagnostics come without a version
    const v = await c.waitForPublish(values, (p) => c.published.indexOf(p) >= before && p.version === undefined);
    assert.ok(has(v, 'k8s/privileged 4:2-4:12'), places(v.diagnostics).join('\n'));
    await c.waitForPublish(template, (p) => c.published.indexOf(p) >= before && has(p, 'k8s/read-only-root-filesystem 9:16-9:19'));
  });
});

describe('Helm charts live in the editor (pull), with .bollwerk.yaml’s helm section', () => {
  let dir = '';
  let c: TestClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-chart-pull-'));
    cpSync(join(ROOT, 'test/fixtures/helm/web'), join(dir, 'web'), { recursive: true });
    // the chart is rendered with a -f file and --set as configured: the tag comes from prod.yaml, hostNetwork stays
    writeFileSync(join(dir, 'prod.yaml'), '# production\nimage:\n  tag: "1.27"\nsecurityContext:\n  allowPrivilegeEscalation: true\n');
    writeFileSync(join(dir, '.bollwerk.yaml'), 'helm:\n  web:\n    valuesFiles: [prod.yaml]\n');
    c = startServer();
    await c.initialize({ pull: true, folders: [URI.file(dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulls the chart’s findings for the template, the values files and the -f file, and follows an unsaved edit of the -f file', async () => {
    const template = URI.file(join(dir, 'web/templates/deployment.yaml')).toString();
    const prod = URI.file(join(dir, 'prod.yaml')).toString();
    c.open(template, readFileSync(join(dir, 'web/templates/deployment.yaml'), 'utf8'));
    const t = places(await c.pullDiagnostics(template));
    assert.ok(t.includes('k8s/host-namespaces 7:19-7:23'), t.join('\n'));
    // closed files of the chart (and the -f file) come with the workspace diagnostics
    const ws = await c.connection.sendRequest<{ items: { uri: string; items?: Diagnostic[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
    const of = (uri: string): string[] => places(ws.items.find((i) => i.uri === uri)?.items ?? []);
    assert.ok(!of(URI.file(join(dir, 'web/values.yaml')).toString()).some((p) => p.startsWith('k8s/image-latest-tag')), 'the tag of prod.yaml is rendered');
    assert.ok(of(prod).includes('k8s/allow-privilege-escalation 4:2-4:26'), JSON.stringify(ws.items.map((i) => [i.uri, places(i.items ?? [])])));
    c.open(prod, readFileSync(join(dir, 'prod.yaml'), 'utf8'));
    c.change(prod, 2, '# production\nimage:\n  tag: latest\n');
    const p = places(await c.pullDiagnostics(prod));
    assert.ok(p.includes('k8s/image-latest-tag 2:2-2:5'), p.join('\n'));
    assert.ok(!p.some((x) => x.startsWith('k8s/allow-privilege-escalation')), p.join('\n'));
  });
});

describe('Helm charts live in the editor: a chart folder removed while a template is open', () => {
  it('the template still gets diagnostics, the server logs why and keeps running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bollwerk-chart-gone-'));
    const c = startServer();
    try {
      cpSync(join(ROOT, 'test/fixtures/helm/web'), join(dir, 'web'), { recursive: true });
      await c.initialize({ pull: false, folders: [URI.file(dir).toString()] });
      const template = URI.file(join(dir, 'web/templates/deployment.yaml')).toString();
      const text = readFileSync(join(dir, 'web/templates/deployment.yaml'), 'utf8');
      c.open(template, text);
      await c.waitForPublish(template, (p) => p.version === 1 && p.diagnostics.length > 0);
      rmSync(join(dir, 'web'), { recursive: true, force: true });
      c.change(template, 2, `${text}# edited\n`);
      await c.waitForPublish(template, (p) => p.version === 2);
      assert.ok(c.alive());
      assert.ok(c.logs.some((l) => l.includes('rendering the chart')), c.logs.join('\n'));
    } finally {
      await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
