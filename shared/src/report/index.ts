// Report builders: findings as text, JSON and SARIF; the checklist as text, JSON, Markdown and
// HTML. Pure functions over scan data (no Node APIs), shared by the CLI and the editor.
export { collect, compareResults, countBySeverity, displayPath, flatten, relativeUri, reportInput, type FileNote, type Flat, type ReportInput, type ReportWrite, type ScanData, type ToolInfo } from './common';
export { summaryLine, summaryLineOf, textReport, writeTextReport, type TextOptions } from './text';
export { JSON_REPORT_VERSION, jsonReport, jsonReportObject, writeJsonReport, type JsonOptions, type JsonReport, type JsonResult } from './json';
export { ruleHelpMarkdown, ruleHelpText, sarifLog, sarifReport, writeSarifReport, type SarifOptions } from './sarif';
export { STATE_LABEL, checklistJson, checklistJsonObject, checklistMarkdown, checklistMarkdownParts, checklistText, sections, type ChecklistOptions, type DocumentSection } from './checklist';
export { checklistHtml, checklistHtmlParts } from './checklist-html';
export { GITLAB_SEVERITY, gitlabIssues, gitlabReport, writeGitlabReport, type GitlabIssue, type GitlabOptions, type GitlabSeverity } from './gitlab';
