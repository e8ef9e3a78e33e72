import * as vscode from 'vscode';
import { documentById } from '../../shared/src/checklist/index';
import type { ChecklistResponse } from '../../shared/src/protocol';
import type { Lang, Severity } from '../../shared/src/types';
import {
  buildTree,
  childrenOf,
  contextValue,
  createFindingPages,
  itemViews,
  shorten,
  type ChecklistNode,
  type DocumentNode,
  type FindingNode,
  type FindingPages,
  type FindingsSource,
  type ItemNode,
  type ItemView,
  type LevelFilter,
  type MoreNode,
  type StateCounts,
} from './checklist-model';
import { stateLabel } from './labels';

/** Where the tree gets its data: the server's `bollwerk/checklist` request; undefined while it cannot answer. */
export type ChecklistSource = () => Promise<ChecklistResponse | undefined>;

/** The command of a "load more" node: fetches the next page of the item's findings. */
export const LOAD_MORE_COMMAND = 'bollwerk.checklistLoadMore';

const color = (id: string): vscode.ThemeColor => new vscode.ThemeColor(id);

const ITEM_ICON: Record<ItemNode['status']['state'], vscode.ThemeIcon> = {
  passed: new vscode.ThemeIcon('pass-filled', color('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', color('testing.iconFailed')),
  'not-applicable': new vscode.ThemeIcon('circle-slash', color('disabledForeground')),
  manual: new vscode.ThemeIcon('person', color('charts.yellow')),
  attested: new vscode.ThemeIcon('verified-filled', color('charts.blue')),
};

const SEVERITY_ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', color('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', color('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', color('problemsInfoIcon.foreground')),
};

function countsText(c: StateCounts): string {
  const parts: string[] = [];
  if (c.failed) parts.push(vscode.l10n.t('{0} failed', c.failed));
  if (c.passed) parts.push(vscode.l10n.t('{0} passed', c.passed));
  if (c.attested) parts.push(vscode.l10n.t('{0} attested', c.attested));
  if (c.manual) parts.push(vscode.l10n.t('{0} manual', c.manual));
  if (c.notApplicable) parts.push(vscode.l10n.t('{0} n/a', c.notApplicable));
  return parts.join(' · ');
}

