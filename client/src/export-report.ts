import * as vscode from 'vscode';
import type { ItemStatus } from '../../shared/src/checklist/status';
import { documentedRules } from '../../shared/src/lint';
import type { ChecklistFinding, ChecklistResponse } from '../../shared/src/protocol';
import { checklistHtml, checklistMarkdown, sarifReport, type ToolInfo } from '../../shared/src/report/index';
import type { Lang, Result } from '../../shared/src/types';

/** The formats of the compliance report. */
export type ReportFormat = 'html' | 'markdown' | 'sarif';

const EXTENSION: Record<ReportFormat, string> = { html: 'html', markdown: 'md', sarif: 'sarif' };

/** Every distinct finding of the checklist (a finding serves several items but is reported once). */
export function distinctFindings(response: ChecklistResponse): Result[] {
  const seen = new Map<string, ChecklistFinding>();
  for (const status of response.items)
    for (const f of status.findings) seen.set(`${f.uri}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}|${f.ruleId}`, f);
  return [...seen.values()];
}

/** Builds the report text with the shared report builders. */
export function buildReport(format: ReportFormat, response: ChecklistResponse, options: { lang: Lang; rootUri: string; tool: ToolInfo; generated: string }): string {
  const statuses: readonly ItemStatus[] = response.items;
  const checklistOptions = { lang: options.lang, baseUri: options.rootUri, level: response.level, tool: options.tool, filesChecked: response.scannedFiles, generated: options.generated };
  switch (format) {
    case 'html':
      return checklistHtml(statuses, checklistOptions);
    case 'markdown':
      return checklistMarkdown(statuses, checklistOptions);
    case 'sarif':
      return sarifReport(
        { reports: [], workspaceResults: distinctFindings(response), notes: [] },
        { lang: options.lang, rootUri: options.rootUri, tool: options.tool, rules: documentedRules() },
      );
  }
}

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
