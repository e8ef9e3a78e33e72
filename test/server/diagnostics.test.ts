import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { COMPOSE, COMPOSE_URI, coreFindings, diagnosticFindings, DOCKERFILE, DOCKERFILE_URI, POD, POD_URI, rangesOf } from './fixtures';
import { buildServer, ROOT, startServer, type TestClient } from './lsp-client';
import { rulesOf } from '../../server/src/diagnostic-groups';

describe('diagnostics over stdio, push (client without pull support)', () => {
  let c: TestClient;
  before(async () => {
    buildServer();
    c = startServer();
    const init = await c.initialize({ pull: false });
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull provider is announced to a push-only client');
  });
  after(() => c.stop());

  it('Dockerfile: exact codes, ranges, source, docs link and fix data', async () => {
    c.open(DOCKERFILE_URI, DOCKERFILE);
    const p = await c.waitForPublish(DOCKERFILE_URI);
    assert.equal(p.version, 1);
    assert.deepEqual(rangesOf(p.diagnostics, 'dockerfile/prefer-copy'), [[1, 0, 1, 3], [3, 0, 3, 3]]);
    assert.deepEqual(diagnosticFindings(p.diagnostics), coreFindings(DOCKERFILE_URI, DOCKERFILE));
    const d = p.diagnostics.find((x) => rulesOf(x).includes('dockerfile/prefer-copy'))!;
    assert.equal(d.source, 'bollwerk');
    assert.equal(d.severity, 2);
    // the docs/rules.md shipped beside dist/, which every editor can open without a website
    assert.equal(d.codeDescription?.href, `${pathToFileURL(join(ROOT, 'docs', 'rules.md')).href}#dockerfileprefer-copy`);
    assert.deepEqual(d.data, { version: 1, fix: { edits: [{ range: d.range, newText: 'COPY' }] } });
  });

  it('Compose: exact codes and ranges', async () => {
    c.open(COMPOSE_URI, COMPOSE);
    const p = await c.waitForPublish(COMPOSE_URI);
    assert.deepEqual(rangesOf(p.diagnostics, 'compose/privileged'), [[3, 4, 3, 20]]);
    assert.deepEqual(rangesOf(p.diagnostics, 'compose/read-only'), [[1, 2, 1, 5]]);
    assert.deepEqual(diagnosticFindings(p.diagnostics), coreFindings(COMPOSE_URI, COMPOSE));
  });

  it('Kubernetes: one finding per container, exact ranges, pin reference in data', async () => {
    // digest pinning is an L3 rule: the document's settings ask for that level
    c.settings[POD_URI] = { level: 'L3' };
    c.open(POD_URI, POD);
    const p = await c.waitForPublish(POD_URI);
    assert.deepEqual(rangesOf(p.diagnostics, 'k8s/read-only-root-filesystem'), [[6, 12, 6, 13], [10, 12, 10, 13]]);
    assert.deepEqual(rangesOf(p.diagnostics, 'k8s/privileged'), [[9, 20, 9, 24]]);
    assert.deepEqual(diagnosticFindings(p.diagnostics), coreFindings(POD_URI, POD, 'L3'));
    // the image value also carries k8s/image-pull-policy: one diagnostic for both, with the pin reference in its data
    const pin = p.diagnostics.filter((d) => rulesOf(d).includes('k8s/pin-image-digest'));
    assert.deepEqual(pin.map((d) => (d.data as { pin?: { reference: string } }).pin?.reference), ['nginx:1.25', 'nginx:1.25']);
  });

  it('a burst of 200 edits is answered with the latest version only', async () => {
    const uri = 'file:///w/burst/Dockerfile';
    c.open(uri, 'FROM alpine:3.20\n');
    await c.waitForPublish(uri, (p) => p.version === 1);
    const typed = 'ADD a.txt /a\n'.repeat(16).slice(0, 200); // 15 full lines and the start of a 16th
    const addLines = (t: string): number[][] => t.split('\n').flatMap((l, n) => (/^ADD \S+ \S+$/.test(l) ? [[n, 0, n, 3]] : []));
    let text = 'FROM alpine:3.20\n';
    const texts = new Map<number, string>();
    const startIndex = c.published.length;
    for (let i = 0; i < 200; i++) {
      text += typed[i];
      texts.set(i + 2, text);
      c.change(uri, i + 2, text);
    }
    const last = await c.waitForPublish(uri, (p) => p.version === 201);
    await new Promise((r) => setTimeout(r, 300)); // anything stale would arrive now
    const burst = c.published.slice(startIndex).filter((p) => p.uri === uri);
    assert.ok(burst.length < 20, `expected the burst to be coalesced, got ${burst.length} publishes for 200 edits`);
    assert.equal(burst[burst.length - 1], last, 'nothing is published after the latest version');
    for (const p of burst) assert.deepEqual(rangesOf(p.diagnostics, 'dockerfile/prefer-copy'), addLines(texts.get(p.version!)!), `publish of version ${p.version} matches that version's text`);
    assert.equal(addLines(text).length, 15);
    assert.deepEqual(rangesOf(last.diagnostics, 'dockerfile/prefer-copy'), addLines(text));
  });

  it('a settings change re-lints open documents', async () => {
    const uri = 'file:///w/settings/Dockerfile';
    c.open(uri, DOCKERFILE);
    const first = await c.waitForPublish(uri);
    assert.equal(rangesOf(first.diagnostics, 'dockerfile/prefer-copy').length, 2);
    const count = c.published.length;
    c.settings['*'] = { rules: { 'dockerfile/prefer-copy': 'error' } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const second = await c.waitForPublish(uri, (p) => c.published.indexOf(p) >= count);
    assert.deepEqual(second.diagnostics.filter((d) => rulesOf(d).includes('dockerfile/prefer-copy')).map((d) => d.severity), [1, 1]);
    const count2 = c.published.length;
    c.settings['*'] = { rules: { 'dockerfile/prefer-copy': 'off' } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const third = await c.waitForPublish(uri, (p) => c.published.indexOf(p) >= count2);
    assert.equal(rangesOf(third.diagnostics, 'dockerfile/prefer-copy').length, 0);
    c.settings = {};
  });
});

describe('diagnostics over stdio, pull (LSP 3.17 textDocument/diagnostic)', () => {
  let c: TestClient;
  before(async () => {
    c = startServer();
    const init = await c.initialize({ pull: true });
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'bollwerk', interFileDependencies: true, workspaceDiagnostics: true });
  });
  after(() => c.stop());

  it('answers pulls for each file kind and pushes nothing', async () => {
    for (const [uri, text] of [[DOCKERFILE_URI, DOCKERFILE], [COMPOSE_URI, COMPOSE], [POD_URI, POD]] as const) {
      c.open(uri, text);
      const items = await c.pullDiagnostics(uri);
      assert.deepEqual(diagnosticFindings(items), coreFindings(uri, text), uri);
      assert.ok(items.length > 0);
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(c.published.length, 0);
  });

  it('reports unchanged for the same result id and full after an edit', async () => {
    const uri = 'file:///w/pull/Dockerfile';
    c.open(uri, DOCKERFILE);
    const first = await c.connection.sendRequest<{ kind: string; resultId: string }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(first.kind, 'full');
    const again = await c.connection.sendRequest<{ kind: string; resultId: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    c.change(uri, 2, 'FROM alpine:3.20\n');
    const changed = await c.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(changed.kind, 'full');
    assert.deepEqual(diagnosticFindings(changed.items), coreFindings(uri, 'FROM alpine:3.20\n'));
    assert.deepEqual(rangesOf(changed.items, 'dockerfile/prefer-copy'), []);
  });

  it('a pull after a burst of 200 edits sees only the latest text', async () => {
    const uri = 'file:///w/pullburst/Dockerfile';
    c.open(uri, 'FROM alpine:3.20\n');
    let text = 'FROM alpine:3.20\n';
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      text += i % 20 === 19 ? '\n' : i % 20 < 12 ? 'ADD a.txt /a'[i % 20] : ' ';
      c.change(uri, i + 2, text);
      if (i % 50 === 0) pending.push(c.pullDiagnostics(uri).catch((e: { code?: number }) => e.code));
    }
    const items = await c.pullDiagnostics(uri);
    const expected = text.split('\n').flatMap((l, n) => (l.startsWith('ADD a.txt /a') ? [[n, 0, n, 3]] : []));
    assert.equal(expected.length, 10);
    assert.deepEqual(rangesOf(items, 'dockerfile/prefer-copy'), expected);
    await Promise.all(pending);
  });

  it('a settings change asks the client to refresh, and the next pull uses the new settings', async () => {
    const uri = 'file:///w/pullsettings/Dockerfile';
    c.open(uri, DOCKERFILE);
    assert.equal(rangesOf(await c.pullDiagnostics(uri), 'dockerfile/prefer-copy').length, 2);
    const refreshed = new Promise<void>((resolve) => c.connection.onRequest('workspace/diagnostic/refresh', () => (resolve(), null)));
    c.settings['*'] = { rules: { 'dockerfile/prefer-copy': 'off' } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.equal(rangesOf(await c.pullDiagnostics(uri), 'dockerfile/prefer-copy').length, 0);
    c.settings = {};
  });
});
