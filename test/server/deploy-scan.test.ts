// The server's workspace scan runs the chart and kustomize passes of `bollwerk scan`: on a folder
// with a Helm chart, a kustomization tree and a plain manifest, the server's workspace diagnostics
// and checklist hold the same findings, at the same places, as the CLI's JSON report.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintWorkspaceFacts } from '../../shared/src/lint';
import type { ChecklistFindingsResult, ChecklistResponse, ScanWorkspaceResult } from '../../shared/src/protocol';
import { rulesOf } from '../../server/src/diagnostic-groups';
import { ScanCache, scanFolder } from '../../server/src/workspace-scan';
import { unpackReport } from '../../host/src/workspace/packed-report';
import { runMain } from '../cli/helpers';
import { buildServer, ROOT, startServer, type TestClient } from './lsp-client';

interface JsonResult {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "nginx:1.25", securityContext: {privileged: true}}]\n';

/** `rule file:line:col-endLine:endCol` (1-based, as the CLI prints) of each CLI result. */
async function cliPlaces(dir: string): Promise<string[]> {
  const run = await runMain(['scan', '.', '--format', 'json'], { cwd: dir });
  const results = (JSON.parse(run.stdout) as { results: JsonResult[] }).results;
  return results.map((r) => `${r.ruleId} ${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn}`).sort();
}

