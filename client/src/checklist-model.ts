// The checklist tree as plain data, built from the server's `bollwerk/checklist` response. No
// `vscode` import: the view (checklist-tree.ts) only turns these nodes into TreeItems.
import type { ChecklistDocument } from '../../shared/src/checklist/index';
import type { ChecklistFinding, ChecklistItemStatus, ChecklistResponse } from '../../shared/src/protocol';
import type { Lang, Level } from '../../shared/src/types';

/** The level filter of the view: every item, or the items of one CSVS level. */
export type LevelFilter = 'all' | Level;

/** A checklist document (one root of the view). */
export interface DocumentNode {
  readonly kind: 'document';
  readonly id: string;
  readonly document: ChecklistDocument;
  readonly sections: readonly SectionNode[];
  readonly counts: StateCounts;
}

/** A section of a document. */
export interface SectionNode {
  readonly kind: 'section';
  readonly id: string;
  readonly documentId: string;
  readonly title: string;
  readonly items: readonly ItemNode[];
  readonly counts: StateCounts;
}

/** A checklist item with its status. */
export interface ItemNode {
  readonly kind: 'item';
  readonly id: string;
  readonly status: ChecklistItemStatus;
  readonly findings: readonly FindingNode[];
}

/** An open finding of a failed item. */
export interface FindingNode {
  readonly kind: 'finding';
  /** Unique within the tree: item id, uri and position. */
  readonly id: string;
  readonly itemId: string;
  readonly finding: ChecklistFinding;
}

/** Any node of the tree. */
export type ChecklistNode = DocumentNode | SectionNode | ItemNode | FindingNode;

/** How many items of a subtree are in each state. */
export interface StateCounts {
  readonly passed: number;
  readonly failed: number;
  readonly notApplicable: number;
  readonly manual: number;
  readonly attested: number;
}

const COUNT_KEY = { passed: 'passed', failed: 'failed', 'not-applicable': 'notApplicable', manual: 'manual', attested: 'attested' } as const;

/** Counts the states of a list of items. */
export function countStates(items: readonly ItemNode[]): StateCounts {
  const counts = { passed: 0, failed: 0, notApplicable: 0, manual: 0, attested: 0 };
  for (const i of items) counts[COUNT_KEY[i.status.state]]++;
  return counts;
}

/**
 * Whether an item is shown under a level filter: CSVS requirements carry their levels and are
 * shown when they include the level; items without levels (the other documents) always are.
 */
export function matchesLevel(status: ChecklistItemStatus, filter: LevelFilter): boolean {
  const levels = status.item.levels;
  return filter === 'all' || !levels || levels.length === 0 || levels.includes(filter);
}

const findingNode = (itemId: string, f: ChecklistFinding): FindingNode => ({
  kind: 'finding',
  id: `${itemId}|${f.uri}|${f.range.start.line}:${f.range.start.character}|${f.ruleId}`,
  itemId,
  finding: f,
});

/** Builds the tree: documents in response order, sections in item order, items filtered by level. */
export function buildTree(response: ChecklistResponse, filter: LevelFilter, lang: Lang): DocumentNode[] {
  return response.documents.flatMap((document): DocumentNode[] => {
    const sections = new Map<string, { title: string; items: ItemNode[] }>();
    for (const status of response.items) {
      if (status.item.document !== document.id || !matchesLevel(status, filter)) continue;
      const key = status.item.section.id;
      const section = sections.get(key) ?? { title: status.item.section.title[lang], items: [] };
      section.items.push({ kind: 'item', id: status.id, status, findings: status.findings.map((f) => findingNode(status.id, f)) });
      sections.set(key, section);
    }
    if (sections.size === 0) return [];
    const sectionNodes = [...sections].map(([id, s]): SectionNode => ({
      kind: 'section',
      id: `${document.id}|${id}`,
      documentId: document.id,
      title: s.title,
      items: s.items,
      counts: countStates(s.items),
    }));
    return [{ kind: 'document', id: document.id, document, sections: sectionNodes, counts: countStates(sectionNodes.flatMap((s) => s.items)) }];
  });
}

/**
 * The children of a node. A document with a single section lists its items directly (CSVS V3
 * is one table), otherwise its sections.
 */
export function childrenOf(node: ChecklistNode): ChecklistNode[] {
  switch (node.kind) {
    case 'document':
      return node.sections.length === 1 ? [...node.sections[0]!.items] : [...node.sections];
    case 'section':
      return [...node.items];
    case 'item':
      return [...node.findings];
    case 'finding':
      return [];
  }
}

/** Every item node of a tree, in order. */
export function allItems(roots: readonly DocumentNode[]): ItemNode[] {
  return roots.flatMap((d) => d.sections.flatMap((s) => s.items));
}

/** Finds an item node by checklist id. */
export function findItem(roots: readonly DocumentNode[], id: string): ItemNode | undefined {
  return allItems(roots).find((i) => i.id === id);
}

/** The tree item's context value, used by the menus in package.json. */
export function contextValue(node: ChecklistNode): string {
  if (node.kind !== 'item') return node.kind;
  switch (node.status.state) {
    case 'passed':
      return 'item.passed';
    case 'failed':
      return 'item.failed';
    case 'not-applicable':
      return 'item.na';
    case 'manual':
      return 'item.manual';
    case 'attested':
      return 'item.attested';
  }
}

/** Cuts a text to `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max) return oneLine;
  const cut = oneLine.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
