import * as vscode from 'vscode';
import { CONFIG_FILE } from '../../shared/src/config-file-name';
import type { EditConfigParams, EditConfigResult, ExportReportParams, ExportReportResult, ScanWorkspaceResult } from '../../shared/src/protocol';
import type { Lang, Level } from '../../shared/src/types';
import { attestationFolder, attestItem, unattestItem, type WriteOutcome } from './attest';
import type { ChecklistNode, LevelFilter } from './checklist-model';
import { LOAD_MORE_COMMAND, type ChecklistTreeProvider } from './checklist-tree';
import { checklistItemUri, ruleDocsUri, showMarkdown } from './docs';
import { pickFormat, pickTarget, type ReportFormat } from './export-report';

/** What the commands need from the extension. */
export interface CommandDeps {
  readonly lang: Lang;
  readonly tool: ExportReportParams['tool'];
  readonly tree: ChecklistTreeProvider;
  readonly view: vscode.TreeView<ChecklistNode>;
  /** Asks the language server to scan the workspace; it reports progress (percent and message) and stops when `token` is cancelled. */
  scanWorkspace(report: (percentage: number | undefined, message: string | undefined) => void, token: vscode.CancellationToken): Promise<ScanWorkspaceResult>;
  /** Asks the language server for the compliance report (it scans the workspace first). */
  exportReport(params: ExportReportParams): Promise<ExportReportResult>;
  /** Asks the language server to edit `.bollwerk.yaml`'s text. */
  editConfig(params: EditConfigParams): Promise<EditConfigResult>;
}

/** A checklist item id from a tree node or a string argument. */
const itemIdOf = (arg: unknown): string | undefined =>
  typeof arg === 'string' ? arg : isNode(arg) && (arg.kind === 'item' || arg.kind === 'finding') ? (arg.kind === 'item' ? arg.id : arg.itemId) : undefined;

const isNode = (v: unknown): v is ChecklistNode => typeof v === 'object' && v !== null && 'kind' in v && 'id' in v;

function reportOutcome(outcome: WriteOutcome): void {
  if (!outcome.ok) void vscode.window.showErrorMessage(vscode.l10n.t('Could not update {0}: {1}', CONFIG_FILE, outcome.reason));
}

/** Asks for the rule when the argument does not name one: the rules of the item, or every rule of the checklist. */
async function ruleIdOf(arg: unknown, tree: ChecklistTreeProvider): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  if (isNode(arg) && arg.kind === 'finding') return arg.finding.ruleId;
  let candidates: readonly string[];
  if (isNode(arg) && arg.kind === 'item') candidates = arg.status.rules;
  else {
    const editor = vscode.window.activeTextEditor;
    const here = editor ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'bollwerk' && d.range.contains(editor.selection.active)) : [];
    const codes = here.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '')));
    if (codes.length === 1) return codes[0];
    if (!tree.data) await tree.refresh();
    candidates = codes.length ? codes : [...new Set(tree.data?.items.flatMap((i) => i.rules) ?? [])].sort();
  }
  if (candidates.length <= 1) return candidates[0];
  return vscode.window.showQuickPick([...new Set(candidates)], { placeHolder: vscode.l10n.t('Which rule?') });
}

function describeFilter(filter: LevelFilter, level: Level | undefined): string | undefined {
  if (filter !== 'all') return vscode.l10n.t('filter: {0}', filter);
  return level ? vscode.l10n.t('level {0}', level) : undefined;
}

