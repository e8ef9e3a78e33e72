// Read-only Markdown documents under the `bollwerk:` scheme: a rule's documentation (from the
// server's `bollwerk/ruleDocs`) and a checklist item's text (shipped in the bundle; the seed
// documents themselves are not part of the package).
import * as vscode from 'vscode';
import { documentById, itemById, type ChecklistItem } from '../../shared/src/checklist/index';
import type { ChecklistItemStatus } from '../../shared/src/protocol';
import type { Lang } from '../../shared/src/types';
import { stateLabel } from './labels';

/** The URI scheme of Bollwerk's virtual documents. */
export const DOCS_SCHEME = 'bollwerk';

/** The virtual document of a rule's documentation. */
export const ruleDocsUri = (ruleId: string): vscode.Uri => vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/rule/${ruleId}.md` });

/** The virtual document of a checklist item. */
export const checklistItemUri = (itemId: string): vscode.Uri => vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/checklist/${itemId}.md` });

/** What the documents need from the rest of the extension. */
export interface DocsDeps {
  readonly lang: Lang;
  ruleDocs(ruleId: string): Promise<string>;
  /** The item's current status, when the checklist has been loaded. */
  statusOf(itemId: string): ChecklistItemStatus | undefined;
}

const quote = (text: string): string => text.split('\n').map((l) => `> ${l}`).join('\n');

/** The Markdown of a checklist item: document, section, original wording, translation, levels and status. */
export function checklistItemMarkdown(item: ChecklistItem, lang: Lang, status: ChecklistItemStatus | undefined): string {
  const document = documentById(item.document);
  const other: Lang = item.original === 'de' ? 'en' : 'de';
  const lines = [
    `# ${item.id}`,
    '',
    `**${vscode.l10n.t('Document')}:** ${document ? `${document.title[lang]} (\`${document.file}\`)` : item.document}  `,
    `**${vscode.l10n.t('Section')}:** ${item.section.id} ${item.section.title[lang]}  `,
  ];
  if (item.levels?.length) lines.push(`**${vscode.l10n.t('CSVS levels')}:** ${item.levels.join(', ')}  `);
  lines.push('', quote(item.text[item.original]), '');
  if (item.text[other] !== item.text[item.original]) lines.push(`*${other === 'en' ? 'English' : 'Deutsch'}:* ${item.text[other]}`, '');
  if (status) {
    lines.push(`**${vscode.l10n.t('Status')}:** ${stateLabel(status.state, status.findingCount)}`, '');
    if (status.rules.length) lines.push(`**${vscode.l10n.t('Rules')}:** ${status.rules.map((r) => `\`${r}\``).join(', ')}`, '');
    if (status.attestation) {
      const a = status.attestation;
      lines.push(`${vscode.l10n.t('Attested by {0} on {1}', a.by, a.date)}${a.note ? ` — ${a.note}` : ''}`, '');
    }
  }
  if (!item.checkable && item.manual) lines.push(`*${vscode.l10n.t('Why this item is manual')}:* ${item.manual[lang]}`, '');
  return lines.join('\n');
}

/** Creates the content provider of the `bollwerk:` scheme. */
export function createDocsProvider(deps: DocsDeps): vscode.TextDocumentContentProvider & { refresh(uri: vscode.Uri): void; dispose(): void } {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  return {
    onDidChange: changed.event,
    refresh: (uri) => changed.fire(uri),
    dispose: () => changed.dispose(),
    async provideTextDocumentContent(uri) {
      const rule = /^\/rule\/(.+)\.md$/.exec(uri.path);
      if (rule) {
        const markdown = await deps.ruleDocs(rule[1]!);
        return markdown || vscode.l10n.t('No documentation for rule {0}.', rule[1]!);
      }
      const item = /^\/checklist\/(.+)\.md$/.exec(uri.path);
      const found = item ? itemById(item[1]!) : undefined;
      if (found) return checklistItemMarkdown(found, deps.lang, deps.statusOf(found.id));
      return vscode.l10n.t('Unknown Bollwerk document {0}.', uri.path);
    },
  };
}

/** Shows a virtual Markdown document as a preview, or as text where no Markdown preview exists. */
export async function showMarkdown(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(document, { preview: true });
  }
  return document;
}
