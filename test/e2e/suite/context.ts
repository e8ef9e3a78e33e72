import * as vscode from 'vscode';
import type { ChecklistFinding } from '../../../shared/src/protocol';
import type { ItemNode } from '../../../client/src/checklist-model';
import type { ChecklistTreeProvider } from '../../../client/src/checklist-tree';
import type { BollwerkApi } from '../../../client/src/extension';
import { waitFor } from './harness';

/** The extension's id (publisher.name from package.json). */
export const EXTENSION_ID = 'bollwerk.bollwerk';

/** Activates the extension and waits for its language server. */
export async function api(): Promise<BollwerkApi> {
  const extension = vscode.extensions.getExtension<BollwerkApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const exported = await extension.activate();
  await exported.ready;
  return exported;
}

/** The test workspace's root folder. */
export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

/** A file of the test workspace. */
export const file = (name: string): vscode.Uri => vscode.Uri.joinPath(root(), name);

/** The Bollwerk diagnostics of a file. */
export const bollwerkDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'bollwerk');

/** The rule id of a diagnostic (`code` may carry a link target); a grouped diagnostic's code is its most severe rule. */
export const ruleOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? ''));

/** Every rule a diagnostic stands for: its code, and the rules a grouped diagnostic lists (`• message (rule-id; items)`). */
export const rulesOf = (d: vscode.Diagnostic): string[] => [ruleOf(d), ...[...d.message.matchAll(/^• .*\(([a-z0-9-]+\/[a-z0-9-]+)[;)]/gm)].map((m) => m[1]!)];

/** Opens a file in an editor. */
export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(file(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Waits for a diagnostic of `rule` in `uri` (or for it to disappear with `present: false`). */
export function waitForRule(uri: vscode.Uri, rule: string, present = true, timeoutMs = 20_000): Promise<vscode.Diagnostic | true> {
  return waitFor(
    `${present ? '' : 'no more '}${rule} in ${uri.path.split('/').pop()}`,
    () => {
      const d = bollwerkDiagnostics(uri).find((x) => rulesOf(x).includes(rule));
      return present ? d : !d;
    },
    { timeoutMs, events: [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>] },
  );
}

/** The plain text of hover contents. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/**
 * Every finding of an item as the tree shows it: its children after expanding it, with every
 * "load more" node followed until none is left.
 */
export async function findingsOf(tree: ChecklistTreeProvider, item: ItemNode): Promise<ChecklistFinding[]> {
  for (let pages = 0; pages < 1000; pages++) {
    const children = await tree.getChildren(item);
    const more = children.find((c) => c.kind === 'more');
    if (!more) return children.flatMap((c) => (c.kind === 'finding' ? [c.finding] : []));
    const command = tree.getTreeItem(more).command;
    if (!command) throw new Error('a "load more" node without a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
  }
  throw new Error(`${item.id}: more than 1,000 pages of findings`);
}
