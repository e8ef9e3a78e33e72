import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DOCKERFILE, DOCKERFILE_URI, rangesOf } from './fixtures';
import { startServer, type TestClient } from './lsp-client';
import { rulesOf } from '../../server/src/diagnostic-groups';

/** A multi-document manifest of about `bytes` bytes. */
function bigManifest(bytes: number): string {
  const doc = (i: number): string =>
    `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.${i}\n          env:\n            - name: X\n              value: "${'x'.repeat(200)}"\n`;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const d = doc(i);
    parts.push(d);
    size += d.length;
  }
  return parts.join('');
}

describe('malformed input never kills the server', () => {
  let c: TestClient;
  before(async () => {
    c = startServer();
    await c.initialize({ pull: false });
  });
  after(() => c.stop());

  const stillServes = async (): Promise<void> => {
    const uri = `file:///w/alive-${c.published.length}/Dockerfile`;
    c.open(uri, DOCKERFILE);
    const p = await c.waitForPublish(uri);
    assert.equal(rangesOf(p.diagnostics, 'dockerfile/prefer-copy').length, 2);
    assert.ok(c.alive());
  };

  it('binary content in a YAML and a Dockerfile', async () => {
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    c.open('file:///w/bin/manifest.yaml', `apiVersion: v1\nkind: Pod\n${bytes}`);
    c.open('file:///w/bin/Dockerfile', `FROM alpine\n${bytes}`);
    const y = await c.waitForPublish('file:///w/bin/manifest.yaml');
    assert.deepEqual(y.diagnostics.map((d) => [d.code, d.severity, d.message]), [['bollwerk/not-checked', 2, 'Not (fully) checked: skipped: binary content (NUL bytes)']], 'binary content is skipped with a warning');
    await c.waitForPublish('file:///w/bin/Dockerfile');
    await stillServes();
  });

  it('broken YAML gives parse-error diagnostics, not a crash', async () => {
    const uri = 'file:///w/broken/pod.yaml';
    c.open(uri, 'apiVersion: v1\nkind: Pod\nspec: [unclosed\n  - : :\n  "\n\t\tbad: {a: [\n*alias\n&anchor\n');
    const p = await c.waitForPublish(uri);
    assert.ok(p.diagnostics.some((d) => rulesOf(d).includes('bollwerk/parse-error')), JSON.stringify(p.diagnostics));
    for (const text of ['', '---\n---\n', 'apiVersion: v1\nkind: [Pod]\nspec: 3\n', 'a: &a [*a, *a]\nb: *a\napiVersion: v1\nkind: Pod\n', 'kind: Pod\napiVersion: v1\nspec:\n  containers: {a: 1}\n', '- apiVersion: v1\n  kind: List\n']) {
      c.change(uri, p.version! + 1, text);
      await c.waitForPublish(uri, (q) => q.version === p.version! + 1, 10000);
      p.version = p.version! + 1;
    }
    await stillServes();
  });

  it('a 5 MB manifest is linted and the server keeps answering', async () => {
    const text = bigManifest(5 * 1024 * 1024);
    assert.ok(text.length >= 5 * 1024 * 1024);
    const uri = 'file:///w/big/all.yaml';
    c.open(uri, text);
    const p = await c.waitForPublish(uri, () => true, 60000);
    assert.equal(p.diagnostics.filter((d) => rulesOf(d).includes('k8s/read-only-root-filesystem')).length, 1000, 'the engine checks the first 1000 documents');
    const partly = p.diagnostics.filter((d) => rulesOf(d).includes('bollwerk/not-checked'));
    assert.deepEqual(partly.map((d) => d.severity), [2], 'partly checked is a warning, shown once');
    assert.match(String(partly[0]?.message), /only the first 1000/);
    assert.equal(p.diagnostics.filter((d) => rulesOf(d).includes('bollwerk/too-many-documents')).length, 0, 'the note is not shown besides the finding');
    c.change(uri, 2, text.replace('nginx:1.0', 'nginx:1.00'));
    await c.waitForPublish(uri, (q) => q.version === 2, 60000);
    await stillServes();
  });

  it('odd notifications: unknown documents, ranges outside the text, untitled buffers', async () => {
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never/opened.yaml', version: 3 }, contentChanges: [{ text: 'x' }] });
    const uri = 'file:///w/odd/Dockerfile';
    c.open(uri, DOCKERFILE);
    await c.waitForPublish(uri);
    await c.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 999, character: 5 }, end: { line: -3, character: 999 } }, text: 'ADD z.txt /z\n' }],
    });
    await c.waitForPublish(uri, (p) => p.version === 2);
    const untitled = 'untitled:Untitled-1';
    c.open(untitled, DOCKERFILE, 'dockerfile');
    const u = await c.waitForPublish(untitled);
    assert.equal(rangesOf(u.diagnostics, 'dockerfile/prefer-copy').length, 2, 'the language id decides when the name cannot');
    await stillServes();
  });

  it('odd requests are answered with empty results', async () => {
    const unknown = { textDocument: { uri: 'file:///nowhere/x.yaml' }, position: { line: 99, character: 99 } };
    assert.equal(await c.connection.sendRequest('textDocument/hover', unknown), null);
    assert.deepEqual(await c.connection.sendRequest('textDocument/codeAction', { ...unknown, range: { start: unknown.position, end: unknown.position }, context: { diagnostics: [] } }), []);
    c.open(DOCKERFILE_URI, DOCKERFILE);
    await c.waitForPublish(DOCKERFILE_URI);
    const bogus = [{ range: { start: { line: 500, character: 0 }, end: { line: 500, character: 3 } }, message: 'x', source: 'bollwerk', code: 'dockerfile/prefer-copy' }];
    assert.deepEqual(await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: DOCKERFILE_URI }, range: bogus[0]!.range, context: { diagnostics: bogus, only: ['quickfix'] } }), []);
    assert.equal(await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: DOCKERFILE_URI }, position: { line: -5, character: 1e9 } }), null);
    assert.deepEqual(await c.connection.sendRequest('bollwerk/ruleDocs', { ruleId: 'no/such-rule', lang: 'xx' }), { ruleId: 'no/such-rule', markdown: '' });
    assert.deepEqual(await c.connection.sendRequest('codeAction/resolve', { title: 'x', data: { bollwerkFixAll: { uri: 'file:///gone', version: 1 } } }), { title: 'x', data: { bollwerkFixAll: { uri: 'file:///gone', version: 1 } } });
    await stillServes();
    assert.equal(c.stderr.join(''), '', 'nothing on stderr');
  });
});
