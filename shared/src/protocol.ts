// Custom LSP messages between the Bollwerk language server and its clients. Plain method names
// and JSON types only (no jsonrpc classes), so that server and client bundles, which carry
// different vscode-jsonrpc versions, share them without type clashes.
import type { Range } from 'vscode-languageserver-types';
import type { ItemStatus } from './checklist/status';
import type { Lang, Level, Localized, Severity } from './types';

/** `initializationOptions` the server understands. */
export interface InitializationOptions {
  /** Display language of the editor (`de…` selects German); falls back to `InitializeParams.locale`. */
  readonly locale?: string;
  /** False in an untrusted workspace: no registry lookups, only severity-like config keys apply. */
  readonly trusted?: boolean;
  /** False turns off the Dockerfile language features (completion, formatting, symbols, …); on when absent. */
  readonly dockerfileLanguageFeatures?: boolean;
  /** True when the client runs Bollwerk's VS Code extension: hovers link the rule documentation with the `bollwerk.showRuleDocs` command. */
  readonly commandLinks?: boolean;
}

/** The `bollwerk` configuration section, pulled per workspace folder with `workspace/configuration`. */
export interface BollwerkSettings {
  readonly level?: Level;
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  readonly trustedRegistries?: readonly string[];
  /** `insecureRegistries` comes from user or machine settings only (the setting's scope is `machine`). */
  readonly pinning?: { readonly enabled?: boolean; readonly insecureRegistries?: readonly string[] };
  /** Display language of messages; `auto` (or absent) follows the editor. */
  readonly lang?: Lang | 'auto';
  /** How findings listed in the baseline show: hidden, or as hints (the default). */
  readonly baseline?: { readonly display?: BaselineDisplay };
}

/** How the editor shows findings the baseline lists. */
export type BaselineDisplay = 'hide' | 'hint';

/** The configuration section name. */
export const SETTINGS_SECTION = 'bollwerk';

/** Diagnostic `source` of every Bollwerk diagnostic. */
export const DIAGNOSTIC_SOURCE = 'bollwerk';

/** Code action kind of "fix all Bollwerk problems in this file" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.bollwerk';

/** The rule documentation, shipped with the extension and the npm package; each rule is a `### <rule id>` heading there. */
export const RULE_DOCS_PATH = 'docs/rules.md';

/** The GitHub heading anchor of a rule id (`k8s/read-only-root-filesystem` → `k8sread-only-root-filesystem`). */
export function ruleDocsAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** A rule's place in the documentation shipped beside the report (`docs/rules.md#<anchor>`, relative). */
export function ruleDocsPath(ruleId: string): string {
  return `${RULE_DOCS_PATH}#${ruleDocsAnchor(ruleId)}`;
}

/** Status of one checklist item over the workspace. */
export type { ItemState } from './checklist/status';

/** A finding as sent to the client (no fix edits, no rule data). */
export interface ChecklistFinding {
  readonly uri: string;
  readonly range: Range;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: Localized;
}

/**
 * One checklist item with its status and counts: ItemStatus of checklist/status.ts without its
 * findings (they come a page at a time with `bollwerk/checklistFindings`) and without the item's
 * texts (the client has the checklist, `itemById`), so that the answer's size does not grow with
 * the repository.
 */
export type ChecklistItemStatus = Omit<ItemStatus, 'findings'> & {
  /** Open findings of the item's rules (not counting those the baseline lists). */
  readonly findingCount: number;
  /** Findings of the item's rules that the baseline lists (not in `findingCount`, not failing the item). */
  readonly baselined?: number;
  /** How many places prove the item when `evidence` lists only the first {@link CHECKLIST_EVIDENCE_MAX} of them. */
  readonly evidenceTotal?: number;
};

/** The most pieces of evidence an item of `bollwerk/checklist` lists (the answer stays small in a repository of many CI files). */
export const CHECKLIST_EVIDENCE_MAX = 10;

/** Request `bollwerk/checklist`: the checklist with status and counts over the workspace (scans it first if it never was). */
export const CHECKLIST_REQUEST = 'bollwerk/checklist';

/** Parameters of `bollwerk/checklist`; without `folderUri` all workspace folders together. */
export interface ChecklistParams {
  readonly folderUri?: string;
}

/** Result of `bollwerk/checklist`: one status per item of the checklist (`ITEMS` order). */
export interface ChecklistResponse {
  readonly items: readonly ChecklistItemStatus[];
  /** The configured CSVS level that was applied. */
  readonly level: Level;
  readonly scannedFiles: number;
  /** Changes whenever the results behind the answer change; pages of findings carry it too. */
  readonly resultId: string;
}

/** Request `bollwerk/checklistFindings`: one page of an item's open findings, in a stable order (file, position, rule). */
export const CHECKLIST_FINDINGS_REQUEST = 'bollwerk/checklistFindings';

/** Findings per page when the request names no `limit`, and the most a page holds. */
export const CHECKLIST_PAGE_SIZE = 100;
export const CHECKLIST_PAGE_MAX = 1000;

/** Parameters of `bollwerk/checklistFindings`. */
export interface ChecklistFindingsParams {
  readonly itemId: string;
  /** As in `bollwerk/checklist`. */
  readonly folderUri?: string;
  /** Where the page starts: `nextCursor` of the previous page; the first page without it. */
  readonly cursor?: string;
  /** Findings per page (1 to {@link CHECKLIST_PAGE_MAX}; {@link CHECKLIST_PAGE_SIZE} when absent). */
  readonly limit?: number;
}

