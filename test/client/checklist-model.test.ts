import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTree, childrenOf, contextValue, countStates, createFindingPages, findItem, itemViews, matchesLevel, shorten, type FindingNode, type FindingsSource, type MoreNode } from '../../client/src/checklist-model';
import { itemById } from '../../shared/src/checklist/index';
import type { ChecklistFinding, ChecklistFindingsResult, ChecklistItemStatus, ChecklistResponse } from '../../shared/src/protocol';

function status(id: string, state: ChecklistItemStatus['state'], findingCount = 0): ChecklistItemStatus {
  return { id, state, findingCount, rules: findingCount ? ['dockerfile/no-root-user'] : [], activeRules: [] };
}

const response: ChecklistResponse = {
  level: 'L3',
  scannedFiles: 2,
  resultId: 'r1',
  items: [
    status('CL-1.1.1', 'passed'),
    status('CL-2.1.1', 'failed', 2),
    status('CL-6.1.1', 'manual'),
    status('CSVS-3.1', 'failed', 1),
    status('CSVS-3.5', 'passed'),
    status('CSVS-3.6', 'not-applicable'),
    status('NOT-AN-ITEM', 'passed'),
  ],
};

const sectionTitle = (id: string): string => itemById(id)!.section.title.de;

describe('checklist tree model', () => {
  it('has one root per document with items, in document order, and counts states', () => {
    const roots = buildTree(response, 'all', 'de');
    assert.deepEqual(roots.map((r) => r.id), ['CL', 'CSVS']);
    assert.deepEqual(roots[0]!.counts, { passed: 1, failed: 1, notApplicable: 0, manual: 1, attested: 0 });
    assert.deepEqual(roots[0]!.sections.map((s) => [s.id, s.title]), [['CL|1.1', sectionTitle('CL-1.1.1')], ['CL|2.1', sectionTitle('CL-2.1.1')], ['CL|6.1', sectionTitle('CL-6.1.1')]]);
    assert.equal(findItem(roots, 'NOT-AN-ITEM'), undefined, 'a status of an item the extension does not know is left out');
    assert.equal(findItem(roots, 'CL-2.1.1')!.status.item.text.en, itemById('CL-2.1.1')!.text.en, 'texts come from the checklist the extension carries');
  });

  it('lists sections, or the items directly when a document has one section', () => {
    const [cl, csvs] = buildTree(response, 'all', 'en');
    assert.deepEqual(childrenOf(cl!).map((n) => n.kind), ['section', 'section', 'section']);
    assert.deepEqual(childrenOf(csvs!).map((n) => n.id), ['CSVS-3.1', 'CSVS-3.5', 'CSVS-3.6']);
  });

  it('filters CSVS requirements by level and keeps unlevelled items', () => {
    const l1 = buildTree(response, 'L1', 'en');
    assert.deepEqual(childrenOf(l1.find((r) => r.id === 'CSVS')!).map((n) => n.id), ['CSVS-3.5']);
    assert.equal(l1.find((r) => r.id === 'CL')!.sections.flatMap((s) => s.items).length, 3);
    const views = itemViews(response);
    assert.equal(matchesLevel(views[3]!, 'L2'), true);
    assert.equal(matchesLevel(views[5]!, 'L2'), false);
  });

  it('gives menus a context value per state', () => {
    const roots = buildTree(response, 'all', 'en');
    assert.deepEqual(['CL-1.1.1', 'CL-2.1.1', 'CL-6.1.1', 'CSVS-3.6'].map((id) => contextValue(findItem(roots, id)!)), ['item.passed', 'item.failed', 'item.manual', 'item.na']);
    const attested = { ...response, items: [{ ...status('CL-6.1.1', 'attested'), attestation: { item: 'CL-6.1.1', by: 'Jana', date: '2026-11-23' } }] };
    assert.equal(contextValue(findItem(buildTree(attested, 'all', 'en'), 'CL-6.1.1')!), 'item.attested');
    assert.equal(countStates([findItem(buildTree(attested, 'all', 'en'), 'CL-6.1.1')!]).attested, 1);
  });

  it('shortens long texts at a word boundary', () => {
    assert.equal(shorten('Ausführung von Containern als nicht-Root-Benutzer', 100), 'Ausführung von Containern als nicht-Root-Benutzer');
    assert.equal(shorten('Verify that the root user is used only during initialisation', 30), 'Verify that the root user is…');
    assert.equal(shorten('a\n  b', 10), 'a b');
  });
});

/** A server of `total` findings for one item, answering pages as bollwerk/checklistFindings does. */
function pagedServer(total: number, pageSize: number) {
  let resultId = 'r1';
  const calls: (string | undefined)[] = [];
  const finding = (i: number): ChecklistFinding => ({ uri: `file:///w/f${String(i).padStart(3, '0')}.yaml`, range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } }, ruleId: 'k8s/privileged', severity: 'error', message: { en: `m${i}`, de: `n${i}` } });
  const source: FindingsSource = async (itemId, cursor) => {
    calls.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const end = Math.min(total, start + pageSize);
    const page: ChecklistFindingsResult = { itemId, findings: Array.from({ length: end - start }, (_, k) => finding(start + k)), total, resultId, ...(end < total ? { nextCursor: String(end) } : {}) };
    return page;
  };
  return { source, calls, finding, change: (id: string) => (resultId = id) };
}

const lines = (nodes: readonly (FindingNode | MoreNode)[]): number[] => nodes.flatMap((n) => (n.kind === 'finding' ? [n.finding.range.start.line] : []));

describe('checklist tree model: findings a page at a time', () => {
  it('loads the first page when an item is expanded, then a page per "load more", until all are there', async () => {
    const server = pagedServer(5, 2);
    const pages = createFindingPages(server.source);
    const first = await pages.children('CL-2.1.1');
    assert.deepEqual(lines(first), [0, 1]);
    assert.deepEqual(first.at(-1), { kind: 'more', id: 'CL-2.1.1|more', itemId: 'CL-2.1.1', loaded: 2, total: 5 });
    assert.deepEqual(lines(await pages.children('CL-2.1.1')), [0, 1], 'expanding again fetches nothing');
    assert.deepEqual(server.calls, [undefined]);
    await pages.more('CL-2.1.1');
    await pages.more('CL-2.1.1');
    const all = await pages.children('CL-2.1.1');
    assert.deepEqual(lines(all), [0, 1, 2, 3, 4], 'every finding once, in the server order');
    assert.ok(all.every((n) => n.kind === 'finding'), 'no "load more" after the last page');
    assert.equal(new Set(all.map((n) => n.id)).size, 5, 'node ids are unique');
    await pages.more('CL-2.1.1');
    assert.deepEqual(server.calls, [undefined, '2', '4'], 'nothing is fetched past the last page');
  });

  it('shares one request between concurrent expansions of an item', async () => {
    const server = pagedServer(3, 2);
    const pages = createFindingPages(server.source);
    const [a, b] = await Promise.all([pages.children('X'), pages.children('X')]);
    assert.deepEqual(lines(a), lines(b));
    assert.deepEqual(server.calls, [undefined]);
  });

  it('starts an item over when the workspace changed between two pages, and after clear()', async () => {
    const server = pagedServer(5, 2);
    const pages = createFindingPages(server.source);
    await pages.children('X');
    server.change('r2');
    await pages.more('X');
    assert.deepEqual(lines(await pages.children('X')), [0, 1], 'the pages of two answers are not mixed');
    assert.deepEqual(server.calls, [undefined, '2', undefined]);
    pages.clear();
    await pages.children('X');
    assert.deepEqual(server.calls, [undefined, '2', undefined, undefined]);
  });
});
