import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import {
  CHECKLIST_CHANGED_NOTIFICATION,
  CHECKLIST_FINDINGS_REQUEST,
  CHECKLIST_REQUEST,
  RULE_DOCS_REQUEST,
  EDIT_CONFIG_REQUEST,
  EXPORT_REPORT_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  type ChecklistFindingsParams,
  type ChecklistFindingsResult,
  type ChecklistParams,
  type ChecklistResponse,
  type InitializationOptions,
  type RuleDocsParams,
  type RuleDocsResult,
  type ScanWorkspaceParams,
  type EditConfigParams,
  type EditConfigResult,
  type ExportReportParams,
  type ExportReportResult,
  type ScanWorkspaceResult,
} from '../../shared/src/protocol';
import type { ChecklistNode } from './checklist-model';
import { ChecklistTreeProvider } from './checklist-tree';
import { registerCommands } from './commands';
import { createDocsProvider, DOCS_SCHEME } from './docs';
import { createLanguageClient, FEATURES_SETTING, initializationOptions } from './language-client';
import { displayLang } from './labels';
import { createFindingsStatus, type FindingsStatus } from './status-bar';

/** What `activate` returns: the parts end-to-end tests (and other extensions) can inspect. */
export interface BollwerkApi {
  readonly client: LanguageClient;
  /** Resolves once the language server is running. */
  readonly ready: Promise<void>;
  readonly checklist: ChecklistTreeProvider;
  readonly view: vscode.TreeView<ChecklistNode>;
  readonly status: FindingsStatus;
}

// The one piece of module state: VS Code calls `deactivate` without arguments, and it must be
// able to stop the server and wait for it (disposables are not awaited).
let stopServer: (() => Promise<void>) | undefined;

/** Calls `fn` once `ms` after the last call. */
function debounce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  run.cancel = () => timer && clearTimeout(timer);
  return run;
}

/** Starts the language server and registers the checklist view, the commands and the status bar item. */
export function activate(context: vscode.ExtensionContext): BollwerkApi {
  const lang = displayLang();
  const output = vscode.window.createOutputChannel('Bollwerk', { log: true });
  const client = createLanguageClient(context, output);
  const restartIfFeaturesChanged = async (): Promise<void> => {
    const current = client.clientOptions.initializationOptions as InitializationOptions;
    const next = initializationOptions(current.trusted ?? vscode.workspace.isTrusted);
    if (next.dockerfileLanguageFeatures === current.dockerfileLanguageFeatures) return;
    (client.clientOptions.initializationOptions as InitializationOptions) = next;
    await client.restart();
  };
  const ready = client.start();
  stopServer = () => client.stop();
  ready.catch((e: unknown) => output.error(`The language server did not start: ${String(e)}`));
  const request = async <P, R>(method: string, params: P): Promise<R> => {
    await ready;
    return client.sendRequest<R>(method, params);
  };

  const folderRoot = (): vscode.Uri | undefined => vscode.workspace.workspaceFolders?.[0]?.uri;
  const checklist = new ChecklistTreeProvider(
    () => request<ChecklistParams, ChecklistResponse>(CHECKLIST_REQUEST, {}),
    (itemId, cursor) => request<ChecklistFindingsParams, ChecklistFindingsResult>(CHECKLIST_FINDINGS_REQUEST, { itemId, ...(cursor === undefined ? {} : { cursor }) }),
    lang,
    folderRoot,
  );
  const view = vscode.window.createTreeView('bollwerk.checklist', { treeDataProvider: checklist, showCollapseAll: true });
  const status = createFindingsStatus();
  const docs = createDocsProvider({
    lang,
    ruleDocs: async (ruleId) => (await request<RuleDocsParams, RuleDocsResult>(RULE_DOCS_REQUEST, { ruleId, lang })).markdown,
    statusOf: (id) => checklist.statusOf(id),
  });

  // The tree follows the server: it says when results changed; diagnostics changes of open files
  // are a second trigger in case a notification is lost while the server restarts.
  const refreshSoon = debounce(() => void checklist.refresh(), 300);
  const refreshOnDiagnostics = debounce(() => {
    if (checklist.data) void checklist.refresh();
  }, 1000);
  void ready.then(() => context.subscriptions.push(client.onNotification(CHECKLIST_CHANGED_NOTIFICATION, refreshSoon)));

  context.subscriptions.push(
    output,
    checklist,
    view,
    status,
    docs,
    { dispose: () => (refreshSoon.cancel(), refreshOnDiagnostics.cancel()) },
    vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, docs),
    vscode.languages.onDidChangeDiagnostics(refreshOnDiagnostics),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // Registry lookups become allowed: the server learns it at initialization, so restart it.
      (client.clientOptions.initializationOptions as InitializationOptions) = initializationOptions(true);
      await client.restart();
    }),
    // The Dockerfile features are decided at start: a change of the setting, or an extension that
    // brings them being installed or removed, restarts the server when the decision changes.
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(FEATURES_SETTING) && void restartIfFeaturesChanged()),
    vscode.extensions.onDidChange(() => void restartIfFeaturesChanged()),
    ...registerCommands({
      lang,
      tool: { name: 'bollwerk', version: String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0') },
      tree: checklist,
      view,
      scanWorkspace: async (report, token) => {
        await ready;
        // the server reports on this token; cancelling the request ($/cancelRequest) stops the scan
        const workDoneToken = `bollwerk-scan-${Date.now()}`;
        const progress = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind !== 'end') report(value.percentage, value.message);
        });
        try {
          return await client.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST, { workDoneToken } satisfies ScanWorkspaceParams, token);
        } finally {
          progress.dispose();
        }
      },
      exportReport: (params) => request<ExportReportParams, ExportReportResult>(EXPORT_REPORT_REQUEST, params),
      editConfig: (params) => request<EditConfigParams, EditConfigResult>(EDIT_CONFIG_REQUEST, params),
    }),
  );
  return { client, ready, checklist, view, status };
}

/** Stops the language server. */
export function deactivate(): Promise<void> | undefined {
  const stop = stopServer;
  stopServer = undefined;
  return stop?.();
}
