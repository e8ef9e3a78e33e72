import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ITEMS } from '../../shared/src/checklist/index';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import type { ChecklistFindingsResult, ChecklistResponse, ScanWorkspaceResult } from '../../shared/src/protocol';
import { scanWorkspace } from '../../host/src/workspace/index';
import { rangesOf } from './fixtures';
import { startServer, type TestClient } from './lsp-client';
import { rulesOf } from '../../server/src/diagnostic-groups';

const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.25\n';
const NETPOL = (app: string): string => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector:\n    matchLabels: {app: ${app}}\n  policyTypes: [Ingress]\n`;

function makeFolder(): { dir: string; uri: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'bollwerk-ws-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nADD app.txt /app/\n');
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n');
  writeFileSync(join(dir, 'deploy.yaml'), DEPLOY);
  writeFileSync(join(dir, 'netpol.yaml'), NETPOL('other'));
  writeFileSync(join(dir, 'README.md'), '# not checked\n');
  return { dir, uri: (name) => URI.file(join(dir, name)).toString() };
}

describe('workspace scan, workspace rules and the checklist (push)', () => {
  let c: TestClient;
  let f: ReturnType<typeof makeFolder>;
  before(async () => {
    f = makeFolder();
    c = startServer();
    await c.initialize({ pull: false, folders: [URI.file(f.dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(f.dir, { recursive: true, force: true });
  });

  it('scanWorkspace lints every file like the CLI and publishes workspace-rule findings', async () => {
    const r = await c.connection.sendRequest<ScanWorkspaceResult>('bollwerk/scanWorkspace', {});
    const cli = scanWorkspace([f.dir], DEFAULT_CONFIG);
    const cliFindings = cli.reports.reduce((n, x) => n + x.results.length, 0) + cli.workspaceResults.length;
    assert.deepEqual(r, { files: 4, findings: cliFindings });
    const deploy = await c.waitForPublish(f.uri('deploy.yaml'));
    assert.deepEqual(rangesOf(deploy.diagnostics, 'k8s/network-policy-coverage'), [[3, 8, 3, 11]]);
    const docker = await c.waitForPublish(f.uri('Dockerfile'));
    assert.deepEqual(rangesOf(docker.diagnostics, 'dockerfile/prefer-copy'), [[1, 0, 1, 3]]);
  });

  it('editing an open file re-runs the workspace rules for the closed files', async () => {
    const changed = new Promise<void>((resolve) => c.connection.onNotification('bollwerk/checklistChanged', () => resolve()));
    c.open(f.uri('netpol.yaml'), NETPOL('other'));
    await c.waitForPublish(f.uri('netpol.yaml'));
    const count = c.published.length;
    c.change(f.uri('netpol.yaml'), 2, NETPOL('web'));
    const deploy = await c.waitForPublish(f.uri('deploy.yaml'), (p) => c.published.indexOf(p) >= count);
    assert.deepEqual(rangesOf(deploy.diagnostics, 'k8s/network-policy-coverage'), []);
    await changed;
  });

  it('an edit that changes what the workspace rules read of the open file itself shows their new findings there', async () => {
    const uri = f.uri('deploy.yaml');
    const coverage = (p: { diagnostics: Diagnostic[] }): number => rangesOf(p.diagnostics, 'k8s/network-policy-coverage').length;
    c.open(uri, DEPLOY);
    await c.waitForPublish(uri, (p) => p.version === 1 && coverage(p) === 0);
    // the pods lose the label the NetworkPolicy selects: the workspace rules run once the typing pauses
    c.change(uri, 2, DEPLOY.replace('labels: {app: web}', 'labels: {app: api}'));
    await c.waitForPublish(uri, (p) => p.version === 2 && coverage(p) === 1);
    c.change(uri, 3, DEPLOY);
    await c.waitForPublish(uri, (p) => p.version === 3 && coverage(p) === 0);
    await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('the checklist covers every item with statuses over the scanned files', async () => {
    const r = await c.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', {});
    assert.equal(r.scannedFiles, 4);
    assert.equal(r.level, 'L2', 'the default level');
    assert.equal(r.items.length, ITEMS.length);
    assert.deepEqual(r.items.map((i) => i.id), ITEMS.map((i) => i.id), 'one status per item, in checklist order');
    const copy = r.items.find((i) => i.id === 'CSVS-3.11')!;
    assert.equal(copy.state, 'failed');
    assert.ok(!('item' in copy) && !('findings' in copy), 'counts only: no texts, no findings');
    const page = await c.connection.sendRequest<ChecklistFindingsResult>('bollwerk/checklistFindings', { itemId: 'CSVS-3.11' });
    assert.equal(page.total, copy.findingCount);
    assert.equal(page.resultId, r.resultId);
    assert.deepEqual(page.findings.filter((x) => x.ruleId === 'dockerfile/prefer-copy').map((x) => [x.uri, x.range.start.line]), [[f.uri('Dockerfile'), 1]]);
    assert.deepEqual(Object.keys(page.findings[0]!).sort(), ['message', 'range', 'ruleId', 'severity', 'uri']);
    assert.ok(r.items.some((i) => i.state === 'manual'));
    const coverage = r.items.filter((i) => i.rules.includes('k8s/network-policy-coverage'));
    assert.ok(coverage.length > 0);
    for (const i of coverage) {
      const all = await c.connection.sendRequest<ChecklistFindingsResult>('bollwerk/checklistFindings', { itemId: i.id, limit: 1000 });
      assert.ok(!all.findings.some((x) => x.ruleId === 'k8s/network-policy-coverage'), 'the edited open NetworkPolicy counts');
    }
    const folder = await c.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', { folderUri: URI.file(f.dir).toString() });
    assert.equal(folder.scannedFiles, 4);
    const elsewhere = await c.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', { folderUri: 'file:///not/a/folder' });
    assert.equal(elsewhere.scannedFiles, 0);
    assert.ok(elsewhere.items.every((i) => i.state !== 'failed'));
  });

  it('closing an edited scanned file without saving brings back the diagnostics of its saved text', async () => {
    const uri = f.uri('compose.yaml');
    c.open(uri, 'services:\n  web:\n    image: nginx:1.25\n');
    const edited = await c.waitForPublish(uri, (p) => p.version === 1);
    assert.deepEqual(rangesOf(edited.diagnostics, 'compose/privileged'), []);
    const count = c.published.length;
    await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const closed = await c.waitForPublish(uri, (p) => c.published.indexOf(p) >= count);
    assert.equal(closed.version, undefined);
    assert.deepEqual(rangesOf(closed.diagnostics, 'compose/privileged'), [[3, 4, 3, 20]]);
  });

  it('a changed .bollwerk.yaml re-lints scanned files', async () => {
    writeFileSync(join(f.dir, '.bollwerk.yaml'), 'rules:\n  dockerfile/prefer-copy: off\n');
    const count = c.published.length;
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: f.uri('.bollwerk.yaml'), type: 1 }] });
    const docker = await c.waitForPublish(f.uri('Dockerfile'), (p) => c.published.indexOf(p) >= count);
    assert.deepEqual(rangesOf(docker.diagnostics, 'dockerfile/prefer-copy'), []);
  });
});

describe('workspace diagnostics (pull) and untrusted workspaces', () => {
  it('workspace/diagnostic reports closed scanned files, unchanged on a second pull', async () => {
    const f = makeFolder();
    const c = startServer();
    try {
      await c.initialize({ pull: true, folders: [URI.file(f.dir).toString()] });
      const empty = await c.connection.sendRequest<{ items: unknown[] }>('workspace/diagnostic', { previousResultIds: [] });
      assert.deepEqual(empty.items, [], 'nothing before a scan: workspace diagnostics are on demand');
      await c.connection.sendRequest('bollwerk/scanWorkspace', {});
      const first = await c.connection.sendRequest<{ items: { uri: string; kind: string; resultId: string; items?: Diagnostic[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
      assert.deepEqual(first.items.map((i) => i.uri).sort(), ['Dockerfile', 'compose.yaml', 'deploy.yaml', 'netpol.yaml'].map(f.uri).sort());
      assert.ok(first.items.find((i) => i.uri === f.uri('deploy.yaml'))!.items!.some((d) => rulesOf(d).includes('k8s/network-policy-coverage')));
      const second = await c.connection.sendRequest<{ items: { kind: string }[] }>('workspace/diagnostic', { previousResultIds: first.items.map((i) => ({ uri: i.uri, value: i.resultId })) });
      assert.deepEqual(second.items.map((i) => i.kind), ['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    } finally {
      await c.stop();
      rmSync(f.dir, { recursive: true, force: true });
    }
  });

  for (const trusted of [true, false]) {
    it(`${trusted ? 'trusted' : 'untrusted'}: .bollwerk.yaml ${trusted ? 'applies fully' : 'applies only level, rules and lang'}`, async () => {
      const f = makeFolder();
      writeFileSync(join(f.dir, '.bollwerk.yaml'), 'trustedRegistries: [registry.example.com]\nrules:\n  compose/privileged: off\n');
      const c = startServer();
      try {
        await c.initialize({ pull: false, trusted, folders: [URI.file(f.dir).toString()] });
        c.open(f.uri('Dockerfile'), 'FROM alpine:3.20\n');
        c.open(f.uri('compose.yaml'), 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n');
        const docker = await c.waitForPublish(f.uri('Dockerfile'));
        const compose = await c.waitForPublish(f.uri('compose.yaml'));
        assert.deepEqual(rangesOf(compose.diagnostics, 'compose/privileged'), [], 'rules apply in both');
        assert.deepEqual(rangesOf(docker.diagnostics, 'dockerfile/trusted-registry').length, trusted ? 1 : 0);
      } finally {
        await c.stop();
        rmSync(f.dir, { recursive: true, force: true });
      }
    });
  }
});
