// A scan streamed to its report gives the text a scan held in memory gives, for every format: over
// the sample, a kustomization tree and Helm charts (whose reports are ordered by URI), with worker
// threads or without, the spill in memory or on disk.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fingerprintScan } from '../../cli/src/baseline';
import { toolInfo } from '../../cli/src/main';
import { createSpill } from '../../cli/src/spill';
import { streamScan } from '../../cli/src/stream-scan';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { documentedRules } from '../../shared/src/lint';
import { displayPath, flatten, gitlabIssues, gitlabReport, jsonReport, jsonReportObject, sarifLog, sarifReport, summaryLine, textReport, type ScanData } from '../../shared/src/report/index';
import { STRINGS } from '../../shared/src/report/common';
import { escapeControls } from '../../shared/src/report/escape';
import type { Result } from '../../shared/src/types';
import { fileUri, scanWorkspace } from '../../host/src/workspace/index';
import { buildOnce, ROOT, runMain, SAMPLE, spawnCli } from './helpers';

const tool = toolInfo();
const FORMATS = ['json', 'sarif', 'text', 'gitlab'] as const;

/** A workspace of the sample, the kustomize fixtures and the Helm fixtures side by side. */
function mixedWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bollwerk-stream-'));
  cpSync(SAMPLE, join(dir, 'sample'), { recursive: true });
  cpSync(join(ROOT, 'test/fixtures/kustomize'), join(dir, 'kustomize'), { recursive: true });
  cpSync(join(ROOT, 'test/fixtures/helm'), join(dir, 'charts'), { recursive: true });
  return dir;
}

/** The report of a scan held in memory, as `bollwerk scan` wrote it before it streamed. */
function buffered(format: (typeof FORMATS)[number], scan: ScanData, cwd: string, root: string): string {
  const baseUri = fileUri(cwd);
  if (format === 'json') return jsonReport(scan, { lang: 'en', baseUri, tool });
  if (format === 'sarif') return sarifReport(scan, { lang: 'en', rootUri: fileUri(root), tool, rules: documentedRules() });
  if (format === 'gitlab') {
    const prints = new Map(fingerprintScan(scan, cwd).map((f) => [f.result, f.fingerprint]));
    return gitlabReport(scan, { lang: 'en', baseUri, fingerprint: (r) => prints.get(r) });
  }
  return textReport(scan, { lang: 'en', baseUri, color: false });
}