const place = (folder: string, uri: string, ruleId: string, range: Diagnostic['range']): string =>
  `${ruleId} ${uri.slice(folder.length + 1)}:${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;

describe('workspace scan in the server: charts and kustomizations as in bollwerk scan', () => {
  let dir = '';
  let folder = '';
  let cli: string[] = [];
  before(async () => {
    buildServer(); // dist/scan-worker.js
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-deploy-scan-'));
    folder = URI.file(dir).toString();
    cpSync(join(ROOT, 'test/fixtures/helm/web'), join(dir, 'charts/web'), { recursive: true });
    cpSync(join(ROOT, 'test/fixtures/helm/broken'), join(dir, 'charts/broken'), { recursive: true });
    cpSync(join(ROOT, 'test/fixtures/kustomize/app'), join(dir, 'deploy'), { recursive: true });
    writeFileSync(join(dir, 'pod.yaml'), POD);
    cli = await cliPlaces(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the CLI reports at values, template, patch and base lines (the fixture covers every pass)', () => {
    const files = new Set(cli.map((p) => p.split(' ')[1]!.split(':')[0]));
    for (const f of ['charts/web/values.yaml', 'charts/web/templates/deployment.yaml', 'charts/broken/templates/pod.yaml', 'deploy/base/deployment.yaml', 'pod.yaml']) assert.ok(files.has(f), `${f} in ${[...files].join(', ')}`);
    assert.ok(cli.some((p) => p.startsWith('helm/render-error charts/broken/templates/pod.yaml:4:')), cli.join('\n'));
  });

  it('scanFolder and the workspace rules over its reports give the CLI’s results, place for place', async () => {
    const reports = (await scanFolder(folder, DEFAULT_CONFIG, () => undefined))!.map(unpackReport);
    const results = [...reports.flatMap((r) => r.results), ...lintWorkspaceFacts(reports.flatMap((r) => r.workspace ?? []), { config: DEFAULT_CONFIG })];
    const server = results.map((x) => place(folder, x.uri, x.ruleId, x.range)).sort();
    assert.deepEqual(server, cli);
  });

  it('on the scan worker the kustomizations are built and the charts rendered there, with the same reports', async () => {
    const logs: string[] = [];
    const options = { cancelled: () => false, workerScript: join(ROOT, 'dist', 'scan-worker.js') };
    const inThread = (await scanFolder(folder, DEFAULT_CONFIG, (m) => logs.push(m), new ScanCache(), { ...options, threads: 0 }))!.map(unpackReport);
    assert.ok(logs.some((l) => l.includes("rendering the charts") && l.includes("in the server's thread")), logs.join('\n'));
    logs.length = 0;
    const cache = new ScanCache();
    const onWorker = (await scanFolder(folder, DEFAULT_CONFIG, (m) => logs.push(m), cache, { ...options, threads: 1 }))!.map(unpackReport);
    assert.deepEqual(logs.filter((l) => l.includes("server's thread")), [], logs.join('\n'));
    assert.deepEqual(onWorker, inThread);
    assert.ok(onWorker.some((r) => r.results.some((x) => x.uri.endsWith('/charts/web/values.yaml'))), 'chart findings on the values file');
    assert.ok(onWorker.some((r) => r.results.some((x) => x.uri.endsWith('/deploy/base/deployment.yaml'))), 'unit findings on the base');
    // a scan that reuses every file's report still has the worker build and render
    const again = (await scanFolder(folder, DEFAULT_CONFIG, (m) => logs.push(m), cache, { ...options, threads: 1 }))!.map(unpackReport);
    assert.ok(cache.reused > 0);
    assert.deepEqual(logs.filter((l) => l.includes("server's thread")), []);
    assert.deepEqual(again, onWorker);
  });

  /** The places of every finding the checklist counts, each item's findings read page by page. */
  async function checklistFindings(client: TestClient): Promise<string[]> {
    const checklist = await client.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', {});
    const out: string[] = [];
    for (const item of checklist.items.filter((i) => i.findingCount > 0)) {
      let cursor: string | undefined;
      do {
        const page: ChecklistFindingsResult = await client.connection.sendRequest('bollwerk/checklistFindings', { itemId: item.id, limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
        for (const f of page.findings) out.push(place(folder, f.uri, f.ruleId, f.range));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    }
    return out;
  }

  describe('over the protocol', () => {
    let client: TestClient;
    before(async () => {
      client = startServer();
      await client.initialize({ pull: true, folders: [folder] });
    });
    after(() => client.stop());

    it('bollwerk/scanWorkspace counts, workspace/diagnostic shows and the checklist lists the CLI’s findings', async () => {
      const scan = await client.connection.sendRequest<ScanWorkspaceResult>('bollwerk/scanWorkspace', {});
      assert.equal(scan.findings, cli.length);
      const report = await client.connection.sendRequest<{ items: { uri: string; items?: Diagnostic[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
      const shown = report.items.flatMap((i) => (i.items ?? []).flatMap((d) => rulesOf(d).filter((r) => !r.startsWith('bollwerk/')).map((r) => place(folder, i.uri, r, d.range)))).sort();
      assert.deepEqual(shown, cli);
      const listed = new Set(await checklistFindings(client));
      // every finding that counts against a checklist item is one of the CLI's
      for (const p of listed) assert.ok(cli.includes(p), `${p} is not among the CLI's findings`);
      assert.ok([...listed].some((p) => p.includes(' charts/web/values.yaml:')), 'the checklist counts the chart’s values findings');
      assert.ok([...listed].some((p) => p.includes(' deploy/base/deployment.yaml:')), 'the checklist counts the overlay findings on the base');
    });

    it('the checklist follows unsaved edits of a chart’s values and an overlay’s patch', async () => {
      const listed = async (): Promise<string[]> => [...new Set(await checklistFindings(client))];
      const before = await listed();
      assert.ok(before.includes('k8s/privileged charts/web/values.yaml:5:3-5:13'), before.join('\n'));
      assert.ok(before.includes('k8s/privileged deploy/overlays/dev/debug.yaml:11:25-11:29'), before.join('\n'));
      const values = URI.file(join(dir, 'charts/web/values.yaml')).toString();
      const debug = URI.file(join(dir, 'deploy/overlays/dev/debug.yaml')).toString();
      client.open(values, readFileSync(join(dir, 'charts/web/values.yaml'), 'utf8'));
      client.change(values, 2, readFileSync(join(dir, 'charts/web/values.yaml'), 'utf8').replace('privileged: true', 'privileged: false'));
      client.open(debug, readFileSync(join(dir, 'deploy/overlays/dev/debug.yaml'), 'utf8'));
      client.change(debug, 2, readFileSync(join(dir, 'deploy/overlays/dev/debug.yaml'), 'utf8').replace('privileged: true', 'privileged: false'));
      const after = await listed();
      assert.ok(!after.some((p) => p.startsWith('k8s/privileged charts/web/values.yaml')), after.join('\n'));
      assert.ok(!after.some((p) => p.startsWith('k8s/privileged deploy/overlays/dev/debug.yaml')), after.join('\n'));
      assert.ok(after.includes('k8s/host-namespaces charts/web/templates/deployment.yaml:8:20-8:24'), 'the other chart findings stay');
    });
  });
});