/** Result of `bollwerk/checklistFindings`. */
export interface ChecklistFindingsResult {
  readonly itemId: string;
  readonly findings: readonly ChecklistFinding[];
  /** The item's open findings in all. */
  readonly total: number;
  /** The cursor of the next page; absent on the last page. */
  readonly nextCursor?: string;
  /** The `resultId` of the checklist the page was taken from: when it differs from the tree's, the tree is stale. */
  readonly resultId: string;
}

/** Request `bollwerk/scanWorkspace`: lints every file of the workspace folders, runs workspace rules, refreshes diagnostics. */
export const SCAN_WORKSPACE_REQUEST = 'bollwerk/scanWorkspace';

/**
 * Parameters of `bollwerk/scanWorkspace`. The scan reports its progress on `workDoneToken` when the client
 * gives one, else on a progress the server creates (`window/workDoneProgress/create`) when the client
 * supports it; cancelling that progress, or the request (`$/cancelRequest`), stops the scan.
 */
export interface ScanWorkspaceParams {
  readonly workDoneToken?: string | number;
}

/** Result of `bollwerk/scanWorkspace`. */
export interface ScanWorkspaceResult {
  readonly files: number;
  readonly findings: number;
  /** Files skipped as test data, when there were any. */
  readonly testDataSkipped?: number;
  /** True when the scan was cancelled: the results of the last complete scan stay. */
  readonly cancelled?: boolean;
}

/** Notification `bollwerk/checklistChanged` (server → client): results changed, re-request the checklist. Debounced. */
export const CHECKLIST_CHANGED_NOTIFICATION = 'bollwerk/checklistChanged';

/** Parameters of `bollwerk/checklistChanged`. */
export type ChecklistChangedParams = Record<string, never>;

/** Request `bollwerk/ruleDocs`: a rule's documentation as Markdown. */
export const RULE_DOCS_REQUEST = 'bollwerk/ruleDocs';

/** Parameters of `bollwerk/ruleDocs`. */
export interface RuleDocsParams {
  readonly ruleId: string;
  readonly lang: Lang;
}

/** Result of `bollwerk/ruleDocs`; `markdown` is empty for an unknown rule. */
export interface RuleDocsResult {
  readonly ruleId: string;
  readonly markdown: string;
}

/** Request `bollwerk/exportReport`: the compliance report over the workspace, built by the server. */
export const EXPORT_REPORT_REQUEST = 'bollwerk/exportReport';

/** The formats of the compliance report. */
export type ReportFormat = 'html' | 'markdown' | 'sarif';

/** Parameters of `bollwerk/exportReport`. */
export interface ExportReportParams {
  readonly format: ReportFormat;
  readonly lang: Lang;
  /** The folder whose checklist is reported (all workspace folders when absent); paths in the report are relative to `rootUri`. */
  readonly folderUri?: string;
  readonly rootUri: string;
  /** The extension's name and version, named in the report. */
  readonly tool: { readonly name: string; readonly version: string };
  /** When the report was made (ISO 8601). */
  readonly generated: string;
  /**
   * A `file:` URI the server writes the report to as it builds it (the answer then carries no text);
   * without it the report comes back as `text`.
   */
  readonly targetUri?: string;
}

/** Result of `bollwerk/exportReport`: the report's text, or (with `targetUri`) the bytes written there. */
export interface ExportReportResult {
  readonly text: string;
  readonly written?: number;
}

/** Request `bollwerk/editConfig`: the text of `.bollwerk.yaml` with an attestation added or removed (comments and layout kept). */
export const EDIT_CONFIG_REQUEST = 'bollwerk/editConfig';

/** Parameters of `bollwerk/editConfig`: the file's current text and the change. */
export interface EditConfigParams {
  readonly text: string;
  readonly edit:
    | { readonly kind: 'attest'; readonly attestation: { readonly item: string; readonly by: string; readonly date: string; readonly note?: string } }
    | { readonly kind: 'unattest'; readonly item: string };
}

/** Result of `bollwerk/editConfig`: the new text, or why the file cannot be edited. */
export type EditConfigResult = { readonly ok: true; readonly text: string; readonly changed: boolean } | { readonly ok: false; readonly reason: string };

/** Every custom request with its parameter and result types (for typed send/handle helpers). */
export interface BollwerkRequests {
  readonly [CHECKLIST_REQUEST]: { readonly params: ChecklistParams; readonly result: ChecklistResponse };
  readonly [CHECKLIST_FINDINGS_REQUEST]: { readonly params: ChecklistFindingsParams; readonly result: ChecklistFindingsResult };
  readonly [SCAN_WORKSPACE_REQUEST]: { readonly params: ScanWorkspaceParams; readonly result: ScanWorkspaceResult };
  readonly [RULE_DOCS_REQUEST]: { readonly params: RuleDocsParams; readonly result: RuleDocsResult };
  readonly [EXPORT_REPORT_REQUEST]: { readonly params: ExportReportParams; readonly result: ExportReportResult };
  readonly [EDIT_CONFIG_REQUEST]: { readonly params: EditConfigParams; readonly result: EditConfigResult };
}

/**
 * What a Bollwerk diagnostic carries in `data`: the finding's own `data` (e.g. `pin.reference` for
 * digest pinning) plus the document version and the rule's fix edits for that version (no title:
 * large manifests carry thousands of diagnostics, and every byte is sent on each keystroke).
 */
export interface DiagnosticData {
  readonly [key: string]: unknown;
  /** Document version the fix edits were computed for. */
  readonly version: number;
  /** The edits of the rule's fix, if any (the action's title comes with `textDocument/codeAction`). */
  readonly fix?: { readonly edits: readonly { readonly range: Range; readonly newText: string }[] };
  /** The image reference to pin (digest-pinning findings). */
  readonly pin?: { readonly reference: string };
}