/** The text report as it was built before it was written line by line (one array of lines, joined), without colours. */
function textAsBuilt(scan: ScanData, lang: 'en' | 'de', baseUri: string): string {
  const flat = flatten(scan);
  const byFile = new Map<string, Result[]>();
  for (const r of flat.results) byFile.set(r.uri, [...(byFile.get(r.uri) ?? []), r]);
  const width = Math.max(...(['error', 'warning', 'info'] as const).map((s) => STRINGS[s][lang].length));
  const oneLine = (s: string): string => escapeControls(s.replace(/[ \t]*\n[ \t]*/g, ' '));
  const out: string[] = [];
  for (const [uri, results] of byFile) {
    const path = escapeControls(displayPath(uri, baseUri));
    out.push(path);
    for (const r of results) out.push(`  ${path}:${r.range.start.line + 1}:${r.range.start.character + 1}  ${STRINGS[r.severity][lang].padEnd(width)}  ${r.ruleId}  ${oneLine(r.message[lang])}${r.fix ? ' [fix]' : ''}`);
    out.push('');
  }
  if (flat.notes.length > 0) {
    out.push(STRINGS.skippedHeader[lang]);
    for (const n of flat.notes) out.push(`  ${escapeControls(displayPath(n.uri, baseUri))}: ${oneLine(n.note.message[lang])}`);
    out.push('');
  }
  out.push(summaryLine(flat.results, flat.checked, flat.skipped, lang));
  return `${out.join('\n')}\n`;
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('streamed scan reports', () => {
  it('the report writers give the text of JSON.stringify over the whole report object', () => {
    const scan = scanWorkspace([SAMPLE], DEFAULT_CONFIG, { threads: 0 });
    assert.ok(flatten(scan).results.length > 5);
    const baseUri = fileUri(ROOT);
    assert.equal(jsonReport(scan, { lang: 'de', baseUri, tool }), `${JSON.stringify(jsonReportObject(scan, { lang: 'de', baseUri, tool }), null, 2)}\n`);
    const sarif = { lang: 'en' as const, rootUri: fileUri(SAMPLE), tool, rules: documentedRules() };
    assert.equal(sarifReport(scan, sarif), `${JSON.stringify(sarifLog(scan, sarif), null, 2)}\n`);
    assert.equal(gitlabReport(scan, { lang: 'en', baseUri }), `${JSON.stringify(gitlabIssues(scan, { lang: 'en', baseUri }), null, 2)}\n`);
    const empty: ScanData = { reports: [], workspaceResults: [], notes: [] };
    assert.equal(jsonReport(empty, { lang: 'en', baseUri, tool }), `${JSON.stringify(jsonReportObject(empty, { lang: 'en', baseUri, tool }), null, 2)}\n`);
    assert.equal(sarifReport(empty, sarif), `${JSON.stringify(sarifLog(empty, sarif), null, 2)}\n`);
    assert.equal(gitlabReport(empty, { lang: 'en', baseUri }), '[]\n');
    const withNote: ScanData = { ...scan, notes: [{ uri: fileUri(join(SAMPLE, 'x')), note: { code: 'unreadable', message: { en: 'skipped: gone', de: 'übersprungen: weg' } } }] };
    for (const data of [scan, withNote, empty]) for (const lang of ['en', 'de'] as const) assert.equal(textReport(data, { lang, baseUri, color: false }), textAsBuilt(data, lang, baseUri));
  });

  it('streamScan reads back the results, notes and counts of scanWorkspace, the spill in memory or on disk', () => {
    const dir = mixedWorkspace();
    dirs.push(dir);
    const scan = scanWorkspace([dir], DEFAULT_CONFIG, { threads: 0 });
    const flat = flatten(scan);
    assert.ok(flat.results.length > 20, 'the workspace has findings');
    assert.ok(scan.workspaceResults.length > 0, 'and workspace findings');
    const spillDirs = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('bollwerk-scan-'));
    for (const memoryBytes of [1 << 30, 1]) {
      const before = new Set(spillDirs());
      const spill = createSpill(memoryBytes);
      const streamed = streamScan([dir], DEFAULT_CONFIG, { threads: 0, spill });
      try {
        assert.deepEqual([...streamed.input.results], flat.results);
        assert.equal(spill.onDisk, memoryBytes === 1);
        assert.deepEqual(streamed.input.notes, flat.notes);
        assert.deepEqual(streamed.input.counts, { error: flat.results.filter((r) => r.severity === 'error').length, warning: flat.results.filter((r) => r.severity === 'warning').length, info: flat.results.filter((r) => r.severity === 'info').length });
        assert.equal(streamed.input.fixable, flat.results.filter((r) => r.fix).length);
        assert.deepEqual([streamed.input.checked, streamed.input.skipped, streamed.input.testData], [flat.checked, flat.skipped, flat.testData]);
        assert.deepEqual(streamed.kinds, flat.kinds);
      } finally {
        streamed.close();
      }
      assert.deepEqual(spillDirs().filter((f) => !before.has(f)), [], 'the spill file is removed');
    }
  });

  it('bollwerk scan writes each format as the buffered report did, to standard output and --output', async () => {
    const dir = mixedWorkspace();
    dirs.push(dir);
    const scan = scanWorkspace([dir], DEFAULT_CONFIG, { threads: 0 });
    for (const format of FORMATS) {
      const run = await runMain(['scan', dir, '--format', format, '--fail-on', 'never'], { cwd: dir, env: { BOLLWERK_THREADS: '0' } });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, buffered(format, scan, dir, dir), `${format} differs`);
      const out = join(dir, `out.${format}`);
      const written = await runMain(['scan', dir, '--format', format, '--fail-on', 'never', '--output', out], { cwd: dir, env: { BOLLWERK_THREADS: '0' } });
      assert.equal(written.written.get(out), run.stdout);
    }
  });

  it('the built bin with worker threads writes the same text, also into an --output file', () => {
    buildOnce();
    const dir = mixedWorkspace();
    dirs.push(dir);
    const scan = scanWorkspace([dir], DEFAULT_CONFIG, { threads: 0 });
    for (const format of FORMATS) {
      const run = spawnCli([dir, '--format', format, '--fail-on', 'never'], { cwd: dir, env: { BOLLWERK_THREADS: '2' } });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, buffered(format, scan, dir, dir), `${format} differs`);
      const out = join(dir, 'reports', `out.${format}`);
      assert.equal(spawnCli([dir, '--format', format, '--fail-on', 'never', '--output', out], { cwd: dir, env: { BOLLWERK_THREADS: '2' } }).code, 0);
      assert.equal(readFileSync(out, 'utf8'), run.stdout);
    }
  });

  it('the exit code follows --fail-on over the streamed counts', async () => {
    assert.equal((await runMain(['scan', SAMPLE, '--format', 'json'], { env: { BOLLWERK_THREADS: '0' } })).code, 1);
    assert.equal((await runMain(['scan', SAMPLE, '--format', 'json', '--fail-on', 'never'], { env: { BOLLWERK_THREADS: '0' } })).code, 0);
  });
});
