import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checklistStatus } from '../../shared/src/checklist/status';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintText } from '../../shared/src/lint';
import { checklistHtml, checklistMarkdown, checklistText, displayPath, flatten, jsonReportObject, relativeUri, summaryLine, textReport } from '../../shared/src/report/index';
import type { Result } from '../../shared/src/types';

const tool = { name: 'bollwerk', version: '9.9.9', informationUri: 'https://example.invalid/bollwerk' };
const scan = {
  reports: [
    lintText('file:///ws/b/Dockerfile', 'FROM alpine:3.20\nADD app /app\n'),
    { uri: 'file:///ws/a/big.yaml', kind: undefined, results: [], notes: [{ code: 'too-large' as const, message: { en: 'skipped: too large', de: 'übersprungen: zu groß' } }] },
  ],
  workspaceResults: [],
  notes: [],
};

describe('report helpers', () => {
  it('relativeUri gives the path below a root, or undefined', () => {
    assert.equal(relativeUri('file:///ws/a/b%20c.yaml', 'file:///ws'), 'a/b%20c.yaml');
    assert.equal(relativeUri('file:///ws/a.yaml', 'file:///ws/'), 'a.yaml');
    assert.equal(relativeUri('file:///other/a.yaml', 'file:///ws'), undefined);
    assert.equal(relativeUri('file:///wsx/a.yaml', 'file:///ws'), undefined);
  });
  it('displayPath is relative with ../ and decoded', () => {
    assert.equal(displayPath('file:///ws/a/b%20c.yaml', 'file:///ws'), 'a/b c.yaml');
    assert.equal(displayPath('file:///shared/x/Dockerfile', 'file:///ws/main'), '../../shared/x/Dockerfile');
    assert.equal(displayPath('file:///ws', 'file:///ws'), '.');
    assert.equal(displayPath('untitled:Untitled-1', 'file:///ws'), 'untitled:Untitled-1');
  });
  it('flatten counts checked and skipped files and sorts results', () => {
    const flat = flatten(scan);
    assert.equal(flat.checked, 1);
    assert.equal(flat.skipped, 1);
    assert.deepEqual([...flat.kinds], ['dockerfile']);
    const sorted = [...flat.results].sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(flat.results.map((r) => r.ruleId), sorted.map((r) => r.ruleId));
  });
  it('summaryLine counts per severity in both languages', () => {
    const r = (severity: Result['severity']): Result => ({ ruleId: 'x', uri: 'u', severity, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: { en: '', de: '' } });
    assert.equal(summaryLine([r('error'), r('warning'), r('warning')], 2, 1, 'en'), '✖ 3 problems (1 error, 2 warnings, 0 info) · 2 files checked, 1 skipped');
    assert.equal(summaryLine([r('info')], 1, 0, 'de'), '⚠ 1 Problem (0 Fehler, 0 Warnungen, 1 Hinweis) · 1 Datei geprüft, 0 übersprungen');
    assert.equal(summaryLine([], 0, 0, 'en'), '✔ no problems · 0 files checked, 0 skipped');
  });
  it('the text report groups by file and lists skipped files', () => {
    const text = textReport(scan, { lang: 'en', baseUri: 'file:///ws', color: false });
    assert.match(text, /^b\/Dockerfile\n {2}b\/Dockerfile:1:1 /);
    assert.match(text, /\n {2}b\/Dockerfile:2:1 {2}warning {2}dockerfile\/prefer-copy {2}ADD copies local files here; use COPY, which never fetches URLs or unpacks archives\. \[fix\]\n/);
    assert.match(text, /\nSkipped\n {2}a\/big\.yaml: skipped: too large\n/);
  });
  it('the JSON report object has the documented fields', () => {
    const json = jsonReportObject(scan, { lang: 'de', baseUri: 'file:///ws', tool });
    assert.deepEqual(json.tool, { name: 'bollwerk', version: '9.9.9' });
    assert.deepEqual(json.notes, [{ file: 'a/big.yaml', code: 'too-large', message: 'übersprungen: zu groß' }]);
    assert.equal(json.results.find((r) => r.ruleId === 'dockerfile/prefer-copy')?.file, 'b/Dockerfile');
  });
});

describe('checklist reports', () => {
  const flat = flatten(scan);
  const statuses = checklistStatus({ results: flat.results, kinds: flat.kinds, config: { ...DEFAULT_CONFIG, attestations: [{ item: 'CL-6.1.1', by: 'Dana <dana@example.com>', date: '2026-11-01', note: 'a & b' }] } });
  const options = { lang: 'en' as const, baseUri: 'file:///ws', level: 'L3' as const, tool, filesChecked: 1, generated: '2026-11-23T00:00:00.000Z' };
  it('text lists every document with counts and failed items with findings', () => {
    const text = checklistText(statuses, options);
    assert.match(text, /\n {2}✖ CSVS-3\.11 +failed +/);
    assert.match(text, /\n {6}b\/Dockerfile:2:1 dockerfile\/prefer-copy ADD copies/);
  });
  it('markdown escapes table cells', () => {
    const md = checklistMarkdown(statuses, options);
    assert.match(md, /attested by Dana \\<dana@example\.com\\>, 2026-11-01 — a & b/);
    for (const line of md.split('\n').filter((l) => l.startsWith('| CL-'))) assert.equal(line.split(/(?<!\\)\|/).length, 6, line);
  });
  it('html escapes content and is self-contained', () => {
    const html = checklistHtml(statuses, options);
    assert.ok(html.includes('Dana &lt;dana@example.com&gt;'));
    assert.ok(html.includes('a &amp; b'));
    assert.equal(html.includes('<dana@'), false);
    assert.equal(/<script|<link|<img/.test(html), false);
    assert.ok(html.endsWith('</body></html>\n'));
  });
});
