// The checklist protocol and the workspace scan at scale, over stdio as an editor uses them: a
// counts-only checklist, an item's findings a page at a time, the scan's work-done progress and its
// cancellation, result ids of workspace pull diagnostics, and a file changed after the scan.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, WorkDoneProgress, WorkspaceDiagnosticRequest, type WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { rulesByItem } from '../../shared/src/checklist/status';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { scanWorkspace } from '../../host/src/workspace/index';
import { compareFindings } from '../../server/src/checklist';
import type { ChecklistFinding, ChecklistFindingsResult, ChecklistResponse, ScanWorkspaceResult } from '../../shared/src/protocol';
import type { Result } from '../../shared/src/types';
import { startServer, type TestClient } from './lsp-client';

/** Services of a repository: a Dockerfile with ADD (dockerfile/prefer-copy) and a privileged Pod each. */
const SERVICES = 130;
/** The files a scan lints: the services' and the CI workflow. */
const FILES = 2 * SERVICES + 1;

function makeRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bollwerk-checklist-protocol-'));
  for (let i = 0; i < SERVICES; i++) {
    const svc = join(dir, `svc${String(i).padStart(3, '0')}`);
    mkdirSync(svc);
    writeFileSync(join(svc, 'Dockerfile'), `FROM alpine:3.20\nADD app${i}.txt /app/\nUSER app\n`);
    writeFileSync(join(svc, 'deploy.yaml'), `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers: [{name: c, image: "nginx:1.25", securityContext: {privileged: true}}]\n`);
  }
  // evidence of an image scan (CL-1.3.1)
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), 'on: push\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aquasecurity/trivy-action@0.28.0\n');
  return dir;
}

/** What a finding is, as a string that pages and the CLI's results can be compared by. */
const key = (f: Pick<ChecklistFinding, 'uri' | 'range' | 'ruleId'>): string => `${f.uri}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}|${f.ruleId}`;

interface ProgressValue {
  readonly kind: 'begin' | 'report' | 'end';
  readonly title?: string;
  readonly cancellable?: boolean;
  readonly percentage?: number;
  readonly message?: string;
}

/**
 * Records the progress a client sees: the tokens the server creates (`window/workDoneProgress/create`)
 * and the `$/progress` values of those and of `watch`ed tokens; `onValue` sees each value as it comes.
 */
function recordProgress(c: TestClient, onValue: (token: string | number, value: ProgressValue) => void = () => undefined) {
  const created: (string | number)[] = [];
  const values = new Map<string | number, ProgressValue[]>();
  const watch = (token: string | number): void => {
    values.set(token, []);
    c.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      values.get(token)!.push(value as ProgressValue);
      onValue(token, value as ProgressValue);
    });
  };
  c.connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
    created.push(p.token);
    watch(p.token);
    return null;
  });
  return { created, values, watch };
}

