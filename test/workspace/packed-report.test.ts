// Packed reports, as the language server keeps a scanned file's report: the results come back as
// they went in, for every file of the real-world corpus; the bytes hold no more memory than they
// need; the checklist over packed results pages and exports as over results at hand.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintText, withoutParsed, type FileReport } from '../../shared/src/lint';
import type { Result } from '../../shared/src/types';
import { findFiles, lintFile } from '../../host/src/workspace/index';
import { packReport, unpackReport, unpackResults } from '../../host/src/workspace/packed-report';
import { buildChecklist, compareFindings, findingsPage, packedSource, refsOf, resultSource, type FindingSource } from '../../server/src/checklist';

const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'));
const files = join(corpus, 'realworld', 'files');

const POD = `apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: registry.example.com/api:1.0
      securityContext: {privileged: true}
    - name: side
      image: busybox
`;

describe('packed reports', () => {
  it('every report of the real-world corpus unpacks to what was packed', () => {
    assert.ok(existsSync(files), `corpus not found at ${files}: set BOLLWERK_CORPUS`);
    const paths = findFiles([files], {}).files;
    assert.ok(paths.length > 4000, `${paths.length} files`);
    let results = 0;
    let withFix = 0;
    let otherUri = 0;
    for (const path of paths) {
      const report = withoutParsed(lintFile(path, DEFAULT_CONFIG, () => undefined));
      const packed = packReport(report);
      assert.deepEqual(unpackReport(packed), report, path);
      assert.deepEqual(packed.ruleIds, report.results.map((r) => r.ruleId), path);
      assert.deepEqual([...packed.ranges], report.results.flatMap((r) => [r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character]), path);
      assert.equal(packed.uris, undefined, path);
      results += report.results.length;
      withFix += report.results.filter((r) => r.fix).length;
      otherUri += report.results.filter((r) => r.uri !== report.uri).length;
    }
    // the comparison covered fixes, and results of this corpus are all in their own file
    assert.ok(results > 15_000 && withFix > 1_000, `${results} results, ${withFix} with a fix`);
    assert.equal(otherUri, 0);
  });

  it('a result located in another file keeps its uri, and each unpack gives fresh objects', () => {
    const report = lintText('file:///w/pod.yaml', POD, { config: DEFAULT_CONFIG });
    const moved: FileReport = { ...withoutParsed(report), results: report.results.map((r, i) => (i === 0 ? { ...r, uri: 'file:///w/values.yaml' } : r)) };
    const packed = packReport(moved);
    assert.deepEqual(packed.uris, moved.results.map((r) => r.uri));
    assert.equal(packedSource(packed, []).uriAt(0), 'file:///w/values.yaml');
    const once = unpackResults(packed);
    assert.equal(once[0]!.uri, 'file:///w/values.yaml');
    assert.ok(once.slice(1).every((r) => r.uri === 'file:///w/pod.yaml'));
    assert.deepEqual(once, moved.results);
    assert.notEqual(unpackResults(packed)[0], once[0]);
  });

  it('the packed bytes have a buffer of their own size, and a report without results has none', () => {
    const report = withoutParsed(lintText('file:///w/pod.yaml', POD, { config: DEFAULT_CONFIG }));
    assert.ok(report.results.length >= 4);
    const packed = packReport(report);
    assert.ok(packed.packed.length > 0);
    assert.equal(packed.packed.buffer.byteLength, packed.packed.length, 'not a slice of a larger chunk');
    assert.ok(packed.packed.length < JSON.stringify(report.results).length / 2, 'deflated');
    const empty = packReport({ ...report, results: [] });
    assert.equal(empty.packed.length, 0);
    assert.deepEqual(unpackResults(empty), []);
  });
});

