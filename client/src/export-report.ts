import * as vscode from 'vscode';
import type { ReportFormat } from '../../shared/src/protocol';

export type { ReportFormat };

const EXTENSION: Record<ReportFormat, string> = { html: 'html', markdown: 'md', sarif: 'sarif' };

/** Asks for the format; undefined when the user cancels. */
export async function pickFormat(): Promise<ReportFormat | undefined> {
  const picks: (vscode.QuickPickItem & { format: ReportFormat })[] = [
    { format: 'html', label: 'HTML', description: vscode.l10n.t('Compliance report to hand to an auditor') },
    { format: 'markdown', label: 'Markdown', description: vscode.l10n.t('Checklist with status for a wiki or merge request') },
    { format: 'sarif', label: 'SARIF 2.1.0', description: vscode.l10n.t('Findings for code-scanning tools') },
  ];
  const picked = await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Export Compliance Report'), placeHolder: vscode.l10n.t('Choose the report format') });
  return picked?.format;
}

/** Asks where to save the report; undefined when the user cancels. */
export async function pickTarget(folder: vscode.Uri, format: ReportFormat): Promise<vscode.Uri | undefined> {
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save Compliance Report'),
    defaultUri: vscode.Uri.joinPath(folder, `bollwerk-report.${EXTENSION[format]}`),
    filters: { [format === 'sarif' ? 'SARIF' : format === 'html' ? 'HTML' : 'Markdown']: [EXTENSION[format]] },
  });
}