function itemTooltip(node: ItemNode, documentTitle: string, lang: Lang): vscode.MarkdownString {
  const { item, state, rules, attestation } = node.status;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${item.id}** · ${documentTitle} › ${item.section.title[lang]}\n\n`);
  md.appendText(item.text[lang]);
  md.appendMarkdown(`\n\n$(${ITEM_ICON[state].id}) ${stateLabel(state, node.status.findingCount)}`);
  if (item.levels?.length) md.appendMarkdown(` · CSVS ${item.levels.join(' ')}`);
  if (rules.length) md.appendMarkdown(`\n\n${vscode.l10n.t('Rules')}: ${rules.map((r) => `\`${r}\``).join(', ')}`);
  for (const e of node.status.evidence ?? []) {
    md.appendMarkdown('\n\n');
    md.appendText(`${e.path}:${e.line} ${e.what[lang]}`);
  }
  const moreEvidence = (node.status.evidenceTotal ?? 0) - (node.status.evidence?.length ?? 0);
  if (moreEvidence > 0) md.appendMarkdown(`\n\n${vscode.l10n.t('… and {0} more places', moreEvidence)}`);
  if (node.status.evidenceMissing) md.appendMarkdown(`\n\n${vscode.l10n.t('No CI configuration of the repository provides this item.')}`);
  if (attestation) {
    md.appendMarkdown(`\n\n${vscode.l10n.t('Attested by {0} on {1}', attestation.by, attestation.date)}`);
    if (attestation.note) md.appendText(` — ${attestation.note}`);
  } else if (state === 'manual' && item.manual) {
    md.appendMarkdown('\n\n');
    md.appendText(item.manual[lang]);
  }
  return md;
}

/**
 * The checklist tree view's data provider: one root per checklist document, items with status and
 * counts, failed items with their findings, fetched a page at a time when the item is expanded.
 */
export class ChecklistTreeProvider implements vscode.TreeDataProvider<ChecklistNode> {
  private readonly changed = new vscode.EventEmitter<ChecklistNode | undefined>();
  private readonly refreshed = new vscode.EventEmitter<ChecklistResponse | undefined>();
  private readonly pages: FindingPages;
  private response: ChecklistResponse | undefined;
  private views = new Map<string, ItemView>();
  private roots: DocumentNode[] = [];
  private pending: Promise<void> | undefined;
  private again = false;
  private filterValue: LevelFilter = 'all';

  /** Fires when the tree's data changed (TreeDataProvider contract). */
  readonly onDidChangeTreeData = this.changed.event;
  /** Fires after every completed refresh, with the response it showed. */
  readonly onDidRefresh = this.refreshed.event;

  constructor(
    private readonly source: ChecklistSource,
    findings: FindingsSource,
    private readonly lang: Lang,
    private readonly workspaceRoot: () => vscode.Uri | undefined,
  ) {
    this.pages = createFindingPages(findings);
  }

  /** An item's status with its texts, from the last response. */
  statusOf(itemId: string): ItemView | undefined {
    return this.views.get(itemId);
  }

  /** Fetches the next page of an item's findings and shows it. */
  async loadMore(itemId: string): Promise<void> {
    await this.pages.more(itemId);
    const node = this.findItemNode(itemId);
    this.changed.fire(node);
  }

  private findItemNode(itemId: string): ItemNode | undefined {
    for (const d of this.roots) for (const s of d.sections) for (const i of s.items) if (i.id === itemId) return i;
    return undefined;
  }

  /** The current level filter. */
  get filter(): LevelFilter {
    return this.filterValue;
  }

  /** The last response shown, if any. */
  get data(): ChecklistResponse | undefined {
    return this.response;
  }

  /** The document roots as currently shown (after the level filter). */
  get documents(): readonly DocumentNode[] {
    return this.roots;
  }

  /** Sets the level filter and redraws without asking the server. */
  setFilter(filter: LevelFilter): void {
    this.filterValue = filter;
    this.rebuild();
  }

  /** Re-requests the checklist; concurrent calls share one request, and a call during a request schedules one more. */
  refresh(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = (async () => {
      do {
        this.again = false;
        try {
          const next = (await this.source()) ?? this.response;
          // loaded findings belong to one answer of the server: another answer starts them over
          if (next?.resultId !== this.response?.resultId) this.pages.clear();
          this.response = next;
        } catch {
          // The server is starting or restarting; the next change notification refreshes again.
        }
      } while (this.again);
      this.rebuild();
      this.refreshed.fire(this.response);
    })().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private rebuild(): void {
    this.views = new Map(this.response ? itemViews(this.response).map((v) => [v.id, v]) : []);
    this.roots = this.response ? buildTree(this.response, this.filterValue, this.lang) : [];
    this.changed.fire(undefined);
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    switch (node.kind) {
      case 'document': {
        const t = new vscode.TreeItem(node.document.title[this.lang], vscode.TreeItemCollapsibleState.Collapsed);
        t.id = node.id;
        t.description = countsText(node.counts);
        t.iconPath = new vscode.ThemeIcon(node.counts.failed ? 'shield' : 'checklist');
        t.tooltip = `${node.document.title[this.lang]} (${node.document.id})`;
        t.contextValue = contextValue(node);
        return t;
      }
      case 'section': {
        const t = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Collapsed);
        t.id = node.id;
        t.description = countsText(node.counts);
        t.contextValue = contextValue(node);
        return t;
      }
      case 'item':
        return this.itemTreeItem(node);
      case 'finding':
        return this.findingTreeItem(node);
      case 'more':
        return this.moreTreeItem(node);
    }
  }

  private moreTreeItem(node: MoreNode): vscode.TreeItem {
    const t = new vscode.TreeItem(vscode.l10n.t('Load more findings…'), vscode.TreeItemCollapsibleState.None);
    t.id = node.id;
    t.description = vscode.l10n.t('{0} of {1} shown', node.loaded, node.total);
    t.iconPath = new vscode.ThemeIcon('ellipsis');
    t.contextValue = contextValue(node);
    t.command = { command: LOAD_MORE_COMMAND, title: vscode.l10n.t('Load more findings…'), arguments: [node.itemId] };
    return t;
  }

  private itemTreeItem(node: ItemNode): vscode.TreeItem {
    const { item, state, findingCount } = node.status;
    const collapsible = findingCount > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const t = new vscode.TreeItem(`${item.id}  ${shorten(item.text[this.lang], 50)}`, collapsible);
    t.id = node.id;
    const levels = item.levels?.length ? ` · ${item.levels.join(' ')}` : '';
    const apart = node.status.baselined ? ` · ${vscode.l10n.t('{0} in the baseline', node.status.baselined)}` : '';
    const evidence = node.status.evidence?.[0];
    // An item the repository proves shows where: the first piece of evidence, the rest in the tooltip.
    t.description = `${stateLabel(state, findingCount)}${apart}${levels}${evidence ? ` — ${evidence.path}:${evidence.line} ${evidence.what[this.lang]}` : ''}`;
    t.iconPath = ITEM_ICON[state];
    const document = documentById(item.document);
    t.tooltip = itemTooltip(node, document?.title[this.lang] ?? item.document, this.lang);
    t.contextValue = contextValue(node);
    if (collapsible === vscode.TreeItemCollapsibleState.None) {
      t.command = { command: 'bollwerk.openChecklistItem', title: vscode.l10n.t('Open Checklist Text'), arguments: [item.id] };
    }
    t.accessibilityInformation = { label: `${item.id} ${item.text[this.lang]}, ${t.description}` };
    return t;
  }

  private findingTreeItem(node: FindingNode): vscode.TreeItem {
    const f = node.finding;
    const uri = vscode.Uri.parse(f.uri);
    const root = this.workspaceRoot();
    const path = root && uri.path.startsWith(`${root.path}/`) ? uri.path.slice(root.path.length + 1) : uri.path.split('/').pop();
    // Like a row of the Problems view: where, then what.
    const t = new vscode.TreeItem(`${path}:${f.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
    t.id = node.id;
    t.description = f.message[this.lang];
    t.tooltip = `${f.ruleId} — ${f.message[this.lang]}`;
    t.iconPath = SEVERITY_ICON[f.severity];
    t.contextValue = contextValue(node);
    const selection = new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
    t.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri, { selection } satisfies vscode.TextDocumentShowOptions] };
    return t;
  }

  async getChildren(node?: ChecklistNode): Promise<ChecklistNode[]> {
    if (!node) {
      if (!this.response) await this.refresh();
      return this.roots;
    }
    switch (node.kind) {
      case 'document':
      case 'section':
        return childrenOf(node);
      case 'item':
        if (node.status.findingCount === 0) return [];
        try {
          return await this.pages.children(node.id);
        } catch {
          // the server is restarting: the next refresh shows the item again
          return [];
        }
      default:
        return [];
    }
  }

  getParent(node: ChecklistNode): ChecklistNode | undefined {
    if (node.kind === 'finding' || node.kind === 'more') return this.findItemNode(node.itemId);
    for (const d of this.roots) {
      if (node.kind === 'document') return undefined;
      for (const s of d.sections) {
        const sectionParent = d.sections.length === 1 ? d : s;
        if (node.kind === 'section' && s.id === node.id) return d;
        for (const i of s.items) if (node.kind === 'item' && i.id === node.id) return sectionParent;
      }
    }
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
    this.refreshed.dispose();
  }
}