/** Registers every Bollwerk command; each returns its result so that tests can drive it. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { tree, view, lang } = deps;
  const register = (id: string, run: (...args: never[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown);
  const updateDescription = (): void => {
    view.description = describeFilter(tree.filter, tree.data?.level);
  };

  return [
    tree.onDidRefresh(updateDescription),
    register('bollwerk.scanWorkspace', async () => {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Bollwerk: scanning the workspace…'), cancellable: true },
        (progress, token) => {
          let shown = 0;
          return deps.scanWorkspace((percentage, message) => {
            // VS Code's progress adds increments; the server reports the percentage done
            const increment = percentage === undefined ? undefined : Math.max(0, percentage - shown);
            if (percentage !== undefined) shown = Math.max(shown, percentage);
            progress.report({ ...(message === undefined ? {} : { message }), ...(increment ? { increment } : {}) });
          }, token);
        },
      );
      await tree.refresh();
      if (result.cancelled) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Bollwerk: the workspace scan was cancelled.'));
        return result;
      }
      const scanned = vscode.l10n.t('Bollwerk scanned {0} files: {1} findings.', result.files, result.findings);
      const testData = result.testDataSkipped ? ` ${vscode.l10n.t('{0} files in test-data folders were not checked (setting testDataPaths in .bollwerk.yaml).', result.testDataSkipped)}` : '';
      void vscode.window.showInformationMessage(scanned + testData);
      return result;
    }),
    register('bollwerk.refreshChecklist', () => tree.refresh()),
    register(LOAD_MORE_COMMAND, (itemId?: string) => (typeof itemId === 'string' ? tree.loadMore(itemId) : undefined)),
    register('bollwerk.showChecklist', () => vscode.commands.executeCommand('bollwerk.checklist.focus')),
    register('bollwerk.filterLevel', async (level?: LevelFilter) => {
      let filter = level;
      if (!filter) {
        const picks: (vscode.QuickPickItem & { filter: LevelFilter })[] = [
          { filter: 'all', label: vscode.l10n.t('All items') },
          { filter: 'L1', label: 'L1', description: vscode.l10n.t('CSVS level 1 requirements') },
          { filter: 'L2', label: 'L2', description: vscode.l10n.t('CSVS level 2 requirements') },
          { filter: 'L3', label: 'L3', description: vscode.l10n.t('CSVS level 3 requirements') },
        ];
        for (const p of picks) p.picked = p.filter === tree.filter;
        filter = (await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Show the CSVS requirements of which level? Other checklists are not levelled and stay visible.') }))?.filter;
      }
      if (!filter) return tree.filter;
      tree.setFilter(filter);
      updateDescription();
      return filter;
    }),
    register('bollwerk.attest', async (arg?: unknown, noteArg?: string) => {
      const item = itemIdOf(arg);
      if (!item) return undefined;
      const note = noteArg ?? (await vscode.window.showInputBox({
        title: vscode.l10n.t('Attest {0} as done', item),
        prompt: vscode.l10n.t('A note for the record: what was done, where the evidence is. It is written to {0}.', CONFIG_FILE),
        placeHolder: vscode.l10n.t('e.g. drill held on 2026-11-20, minutes in the wiki'),
        ignoreFocusOut: true,
      }));
      if (note === undefined) return undefined;
      const folder = await attestationFolder();
      if (!folder) return undefined;
      const outcome = await attestItem(deps.editConfig, folder, item, note);
      reportOutcome(outcome);
      void tree.refresh();
      return outcome;
    }),
    register('bollwerk.unattest', async (arg?: unknown) => {
      const item = itemIdOf(arg);
      const folder = item ? await attestationFolder() : undefined;
      if (!item || !folder) return undefined;
      const outcome = await unattestItem(deps.editConfig, folder, item);
      reportOutcome(outcome);
      void tree.refresh();
      return outcome;
    }),
    register('bollwerk.openChecklistItem', async (arg?: unknown) => {
      const item = itemIdOf(arg);
      return item ? showMarkdown(checklistItemUri(item)) : undefined;
    }),
    register('bollwerk.showRuleDocs', async (arg?: unknown) => {
      const rule = await ruleIdOf(arg, tree);
      return rule ? showMarkdown(ruleDocsUri(rule)) : undefined;
    }),
    register('bollwerk.exportReport', async (formatArg?: ReportFormat, targetArg?: vscode.Uri) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to export its compliance report.'));
        return undefined;
      }
      const format = formatArg ?? (await pickFormat());
      const target = format ? (targetArg ?? (await pickTarget(folder, format))) : undefined;
      if (!format || !target) return undefined;
      // a file on this machine is written by the server as it builds the report (a large report is never held whole)
      const onDisk = target.scheme === 'file';
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Bollwerk: building the compliance report…') }, async () => {
        const result = await deps.exportReport({ format, lang, rootUri: folder.toString(), tool: deps.tool, generated: new Date().toISOString(), ...(onDisk ? { targetUri: target.toString() } : {}) });
        await tree.refresh();
        return result;
      });
      if (onDisk ? !report.written : !report.text) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The Bollwerk language server did not return the checklist.'));
        return undefined;
      }
      if (!onDisk) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(report.text));
      const open = vscode.l10n.t('Open');
      if (!targetArg) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Compliance report saved to {0}.', vscode.workspace.asRelativePath(target)), open).then((choice) => {
          if (choice === open) void vscode.commands.executeCommand('vscode.open', target);
        });
      }
      return target;
    }),
  ];
}
