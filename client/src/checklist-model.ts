// The checklist tree as plain data, built from the server's `bollwerk/checklist` response (statuses
// and counts) and the checklist texts the extension carries; an item's findings are fetched a page
// at a time when it is expanded (`bollwerk/checklistFindings`). No `vscode` import: the view
// (checklist-tree.ts) only turns these nodes into TreeItems.
import { DOCUMENTS, itemById, type ChecklistDocument, type ChecklistItem } from '../../shared/src/checklist/index';
import type { ChecklistFinding, ChecklistFindingsResult, ChecklistItemStatus, ChecklistResponse } from '../../shared/src/protocol';
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

/** An item's status from the server with the item's texts from the checklist. */
export type ItemView = ChecklistItemStatus & { readonly item: ChecklistItem };

/** A checklist item with its status; its findings are loaded when it is expanded (see FindingPages). */
export interface ItemNode {
  readonly kind: 'item';
  readonly id: string;
  readonly status: ItemView;
}

/** An open finding of a failed item. */
export interface FindingNode {
  readonly kind: 'finding';
  /** Unique within the tree: item id, uri, position and rule. */
  readonly id: string;
  readonly itemId: string;
  readonly finding: ChecklistFinding;
}

/** The last child of an item whose findings are not all loaded: loads the next page. */
export interface MoreNode {
  readonly kind: 'more';
  readonly id: string;
  readonly itemId: string;
  /** Findings loaded so far, and in all. */
  readonly loaded: number;
  readonly total: number;
}

/** Any node of the tree. */
export type ChecklistNode = DocumentNode | SectionNode | ItemNode | FindingNode | MoreNode;

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
export function matchesLevel(status: ItemView, filter: LevelFilter): boolean {
  const levels = status.item.levels;
  return filter === 'all' || !levels || levels.length === 0 || levels.includes(filter);
}

const findingNode = (itemId: string, f: ChecklistFinding): FindingNode => ({
  kind: 'finding',
  id: `${itemId}|${f.uri}|${f.range.start.line}:${f.range.start.character}|${f.ruleId}`,
  itemId,
  finding: f,
});

/** The statuses of a response with their items' texts; statuses of items this extension does not know are left out. */
export function itemViews(response: ChecklistResponse): ItemView[] {
  return response.items.flatMap((status): ItemView[] => {
    const item = itemById(status.id);
    return item ? [{ ...status, item }] : [];
  });
}

/** Builds the tree: documents in checklist order, sections in item order, items filtered by level. */
export function buildTree(response: ChecklistResponse, filter: LevelFilter, lang: Lang, documents: readonly ChecklistDocument[] = DOCUMENTS): DocumentNode[] {
  const views = itemViews(response);
  return documents.flatMap((document): DocumentNode[] => {
    const sections = new Map<string, { title: string; items: ItemNode[] }>();
    for (const status of views) {
      if (status.item.document !== document.id || !matchesLevel(status, filter)) continue;
      const key = status.item.section.id;
      const section = sections.get(key) ?? { title: status.item.section.title[lang], items: [] };
      section.items.push({ kind: 'item', id: status.id, status });
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
 * The children of a document or section. A document with a single section lists its items
 * directly (CSVS V3 is one table), otherwise its sections. An item's children are its findings,
 * loaded page by page (FindingPages.children).
 */
export function childrenOf(node: DocumentNode | SectionNode): ChecklistNode[] {
  switch (node.kind) {
    case 'document':
      return node.sections.length === 1 ? [...node.sections[0]!.items] : [...node.sections];
    case 'section':
      return [...node.items];
  }
}

/** Fetches one page of an item's findings: the first without a cursor, then each `nextCursor`. */
export type FindingsSource = (itemId: string, cursor: string | undefined) => Promise<ChecklistFindingsResult>;

/** The findings loaded so far of the items that were expanded. */
export interface FindingPages {
  /** An item's findings loaded so far and, when more are left, a MoreNode; the first page is fetched when nothing is loaded yet. */
  children(itemId: string): Promise<(FindingNode | MoreNode)[]>;
  /** Fetches the next page of an item (after a MoreNode was chosen). */
  more(itemId: string): Promise<void>;
  /** Forgets every loaded page: the checklist answer changed. */
  clear(): void;
}

/**
 * Creates the page store of the tree. Pages of an item come in the server's stable order; a page
 * taken from another answer of the checklist (its `resultId` differs from the first page's) starts the
 * item over, so that a list never mixes two states of the workspace.
 */
export function createFindingPages(source: FindingsSource): FindingPages {
  interface Loaded {
    findings: FindingNode[];
    next: string | undefined;
    total: number;
    resultId: string;
  }
  const loaded = new Map<string, Loaded>();
  const pending = new Map<string, Promise<void>>();
  const add = (itemId: string, page: ChecklistFindingsResult, first: boolean): void => {
    const before = loaded.get(itemId);
    const entry: Loaded = first || !before ? { findings: [], next: undefined, total: page.total, resultId: page.resultId } : before;
    for (const f of page.findings) entry.findings.push(findingNode(itemId, f));
    entry.next = page.nextCursor;
    entry.total = page.total;
    loaded.set(itemId, entry);
  };
  const fetch = (itemId: string, cursor: string | undefined): Promise<void> => {
    const running = pending.get(itemId);
    if (running) return running;
    const p = source(itemId, cursor)
      .then(async (page) => {
        if (cursor === undefined) return add(itemId, page, true);
        // the workspace changed between two pages: the item starts over with the new answer's first page
        if (page.resultId !== loaded.get(itemId)?.resultId) return add(itemId, await source(itemId, undefined), true);
        add(itemId, page, false);
      })
      .finally(() => pending.delete(itemId));
    pending.set(itemId, p);
    return p;
  };
  return {
    async children(itemId) {
      if (!loaded.has(itemId)) await fetch(itemId, undefined);
      const entry = loaded.get(itemId);
      if (!entry) return [];
      const more: MoreNode[] = entry.next === undefined ? [] : [{ kind: 'more', id: `${itemId}|more`, itemId, loaded: entry.findings.length, total: entry.total }];
      return [...entry.findings, ...more];
    },
    async more(itemId) {
      const entry = loaded.get(itemId);
      if (entry && entry.next === undefined) return; // every finding is loaded
      await fetch(itemId, entry?.next);
    },
    clear: () => loaded.clear(),
  };
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
