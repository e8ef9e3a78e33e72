import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTree, childrenOf, contextValue, countStates, findItem, matchesLevel, shorten } from '../../client/src/checklist-model';
import type { ChecklistDocument, ChecklistItem } from '../../shared/src/checklist/index';
import type { ChecklistItemStatus, ChecklistResponse } from '../../shared/src/protocol';

const doc = (id: string): ChecklistDocument => ({ id, file: `${id}.txt`, language: 'de', title: { en: `${id} title`, de: `${id} Titel` } });

function status(id: string, document: string, section: string, state: ChecklistItemStatus['state'], extra: Partial<ChecklistItem> = {}, findings = 0): ChecklistItemStatus {
  const item: ChecklistItem = { id, document, section: { id: section, title: { en: `Section ${section}`, de: `Abschnitt ${section}` } }, text: { en: `${id} text`, de: `${id} Text` }, original: 'de', checkable: state !== 'manual', ...extra };
  const f = Array.from({ length: findings }, (_, i) => ({ uri: 'file:///w/Dockerfile', range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } }, ruleId: 'dockerfile/no-root-user', severity: 'error' as const, message: { en: 'm', de: 'n' } }));
  return { id, state, findings: f, rules: findings ? ['dockerfile/no-root-user'] : [], activeRules: [], item };
}

const response: ChecklistResponse = {
  documents: [doc('CL'), doc('CSVS'), doc('EMPTY')],
  level: 'L3',
  scannedFiles: 2,
  items: [
    status('CL-1.1.1', 'CL', '1.1', 'passed'),
    status('CL-2.1.1', 'CL', '2.1', 'failed', {}, 2),
    status('CL-6.1.1', 'CL', '6.1', 'manual'),
    status('CSVS-3.1', 'CSVS', 'V3', 'failed', { levels: ['L2', 'L3'] }, 1),
    status('CSVS-3.5', 'CSVS', 'V3', 'passed', { levels: ['L1', 'L2', 'L3'] }),
    status('CSVS-3.6', 'CSVS', 'V3', 'not-applicable', { levels: ['L3'] }),
  ],
};

describe('checklist tree model', () => {
  it('has one root per document with items, in document order, and counts states', () => {
    const roots = buildTree(response, 'all', 'de');
    assert.deepEqual(roots.map((r) => r.id), ['CL', 'CSVS']);
    assert.deepEqual(roots[0]!.counts, { passed: 1, failed: 1, notApplicable: 0, manual: 1, attested: 0 });
    assert.deepEqual(roots[0]!.sections.map((s) => [s.id, s.title]), [['CL|1.1', 'Abschnitt 1.1'], ['CL|2.1', 'Abschnitt 2.1'], ['CL|6.1', 'Abschnitt 6.1']]);
  });

  it('lists sections, or the items directly when a document has one section', () => {
    const [cl, csvs] = buildTree(response, 'all', 'en');
    assert.deepEqual(childrenOf(cl!).map((n) => n.kind), ['section', 'section', 'section']);
    assert.deepEqual(childrenOf(csvs!).map((n) => n.id), ['CSVS-3.1', 'CSVS-3.5', 'CSVS-3.6']);
  });

  it('expands failed items to one node per finding', () => {
    const item = findItem(buildTree(response, 'all', 'en'), 'CL-2.1.1')!;
    const children = childrenOf(item);
    assert.equal(children.length, 2);
    assert.deepEqual(new Set(children.map((c) => c.id)).size, 2, 'finding ids are unique');
    assert.deepEqual(childrenOf(findItem(buildTree(response, 'all', 'en'), 'CL-1.1.1')!), []);
  });

  it('filters CSVS requirements by level and keeps unlevelled items', () => {
    const l1 = buildTree(response, 'L1', 'en');
    assert.deepEqual(childrenOf(l1.find((r) => r.id === 'CSVS')!).map((n) => n.id), ['CSVS-3.5']);
    assert.equal(l1.find((r) => r.id === 'CL')!.sections.flatMap((s) => s.items).length, 3);
    assert.equal(matchesLevel(response.items[3]!, 'L2'), true);
    assert.equal(matchesLevel(response.items[5]!, 'L2'), false);
  });

  it('gives menus a context value per state', () => {
    const roots = buildTree(response, 'all', 'en');
    assert.deepEqual(['CL-1.1.1', 'CL-2.1.1', 'CL-6.1.1', 'CSVS-3.6'].map((id) => contextValue(findItem(roots, id)!)), ['item.passed', 'item.failed', 'item.manual', 'item.na']);
    const attested = { ...response, items: [{ ...status('CL-6.1.1', 'CL', '6.1', 'attested'), attestation: { item: 'CL-6.1.1', by: 'Jana', date: '2026-11-23' } }] };
    assert.equal(contextValue(findItem(buildTree(attested, 'all', 'en'), 'CL-6.1.1')!), 'item.attested');
    assert.equal(countStates([findItem(buildTree(attested, 'all', 'en'), 'CL-6.1.1')!]).attested, 1);
  });

  it('shortens long texts at a word boundary', () => {
    assert.equal(shorten('Ausführung von Containern als nicht-Root-Benutzer', 100), 'Ausführung von Containern als nicht-Root-Benutzer');
    assert.equal(shorten('Verify that the root user is used only during initialisation', 30), 'Verify that the root user is…');
    assert.equal(shorten('a\n  b', 10), 'a b');
  });
});
