// Custom LSP messages between the Bollwerk language server and its clients. Plain method names
// and JSON types only (no jsonrpc classes), so that server and client bundles, which carry
// different vscode-jsonrpc versions, share them without type clashes.
import type { Range } from 'vscode-languageserver-types';
import type { ChecklistDocument, ChecklistItem } from './checklist/index';
import type { ItemStatus } from './checklist/status';
import type { Lang, Level, Localized, Severity } from './types';

/** `initializationOptions` the server understands. */
export interface InitializationOptions {
  /** Display language of the editor (`de…` selects German); falls back to `InitializeParams.locale`. */
  readonly locale?: string;
  /** False in an untrusted workspace: no registry lookups, only severity-like config keys apply. */
  readonly trusted?: boolean;
}

/** The `bollwerk` configuration section, pulled per workspace folder with `workspace/configuration`. */
export interface BollwerkSettings {
  readonly level?: Level;
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  readonly trustedRegistries?: readonly string[];
  readonly pinning?: { readonly enabled?: boolean };
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

/** Where the rule documentation lives; each rule is a `### <rule id>` heading there. */
export const RULE_DOCS_BASE = 'https://github.com/bollwerk/bollwerk/blob/main/docs/rules.md';

/** The GitHub heading anchor of a rule id (`k8s/read-only-root-filesystem` → `k8sread-only-root-filesystem`). */
export function ruleDocsAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** The documentation URL of a rule (diagnostic `codeDescription.href`, SARIF `helpUri`). */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}#${ruleDocsAnchor(ruleId)}`;
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

/** One checklist item with its status: ItemStatus of checklist/status.ts, findings trimmed for the wire, plus the item. */
export type ChecklistItemStatus = Omit<ItemStatus, 'findings'> & {
  readonly findings: readonly ChecklistFinding[];
  readonly item: ChecklistItem;
  /** Findings of the item's rules that the baseline lists (not in `findings`, not failing the item). */
  readonly baselined?: number;
};

/** Request `bollwerk/checklist`: the checklist with status over the workspace (scans it first if it never was). */
export const CHECKLIST_REQUEST = 'bollwerk/checklist';

/** Parameters of `bollwerk/checklist`; without `folderUri` all workspace folders together. */
export interface ChecklistParams {
  readonly folderUri?: string;
}

/** Result of `bollwerk/checklist`. */
export interface ChecklistResponse {
  readonly documents: readonly ChecklistDocument[];
  readonly items: readonly ChecklistItemStatus[];
  /** The configured CSVS level that was applied. */
  readonly level: Level;
  readonly scannedFiles: number;
}

/** Request `bollwerk/scanWorkspace`: lints every file of the workspace folders, runs workspace rules, refreshes diagnostics. */
export const SCAN_WORKSPACE_REQUEST = 'bollwerk/scanWorkspace';

/** Parameters of `bollwerk/scanWorkspace`. */
export type ScanWorkspaceParams = Record<string, never>;

/** Result of `bollwerk/scanWorkspace`. */
export interface ScanWorkspaceResult {
  readonly files: number;
  readonly findings: number;
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

/** Every custom request with its parameter and result types (for typed send/handle helpers). */
export interface BollwerkRequests {
  readonly [CHECKLIST_REQUEST]: { readonly params: ChecklistParams; readonly result: ChecklistResponse };
  readonly [SCAN_WORKSPACE_REQUEST]: { readonly params: ScanWorkspaceParams; readonly result: ScanWorkspaceResult };
  readonly [RULE_DOCS_REQUEST]: { readonly params: RuleDocsParams; readonly result: RuleDocsResult };
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
