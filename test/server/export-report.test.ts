import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import {
  EDIT_CONFIG_REQUEST,
  EXPORT_REPORT_REQUEST,
  type EditConfigParams,
  type EditConfigResult,
  type ExportReportParams,
  type ExportReportResult,
} from '../../shared/src/protocol';
import { jsonParts } from '../../server/src/export-report';
import { startServer, type TestClient } from './lsp-client';

// The extension asks the server for the compliance report and for edits of .bollwerk.yaml, so that
// it carries no rule engine and no YAML library of its own.
describe('bollwerk/exportReport and bollwerk/editConfig over stdio', () => {
  let c: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-report-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n');
    c = startServer();
    await c.initialize({ pull: false, folders: [URI.file(dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const exportReport = (format: ExportReportParams['format'], lang: ExportReportParams['lang'] = 'en', targetUri?: string) =>
    c.connection.sendRequest<ExportReportResult>(EXPORT_REPORT_REQUEST, {
      format,
      lang,
      rootUri: URI.file(dir).toString(),
      tool: { name: 'bollwerk', version: '9.9.9' },
      generated: '2026-12-07T10:00:00.000Z',
      ...(targetUri === undefined ? {} : { targetUri }),
    } satisfies ExportReportParams);

  it('builds the Markdown report over the scanned workspace', async () => {
    const { text } = await exportReport('markdown');
    assert.match(text, /9\.9\.9/);
    assert.match(text, /2026-12-07/);
    assert.match(text, /compose\/privileged/);
    assert.match(text, /compose\.yaml/);
  });

  it('builds the HTML report in German', async () => {
    const { text } = await exportReport('html', 'de');
    assert.match(text, /^<!DOCTYPE html>/i);
    assert.match(text, /lang="de"/);
    assert.match(text, /compose\/privileged/);
  });

  it('builds a SARIF log whose results name the workspace files relative to the root', async () => {
    const { text } = await exportReport('sarif');
    const log = JSON.parse(text) as { version: string; runs: { tool: { driver: { version: string } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0]!.tool.driver.version, '9.9.9');
    const privileged = log.runs[0]!.results.filter((r) => r.ruleId === 'compose/privileged');
    assert.equal(privileged.length, 1);
    assert.equal(privileged[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'compose.yaml');
  });

  for (const format of ['markdown', 'html', 'sarif'] as const) {
    it(`writes the ${format} report to a target file as it builds it, the same bytes as the text answer`, async () => {
      const target = join(dir, `report.${format}`);
      const written = await exportReport(format, 'de', URI.file(target).toString());
      const { text } = await exportReport(format, 'de');
      const bytes = readFileSync(target);
      assert.equal(written.text, '');
      assert.equal(written.written, bytes.length);
      assert.equal(bytes.toString('utf8'), text);
      rmSync(target);
    });
  }

  it('refuses a target that is not a file: URI', async () => {
    await assert.rejects(exportReport('markdown', 'en', 'untitled:report.md'), /targetUri must be a file: URI/);
  });

  it('adds and removes an attestation, keeping the comments of the file', async () => {
    const text = '# team settings\nlevel: L2 # agreed in review\n';
    const added = await c.connection.sendRequest<EditConfigResult>(EDIT_CONFIG_REQUEST, {
      text,
      edit: { kind: 'attest', attestation: { item: 'CL-6.1.1', by: 'Jana Berger', date: '2026-12-07', note: 'training held' } },
    } satisfies EditConfigParams);
    assert.ok(added.ok);
    assert.ok(added.changed);
    assert.match(added.text, /^# team settings\nlevel: L2 # agreed in review\n/);
    assert.match(added.text, /item: CL-6\.1\.1/);
    assert.match(added.text, /by: Jana Berger/);
    const removed = await c.connection.sendRequest<EditConfigResult>(EDIT_CONFIG_REQUEST, { text: added.text, edit: { kind: 'unattest', item: 'CL-6.1.1' } } satisfies EditConfigParams);
    assert.ok(removed.ok);
    assert.equal(removed.text, text);
  });

  it('says why a file that is not a mapping cannot take an attestation', async () => {
    const r = await c.connection.sendRequest<EditConfigResult>(EDIT_CONFIG_REQUEST, {
      text: '- a\n- b\n',
      edit: { kind: 'attest', attestation: { item: 'CL-6.1.1', by: 'x', date: '2026-12-07' } },
    } satisfies EditConfigParams);
    assert.equal(r.ok, false);
  });
});

describe('jsonParts', () => {
  it('gives the text of JSON.stringify(value, null, 2) in pieces', () => {
    const value = {
      $schema: 'https://example.com/s.json',
      empty: { list: [], object: {} },
      skipped: undefined,
      runs: [{ results: [{ message: { text: 'line one\nline "two"' }, locations: [{ region: { startLine: 1 } }] }, null, 3, 'x'], deep: { a: { b: { c: { d: [1, { e: [] }] } } } } }],
      list: [undefined, () => 1, true],
    };
    const parts = [...jsonParts(value)];
    assert.ok(parts.length > 10, `${parts.length} pieces`);
    assert.equal(parts.join(''), JSON.stringify(value, null, 2));
    for (const v of [null, 1, 'a', [], {}, [[]], [{}]]) assert.equal([...jsonParts(v)].join(''), JSON.stringify(v, null, 2));
  });
});
