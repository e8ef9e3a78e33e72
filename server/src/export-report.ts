import type { ItemStatus } from '../../shared/src/checklist/status';
import { documentedRules } from '../../shared/src/lint';
import type { ChecklistFinding, ChecklistResponse, ExportReportParams } from '../../shared/src/protocol';
import { checklistHtml, checklistMarkdown, sarifReport } from '../../shared/src/report/index';
import type { Result } from '../../shared/src/types';

/** Every distinct finding of the checklist: a finding serves several items but is reported once. */
export function distinctFindings(response: ChecklistResponse): Result[] {
  const seen = new Map<string, ChecklistFinding>();
  for (const status of response.items)
    for (const f of status.findings) seen.set(`${f.uri}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}|${f.ruleId}`, f);
  return [...seen.values()];
}

/**
 * The compliance report of `bollwerk/exportReport`, built here rather than in the extension so that
 * the extension carries no rule engine: HTML or Markdown of the checklist with its status, or the
 * findings as SARIF.
 */
export function buildReport(response: ChecklistResponse, params: ExportReportParams): string {
  const statuses: readonly ItemStatus[] = response.items;
  const options = { lang: params.lang, baseUri: params.rootUri, level: response.level, tool: params.tool, filesChecked: response.scannedFiles, generated: params.generated };
  switch (params.format) {
    case 'html':
      return checklistHtml(statuses, options);
    case 'markdown':
      return checklistMarkdown(statuses, options);
    case 'sarif':
      return sarifReport(
        { reports: [], workspaceResults: distinctFindings(response), notes: [] },
        { lang: params.lang, rootUri: params.rootUri, tool: params.tool, rules: documentedRules() },
      );
  }
}