describe('the checklist over packed results', () => {
  // three files with findings, one of them an open document's results at hand
  const texts = new Map([
    ['file:///w/b.yaml', POD],
    ['file:///w/a.yaml', POD.replace('privileged: true', 'privileged: true, allowPrivilegeEscalation: true')],
    ['file:///w/c.yaml', POD.replace('name: side', 'name: other')],
  ]);
  const reports = [...texts].map(([uri, text]) => withoutParsed(lintText(uri, text, { config: DEFAULT_CONFIG })));
  let unpacks = 0;
  const sources: { source: FindingSource }[] = reports.map((r, i) => {
    if (i === 2) return { source: resultSource(r.uri, r.results) };
    const packed = packReport(r);
    return {
      source: {
        ...packedSource(packed, []),
        results: () => {
          unpacks++;
          return unpackResults(packed);
        },
      },
    };
  });
  const all: Result[] = reports.flatMap((r) => r.results);
  const refs = sources.flatMap((s) => refsOf(s.source));
  const snapshot = buildChecklist(refs, new Set(['kubernetes']), DEFAULT_CONFIG, reports.length, 'r1');

  it('counts without unpacking, and pages in the page order of the results themselves', () => {
    assert.equal(unpacks, 0, 'statuses and counts read the rule ids only');
    const failed = snapshot.response.items.filter((i) => i.findingCount > 0);
    assert.ok(failed.length > 3);
    for (const item of failed) {
      const status = snapshot.statuses.find((s) => s.id === item.id)!;
      const expected = all.filter((r) => status.activeRules.includes(r.ruleId)).sort(compareFindings);
      assert.equal(item.findingCount, expected.length, item.id);
      const pages: Result[] = [];
      let cursor: string | undefined;
      do {
        const page = findingsPage(snapshot, { itemId: item.id, limit: 2, ...(cursor === undefined ? {} : { cursor }) });
        pages.push(...(page.findings as Result[]));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      assert.deepEqual(
        pages,
        expected.map((r) => ({ uri: r.uri, range: r.range, ruleId: r.ruleId, severity: r.severity, message: r.message })),
        item.id,
      );
    }
    assert.ok(unpacks > 0);
  });

  it('orders an item’s findings without unpacking them: the first page unpacks only its own file', () => {
    const fresh = buildChecklist(refs, new Set(['kubernetes']), DEFAULT_CONFIG, reports.length, 'r3');
    // an item with findings in both packed files
    const item = fresh.statuses.find((s) => new Set(s.findings.filter((f) => f.source !== sources[2]!.source).map((f) => f.source)).size === 2);
    assert.ok(item, 'an item with findings in both packed files');
    const before = unpacks;
    const page = findingsPage(fresh, { itemId: item.id, limit: 1 });
    assert.equal(page.findings[0]!.uri, 'file:///w/a.yaml');
    assert.equal(unpacks - before, 1);
  });

  it('orders findings of one rule at one place by their messages', () => {
    const base = reports[0]!.results[0]!;
    const twins: FileReport = { uri: base.uri, kind: 'kubernetes', notes: [], results: ['b second', 'a first', 'c third'].map((en) => ({ ...base, message: { en, de: en } })) };
    const packed = packReport(twins);
    const snap = buildChecklist(refsOf(packedSource(packed, [])), new Set(['kubernetes']), DEFAULT_CONFIG, 1, 'r4');
    const item = snap.statuses.find((s) => s.findings.length === 3)!;
    assert.deepEqual(findingsPage(snap, { itemId: item.id }).findings.map((f) => f.message.en), ['a first', 'b second', 'c third']);
  });

  it('resolves every item’s findings as results for the compliance report, an item when it is read', () => {
    const before = unpacks;
    const resolved = snapshot.resolved();
    assert.equal(unpacks, before, 'nothing unpacked before an item is read');
    const failed = resolved.findIndex((s) => s.findings.length > 0 && snapshot.statuses[resolved.indexOf(s)]!.findings.some((f) => f.source !== sources[2]!.source));
    assert.ok(failed >= 0);
    const once = unpacks;
    assert.equal(resolved[failed]!.findings, resolved[failed]!.findings, 'read again: the same results, not unpacked again');
    assert.equal(unpacks, once);
    assert.equal(resolved.length, snapshot.statuses.length);
    for (const [i, s] of resolved.entries()) {
      assert.equal(s.findings.length, snapshot.statuses[i]!.findings.length);
      assert.deepEqual(
        s.findings.map((f) => f.ruleId),
        snapshot.statuses[i]!.findings.map((f) => f.ruleId),
      );
      assert.ok(s.findings.every((f) => all.some((r) => r.uri === f.uri && r.ruleId === f.ruleId && r.message.en === f.message.en)));
    }
  });

  it('baselined findings are counted apart', () => {
    const privileged = refs.filter((r) => r.ruleId === 'k8s/privileged-container' || r.ruleId.includes('privileged'));
    assert.ok(privileged.length > 0);
    const baselined = buildChecklist(refs, new Set(['kubernetes']), DEFAULT_CONFIG, reports.length, 'r2', new Set(privileged));
    const total = (s: typeof snapshot): number => s.response.items.reduce((n, i) => n + i.findingCount, 0);
    assert.ok(total(baselined) < total(snapshot));
    assert.ok(baselined.response.items.some((i) => (i.baselined ?? 0) > 0));
  });
});
