import * as vscode from 'vscode';
import { CONFIG_FILE } from '../../shared/src/config-file-name';
import type { EditConfigParams, EditConfigResult } from '../../shared/src/protocol';
import { currentUser, isoDate } from './who';

/** Asks the language server to edit the text of `.bollwerk.yaml` (it keeps comments and layout). */
export type ConfigEditor = (params: EditConfigParams) => Promise<EditConfigResult>;

/** The outcome of writing `.bollwerk.yaml`. */
export type WriteOutcome = { readonly ok: true; readonly uri: vscode.Uri; readonly changed: boolean } | { readonly ok: false; readonly reason: string };

async function readText(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return '';
    throw e;
  }
}

/**
 * Applies a text edit to `.bollwerk.yaml` at the root of `folder`. An open editor of the file is
 * edited and saved (keeping its undo history and unsaved changes); otherwise the file is written.
 */
export async function editConfigFile(folder: vscode.Uri, edit: (text: string) => Promise<EditConfigResult>): Promise<WriteOutcome> {
  const uri = vscode.Uri.joinPath(folder, CONFIG_FILE);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text: string;
  try {
    text = open ? open.getText() : await readText(uri);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const result = await edit(text);
  if (!result.ok) return result;
  if (!result.changed) return { ok: true, uri, changed: false };
  if (open) {
    const we = new vscode.WorkspaceEdit();
    we.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(text.length)), result.text);
    if (!(await vscode.workspace.applyEdit(we)) || !(await open.save())) return { ok: false, reason: vscode.l10n.t('the editor refused the change') };
  } else {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.text));
  }
  return { ok: true, uri, changed: true };
}

/** The folder whose `.bollwerk.yaml` records attestations: the only one, or the one the user picks. */
export async function attestationFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which folder\'s {0} records the attestation?', CONFIG_FILE) });
  return picked?.uri;
}

/** Records that a manual item was done: who (git user.name or OS user), when (ISO date) and the note. */
export async function attestItem(editor: ConfigEditor, folder: vscode.Uri, item: string, note: string): Promise<WriteOutcome> {
  const by = await currentUser(folder.scheme === 'file' ? folder.fsPath : undefined);
  const attestation = { item, by, date: isoDate(), ...(note.trim() ? { note: note.trim() } : {}) };
  return editConfigFile(folder, (text) => editor({ text, edit: { kind: 'attest', attestation } }));
}

/** Withdraws the attestation of an item. */
export function unattestItem(editor: ConfigEditor, folder: vscode.Uri, item: string): Promise<WriteOutcome> {
  return editConfigFile(folder, (text) => editor({ text, edit: { kind: 'unattest', item } }));
}