describe('checklist protocol: counts, pages of findings, progress, cancel, result ids', () => {
  let dir = '';
  let folder = '';
  let c: TestClient;
  let progress: ReturnType<typeof recordProgress>;
  let scan: ScanWorkspaceResult;
  let checklist: ChecklistResponse;
  before(async () => {
    dir = makeRepository();
    folder = URI.file(dir).toString();
    c = startServer();
    progress = recordProgress(c);
    await c.initialize({ pull: true, folders: [folder], workDoneProgress: true });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scans in the background with cancellable work-done progress from begin to end', async () => {
    scan = await c.connection.sendRequest<ScanWorkspaceResult>('bollwerk/scanWorkspace', {});
    assert.equal(scan.files, FILES);
    assert.equal(scan.cancelled, undefined);
    assert.equal(progress.created.length, 1, 'the server creates one progress for the scan');
    const values = progress.values.get(progress.created[0]!) ?? [];
    assert.equal(values[0]?.kind, 'begin');
    assert.equal(values[0]?.cancellable, true);
    assert.match(values[0]?.title ?? '', /scanning the workspace/);
    assert.equal(values.at(-1)?.kind, 'end');
    const reports = values.filter((v) => v.kind === 'report');
    assert.ok(reports.length >= 1, 'at least one report');
    assert.equal(reports.at(-1)?.percentage, 100);
    assert.equal(reports.at(-1)?.message, `${FILES} of ${FILES} files`);
    assert.ok(reports.every((r, i) => i === 0 || r.percentage! >= reports[i - 1]!.percentage!), 'the percentage only grows');
  });

  it('answers the checklist with states and counts only, in a few KB', async () => {
    checklist = await c.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', {});
    const bytes = Buffer.byteLength(JSON.stringify(checklist));
    assert.ok(bytes < 64 * 1024, `${bytes} bytes`);
    assert.ok(checklist.items.every((i) => !('findings' in i) && !('item' in i)));
    assert.equal(checklist.scannedFiles, FILES);
    assert.ok(checklist.resultId.length > 0);
    const copy = checklist.items.find((i) => i.id === 'CSVS-3.11')!;
    assert.equal(copy.state, 'failed');
    assert.ok(copy.findingCount >= SERVICES, `${copy.findingCount} findings`);
    const scanned = checklist.items.find((i) => i.id === 'CL-1.3.1')!;
    assert.deepEqual(scanned.evidence?.map((e) => [e.path, e.line]), [['.github/workflows/ci.yml', 6]], 'the evidence is read');
    assert.deepEqual(c.logs.filter((l) => l.startsWith('evidence:')), [], 'on a worker thread');
    const again = await c.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', {});
    assert.deepEqual(again, checklist, 'nothing changed: the same answer');
  });

  it('pages an item\'s findings: all pages together are its findings, once each, in a stable order', async () => {
    const cli = scanWorkspace([dir], DEFAULT_CONFIG);
    const all: Result[] = [...cli.reports.flatMap((r) => r.results), ...cli.workspaceResults];
    for (const itemId of ['CSVS-3.11', ...checklist.items.filter((i) => i.findingCount > 0 && i.id !== 'CSVS-3.11').slice(0, 2).map((i) => i.id)]) {
      const status = checklist.items.find((i) => i.id === itemId)!;
      const active = new Set(status.activeRules);
      const expected = all.filter((r) => active.has(r.ruleId)).sort(compareFindings).map(key);
      const pages: ChecklistFindingsResult[] = [];
      let cursor: string | undefined;
      do {
        const page: ChecklistFindingsResult = await c.connection.sendRequest('bollwerk/checklistFindings', { itemId, limit: 50, ...(cursor === undefined ? {} : { cursor }) });
        pages.push(page);
        cursor = page.nextCursor;
      } while (cursor !== undefined && pages.length < 100);
      const got = pages.flatMap((p) => p.findings.map(key));
      assert.equal(got.length, status.findingCount, itemId);
      assert.deepEqual(got, expected, `${itemId}: the pages hold the item's findings in the page order`);
      assert.ok(pages.every((p) => p.total === status.findingCount && p.resultId === checklist.resultId && p.itemId === itemId));
      assert.ok(pages.slice(0, -1).every((p) => p.findings.length === 50), 'every page but the last is full');
      const again = await c.connection.sendRequest<ChecklistFindingsResult>('bollwerk/checklistFindings', { itemId, limit: 50 });
      assert.deepEqual(again, pages[0], 'the same first page again');
    }
    const passed = checklist.items.find((i) => i.state === 'passed')!;
    const empty = await c.connection.sendRequest<ChecklistFindingsResult>('bollwerk/checklistFindings', { itemId: passed.id });
    assert.deepEqual([empty.findings, empty.total, empty.nextCursor], [[], 0, undefined]);
  });

  it('refuses an unknown item, a bad cursor and a bad limit with a clear message', async () => {
    const refused = (params: unknown): Promise<unknown> => c.connection.sendRequest('bollwerk/checklistFindings', params);
    await assert.rejects(refused({ itemId: 'NO-SUCH-ITEM' }), /unknown checklist item "NO-SUCH-ITEM"/);
    await assert.rejects(refused({ itemId: 'CSVS-3.11', cursor: 'abc' }), /invalid cursor "abc"/);
    await assert.rejects(refused({ itemId: 'CSVS-3.11', limit: 0 }), /limit must be an integer from 1 to 1000/);
    await assert.rejects(refused({ itemId: 'CSVS-3.11', limit: 1001 }), /limit must be an integer from 1 to 1000/);
    assert.ok(c.alive());
  });

  it('sends unchanged workspace diagnostics as `unchanged` on the next pull, in partial results', async () => {
    const pull = async (previousResultIds: { uri: string; value: string }[]): Promise<WorkspaceDiagnosticReport['items']> => {
      const token = `pull-${previousResultIds.length}`;
      const items: WorkspaceDiagnosticReport['items'] = [];
      const sub = c.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (chunk) => void items.push(...chunk.items));
      const last = await c.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds, partialResultToken: token });
      sub.dispose();
      // every report went out as a partial result, none held for the answer
      assert.deepEqual([items.length, last.items.length], [FILES, 0]);
      return [...items, ...last.items];
    };
    const first = await pull([]);
    assert.equal(first.length, FILES);
    assert.ok(first.every((i) => i.kind === 'full' && i.resultId), 'every file in full, with a result id');
    const second = await pull(first.map((i) => ({ uri: i.uri, value: i.resultId! })));
    assert.equal(second.length, FILES);
    assert.ok(second.every((i) => i.kind === 'unchanged'), 'nothing changed: every report unchanged');

    // a file changed on disk after the scan: only it is linted again and sent in full
    const changed = URI.file(join(dir, 'svc000', 'deploy.yaml')).toString();
    writeFileSync(join(dir, 'svc000', 'deploy.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p0}\nspec:\n  containers: [{name: c, image: "nginx:1.25"}]\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: changed, type: 2 }] });
    let third: WorkspaceDiagnosticReport['items'] = [];
    for (let i = 0; i < 50; i++) {
      third = await pull(first.map((x) => ({ uri: x.uri, value: x.resultId! })));
      if (third.some((x) => x.kind === 'full')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(third.filter((x) => x.kind === 'full').map((x) => x.uri), [changed], 'only the changed file comes in full');
    const report = third.find((x) => x.uri === changed)!;
    assert.ok(report.kind === 'full' && !report.items.some((d) => d.code === 'k8s/privileged'), 'its privileged finding is gone');

    // a new file waits for the next scan (it may be ignored by .gitignore or ignorePaths)
    writeFileSync(join(dir, 'svc001', 'new.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: n}\nspec:\n  containers: [{name: c, image: "nginx:1.25"}]\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(join(dir, 'svc001', 'new.yaml')).toString(), type: 1 }] });
    const fourth = await pull(third.map((x) => ({ uri: x.uri, value: x.resultId! })));
    assert.deepEqual([fourth.length, fourth.filter((x) => x.kind === 'full').length], [FILES, 0], 'the new file is not reported before a scan');

    const after = await c.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', {});
    assert.notEqual(after.resultId, checklist.resultId, 'the checklist answer changed');
    const privileged = new Set([...rulesByItem()].filter(([, rules]) => rules.some((r) => r.id === 'k8s/privileged')).map(([id]) => id));
    for (const item of after.items.filter((i) => privileged.has(i.id) && i.activeRules.includes('k8s/privileged'))) {
      const before = checklist.items.find((i) => i.id === item.id)!;
      assert.equal(item.findingCount, before.findingCount - 1, `${item.id} counts one finding less`);
    }
  });
});

describe('checklist evidence after files change on disk', () => {
  it('a workflow written after the scan is evidence for CL-1.3.1 once the watcher reports it, and no longer once it is deleted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bollwerk-evidence-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
    const c = startServer();
    try {
      await c.initialize({ pull: true, folders: [URI.file(dir).toString()] });
      await c.connection.sendRequest<ScanWorkspaceResult>('bollwerk/scanWorkspace', {});
      const item = async (): Promise<ChecklistResponse['items'][number]> => (await c.connection.sendRequest<ChecklistResponse>('bollwerk/checklist', {})).items.find((i) => i.id === 'CL-1.3.1')!;
      const places = async (): Promise<string[]> => ((await item()).evidence ?? []).map((e) => `${e.path}:${e.line}`);
      assert.deepEqual(await places(), []);
      const workflow = join(dir, '.github', 'workflows', 'release.yml');
      mkdirSync(dirname(workflow), { recursive: true });
      writeFileSync(workflow, 'on: push\npermissions:\n  contents: read\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aquasecurity/trivy-action@0.28.0\n        with:\n          image-ref: ghcr.io/acme/app:1.0\n          exit-code: "1"\n          severity: CRITICAL,HIGH\n');
      await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(workflow).toString(), type: 1 }] });
      assert.equal((await item()).state, 'passed');
      assert.deepEqual(await places(), ['.github/workflows/release.yml:8']);
      rmSync(join(dir, '.github'), { recursive: true, force: true });
      await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(workflow).toString(), type: 3 }] });
      assert.deepEqual(await places(), []);
    } finally {
      await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workspace scan: cancellation', () => {
  let dir = '';
  before(() => {
    dir = makeRepository();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stops when its progress is cancelled (window/workDoneProgress/cancel), keeping no partial results', async () => {
    const c = startServer();
    try {
      // the first scan's progress is cancelled as soon as it begins
      const progress = recordProgress(c, (token, value) => {
        if (token === progress.created[0] && value.kind === 'begin') void c.connection.sendNotification('window/workDoneProgress/cancel', { token });
      });
      await c.initialize({ pull: true, folders: [URI.file(dir).toString()], workDoneProgress: true });
      const result = await c.connection.sendRequest<ScanWorkspaceResult>('bollwerk/scanWorkspace', {});
      assert.equal(result.cancelled, true);
      assert.equal(result.files, 0);
      assert.equal(progress.values.get(progress.created[0]!)?.at(-1)?.kind, 'end', 'the progress ends');
      const pulled = await c.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
      assert.deepEqual(pulled.items, [], 'no workspace diagnostics from a cancelled scan');
      const again = await c.connection.sendRequest<ScanWorkspaceResult>('bollwerk/scanWorkspace', {});
      assert.deepEqual([again.files, again.cancelled], [FILES, undefined], 'a later scan runs to its end');
    } finally {
      await c.stop();
    }
  });

  it('stops when the request is cancelled ($/cancelRequest), reporting on the client\'s work-done token', async () => {
    const c = startServer();
    try {
      const source = new CancellationTokenSource();
      const progress = recordProgress(c, (token, value) => {
        if (token === 'scan-1' && value.kind === 'begin') source.cancel();
      });
      progress.watch('scan-1');
      await c.initialize({ pull: true, folders: [URI.file(dir).toString()] });
      const result = await c.connection.sendRequest<ScanWorkspaceResult>('bollwerk/scanWorkspace', { workDoneToken: 'scan-1' }, source.token).catch((e: Error) => e);
      // the server answers a cancelled request with its result (`cancelled`) or the RequestCancelled error
      if (result instanceof Error) assert.match(result.message, /cancel/i);
      else assert.equal(result.cancelled, true);
      assert.deepEqual(progress.created, [], 'the client gave the token: the server creates none');
      const values = progress.values.get('scan-1') ?? [];
      assert.deepEqual([values[0]?.kind, values.at(-1)?.kind], ['begin', 'end']);
      const pulled = await c.connection.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
      assert.deepEqual(pulled.items, []);
    } finally {
      await c.stop();
    }
  });
});
