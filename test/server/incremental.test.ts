import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintText } from '../../shared/src/lint';
import { buildServer, startServer, type TestClient } from './lsp-client';
import { groupedDiagnostics, rulesOf } from '../../server/src/diagnostic-groups';

/**
 * The per-document lint over stdio: an edit in one document of a manifest leaves the other
 * documents' diagnostics as they were, a `bollwerk-ignore-file` comment in one document applies to
 * all, and moved documents get shifted ranges and fixes; every publish equals a fresh lint of
 * that version's text.
 */

const deployment = (name: string, image: string): string =>
  [
    '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, 'spec:', '  replicas: 2', '  template:', '    spec:', '      containers:',
    `        - name: ${name}`, `          image: ${image}`,
  ].join('\n');
const service = ['---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: db', 'spec:', '  type: LoadBalancer', '  ports:', '    - port: 5432'].join('\n');

const A = deployment('api', 'registry.example.com/api:latest');
const B = deployment('web', 'nginx:latest');
const manifest = (...docs: string[]): string => `${docs.join('\n')}\n`;

/** What a diagnostic says, without the document version: code, range, message, fix edits. */
const essence = (d: Diagnostic): string => {
  const fix = (d.data as { fix?: unknown } | undefined)?.fix;
  return JSON.stringify([d.code, d.range, d.message, d.severity, fix ?? null]);
};

/** The same for a fresh whole-file lint of `text`, grouped per object and place as the server shows it. */
const expected = (uri: string, text: string): string[] => groupedDiagnostics(lintText(uri, text).results, 0, 'en').map(essence);

const inLines = (ds: readonly Diagnostic[], from: number, to: number): Diagnostic[] => ds.filter((d) => d.range.start.line >= from && d.range.start.line < to);

describe('per-document lint over stdio (push)', () => {
  let c: TestClient;
  before(async () => {
    buildServer();
    c = startServer();
    await c.initialize({ pull: false });
  });
  after(() => c.stop());

  it('an edit in one document leaves the diagnostics of the others identical', async () => {
    const uri = 'file:///w/incremental/edit.yaml';
    const text = manifest(A, B, service);
    c.open(uri, text);
    const first = await c.waitForPublish(uri, (p) => p.version === 1);
    assert.deepEqual(first.diagnostics.map(essence), expected(uri, text));
    // An incremental change, as editors send it: rename the container of the second Deployment.
    const line = text.split('\n').indexOf('        - name: web');
    await c.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 19 }, end: { line, character: 19 } }, text: '-2' }],
    });
    const second = await c.waitForPublish(uri, (p) => p.version === 2);
    const edited = text.replace('        - name: web', '        - name: web-2');
    assert.deepEqual(second.diagnostics.map(essence), expected(uri, edited));
    const bStart = 12;
    const bEnd = 24;
    const others = (ds: readonly Diagnostic[]): string[] => [...inLines(ds, 0, bStart), ...inLines(ds, bEnd, 1000)].map(essence);
    assert.ok(others(first.diagnostics).length >= 4, "the other documents have diagnostics to compare");
    assert.deepEqual(others(second.diagnostics), others(first.diagnostics));
    assert.ok(second.diagnostics.some((d) => String(d.message).includes('"web-2"')), 'the edited document was linted again');
    assert.ok(second.diagnostics.every((d) => (d.data as { version: number }).version === 2));
  });

  it('a bollwerk-ignore-file comment added to one document suppresses the rule in all of them', async () => {
    const uri = 'file:///w/incremental/ignore.yaml';
    const text = manifest(A, B, service);
    c.open(uri, text);
    const first = await c.waitForPublish(uri, (p) => p.version === 1);
    assert.equal(first.diagnostics.filter((d) => rulesOf(d).includes('k8s/image-latest-tag')).length, 2);
    const ignored = manifest(A, B, `${service}\n# bollwerk-ignore-file k8s/image-latest-tag`);
    c.change(uri, 2, ignored);
    const second = await c.waitForPublish(uri, (p) => p.version === 2);
    assert.deepEqual(second.diagnostics.filter((d) => rulesOf(d).includes('k8s/image-latest-tag')), []);
    assert.deepEqual(second.diagnostics.map(essence), expected(uri, ignored));
    c.change(uri, 3, text);
    const third = await c.waitForPublish(uri, (p) => p.version === 3);
    assert.equal(third.diagnostics.filter((d) => rulesOf(d).includes('k8s/image-latest-tag')).length, 2, 'removing the comment brings the findings back');
  });

  it('moving documents shifts their ranges and fixes', async () => {
    const uri = 'file:///w/incremental/move.yaml';
    const text = manifest(A, B, service);
    c.open(uri, text);
    const first = await c.waitForPublish(uri, (p) => p.version === 1);
    const moved = manifest(service, B, A);
    c.change(uri, 2, moved);
    const second = await c.waitForPublish(uri, (p) => p.version === 2);
    assert.deepEqual(second.diagnostics.map(essence), expected(uri, moved));
    // The Service moved from line 24 to line 0, the first Deployment from line 0 to line 21.
    const port = (ds: readonly Diagnostic[]) => ds.find((d) => rulesOf(d).includes('k8s/service-exposes-sensitive-port'))!.range;
    assert.deepEqual(port(first.diagnostics), { start: { line: 32, character: 12 }, end: { line: 32, character: 16 } });
    assert.deepEqual(port(second.diagnostics), { start: { line: 8, character: 12 }, end: { line: 8, character: 16 } });
    const fixOf = (ds: readonly Diagnostic[]) => (ds.find((d) => rulesOf(d).includes('k8s/allow-privilege-escalation') && (typeof d.message === 'string' ? d.message : d.message.value).includes('"api"'))!.data as { fix: { edits: { range: { start: { line: number } } }[] } }).fix.edits[0]!.range.start.line;
    assert.equal(fixOf(second.diagnostics) - fixOf(first.diagnostics), 21);
  });
});
