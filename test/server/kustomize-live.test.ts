// Kustomizations in the editor over stdio: a base opened gets the findings of the overlays' builds
// at the places `bollwerk scan` reports them; an unsaved edit of an overlay's patch builds the
// units again and the base's diagnostics follow; a patch is not linted as a whole object; a file
// of the builds that is not open gets its findings published too.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { rulesOf } from '../../server/src/diagnostic-groups';
import { runMain } from '../cli/helpers';
import { ROOT, startServer, type TestClient } from './lsp-client';

/** `rule line:col-endLine:endCol` (1-based, as the CLI prints) of every rule a diagnostic stands for. */
const places = (ds: readonly Diagnostic[]): string[] =>
  ds.flatMap((d) => rulesOf(d).map((r) => `${r} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`)).sort();
/** The message of the diagnostic that stands for `rule` (a grouped one lists every rule's message). */
const messageOf = (p: PublishDiagnosticsParams, rule: string): string => String(p.diagnostics.find((d) => rulesOf(d).includes(rule))?.message ?? '');

describe('kustomizations live in the editor (push)', () => {
  let dir = '';
  let c: TestClient;
  const uri = (rel: string): string => URI.file(join(dir, rel)).toString();
  const text = (rel: string): string => readFileSync(join(dir, rel), 'utf8');
  let cli: { ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number }[] = [];
  const cliPlaces = (file: string): string[] =>
    cli.filter((r) => r.file === file && !r.ruleId.startsWith('k8s/network-policy')).map((r) => `${r.ruleId} ${r.line}:${r.column}-${r.endLine}:${r.endColumn}`).sort();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-kustomize-live-'));
    cpSync(join(ROOT, 'test/fixtures/kustomize/app'), dir, { recursive: true });
    cli = (JSON.parse((await runMain(['scan', '.', '--format', 'json'], { cwd: dir })).stdout) as { results: typeof cli }).results;
    c = startServer();
    await c.initialize({ pull: false, folders: [URI.file(dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an opened base gets the builds’ findings where bollwerk scan reports them; a component not open gets its own', async () => {
    c.open(uri('base/deployment.yaml'), text('base/deployment.yaml'));
    const base = await c.waitForPublish(uri('base/deployment.yaml'), (p) => p.version === 1);
    assert.deepEqual(places(base.diagnostics), cliPlaces('base/deployment.yaml'));
    assert.match(messageOf(base, 'k8s/image-latest-tag'), /\(in \/overlays\/dev, \/overlays\/prod\)/);
    const probe = await c.waitForPublish(uri('components/probe/probe.yaml'));
    assert.deepEqual(places(probe.diagnostics), cliPlaces('components/probe/probe.yaml'));
    assert.ok(places(probe.diagnostics).some((p) => p.startsWith('k8s/host-namespaces 8:')), places(probe.diagnostics).join('\n'));
  });

  it('a patch is linted as part of its overlay, not as a whole object', async () => {
    c.open(uri('overlays/dev/debug.yaml'), text('overlays/dev/debug.yaml'));
    const patch = await c.waitForPublish(uri('overlays/dev/debug.yaml'), (p) => p.version === 1);
    assert.deepEqual(places(patch.diagnostics), cliPlaces('overlays/dev/debug.yaml'));
    assert.deepEqual(places(patch.diagnostics), ['k8s/privileged 11:25-11:29']);
  });

  it('an unsaved edit of an overlay’s patch builds again: the base’s diagnostics follow', async () => {
    const secure = 'overlays/prod/secure.yaml';
    c.open(uri(secure), text(secure));
    await c.waitForPublish(uri(secure), (p) => p.version === 1);
    const before = c.published.length;
    // prod pins the image and no longer forbids privilege escalation
    c.change(uri(secure), 2, text(secure).replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true').replace('- name: web\n', '- name: web\n          image: nginx:1.27\n'));
    const base = await c.waitForPublish(uri('base/deployment.yaml'), (p) => c.published.indexOf(p) >= before);
    assert.match(messageOf(base, 'k8s/image-latest-tag'), /\(in \/overlays\/dev; fixed in \/overlays\/prod\)/);
    assert.equal(readFileSync(join(dir, secure), 'utf8'), text(secure), 'the disk was not written');
    const prod = await c.waitForPublish(uri(secure), (p) => p.version === 2);
    assert.ok(places(prod.diagnostics).some((p) => p.startsWith('k8s/allow-privilege-escalation ')), places(prod.diagnostics).join('\n'));
  });

  it('an edit of the dev patch removes its finding, and closing it builds from disk again', async () => {
    const debug = 'overlays/dev/debug.yaml';
    c.change(uri(debug), 2, text(debug).replace('privileged: true', 'privileged: false'));
    await c.waitForPublish(uri(debug), (p) => p.version === 2 && p.diagnostics.length === 0);
    const before = c.published.length;
    await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(debug) } });
    const closed = await c.waitForPublish(uri(debug), (p) => c.published.indexOf(p) >= before && p.version === undefined);
    assert.deepEqual(places(closed.diagnostics), ['k8s/privileged 11:25-11:29']);
  });
});
