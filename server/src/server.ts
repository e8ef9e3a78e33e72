import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type ClientCapabilities,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from '../../shared/src/config';
import { lintText } from '../../shared/src/lint';
import * as P from '../../shared/src/protocol';
import { codeActions, fixAllAction, isFixAllData, wanted } from './code-actions';
import { hoverAt } from './hover';
import { langOfLocale } from './i18n';
import { createPinActions } from './pin-actions';
import { ruleDocsMarkdown } from './rule-docs';
import { createService } from './service';
import { createSettingsCache } from './settings';

/** Milliseconds a document waits after a change before it is linted (a newer change restarts the wait). */
export const DEBOUNCE_MS = 10;
const CHECKLIST_DEBOUNCE_MS = 250;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const cancelled = (): ResponseError<P.DiagnosticData | { retriggerRequest: boolean }> => new ResponseError(LSPErrorCodes.ServerCancelled, 'a newer version arrived', { retriggerRequest: true });

/** Wires the Bollwerk language server onto a connection; all mutable state lives in this closure. */
export function createServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = (m: string): void => connection.console.error(m);
  let caps: ClientCapabilities = {};
  let folders: string[] = [];
  let trusted = true;
  let editorLang: P.InitializationOptions['locale'];
  let pull = false;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let checklistTimer: ReturnType<typeof setTimeout> | undefined;

  /** Runs a handler; an error is logged and answered with `fallback` (cancellations pass through). */
  const safe = <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
        return fallback;
      }
    };

  const settings = createSettingsCache({
    folders: () => folders,
    pullSection: async (scopeUri) => (caps.workspace?.configuration ? connection.workspace.getConfiguration({ scopeUri, section: P.SETTINGS_SECTION }) : undefined),
    get trusted() {
      return trusted;
    },
    get editorLang() {
      return langOfLocale(editorLang);
    },
    log,
  });

  const service = createService({
    documents,
    settings,
    folders: () => folders,
    log,
    filesChanged: (uris) => void filesChanged(uris).catch(log),
    checklistChanged: () => {
      if (checklistTimer) clearTimeout(checklistTimer);
      checklistTimer = setTimeout(() => void connection.sendNotification(P.CHECKLIST_CHANGED_NOTIFICATION, {}).catch(log), CHECKLIST_DEBOUNCE_MS);
    },
  });

  const pin = createPinActions({
    isAllowed: async (uri) => trusted && (await settings.forUri(uri)).pinningAllowed,
    log,
    settingsFor: async (uri) => settings.forUri(uri).then((s) => ({ lang: s.lang, pinning: s.config.pinning })),
    document: (uri) => documents.get(uri),
    notify: (message) => void connection.window.showWarningMessage(message),
    progress: async (title) => {
      if (!caps.window?.workDoneProgress) return { done: () => undefined };
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin(title);
      return { done: () => progress.done() };
    },
  });

  const refreshPull = (): void => {
    if (caps.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh().catch(log);
  };

  async function publishOpen(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const state = await service.documentState(document);
    if (documents.get(uri)?.version !== version) return; // a newer version is on its way
    await connection.sendDiagnostics({ uri, version, diagnostics: state.diagnostics });
  }

  async function filesChanged(uris: readonly string[]): Promise<void> {
    if (pull) return refreshPull();
    for (const uri of uris) {
      if (documents.get(uri)) schedule(uri);
      else await connection.sendDiagnostics({ uri, diagnostics: (await service.closedState(uri))?.diagnostics ?? [] });
    }
  }

  function schedule(uri: string): void {
    if (pull) return;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      safe('publishDiagnostics', undefined, publishOpen)(uri).catch(log);
    }, DEBOUNCE_MS));
  }

  async function relintAll(): Promise<void> {
    service.invalidate();
    if (service.scanned) await service.scanWorkspace();
    if (pull) refreshPull();
    else for (const d of documents.all()) schedule(d.uri);
  }

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as P.InitializationOptions;
    trusted = options.trusted !== false;
    editorLang = options.locale ?? params.locale;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    pull = caps.textDocument?.diagnostic !== undefined;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, P.FIX_ALL_KIND], resolveProvider: true },
        ...(pull ? { diagnosticProvider: { identifier: 'bollwerk', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'bollwerk-language-server' },
    };
  });

  connection.onInitialized(safe('initialized', undefined, async () => {
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: P.SETTINGS_SECTION });
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE}` }] });
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(safe('workspaceFolders', undefined, async (e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
        await relintAll();
      }));
    }
  }));

  connection.onDidChangeConfiguration(safe('didChangeConfiguration', undefined, relintAll));
  connection.onDidChangeWatchedFiles(safe('didChangeWatchedFiles', undefined, async (params) => {
    if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE}`))) return relintAll();
    for (const c of params.changes) await service.fileChangedOnDisk(c.uri);
  }));

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose(safe('didClose', undefined, async (e) => {
    const uri = e.document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    service.forget(uri);
    if (!pull) await connection.sendDiagnostics({ uri, diagnostics: (await service.closedState(uri))?.diagnostics ?? [] });
  }));

  connection.languages.diagnostics.on(safe('textDocument/diagnostic', { kind: 'full', items: [] } as DocumentDiagnosticReport, async (params, token: CancellationToken) => {
    await delay(DEBOUNCE_MS);
    if (token.isCancellationRequested) throw cancelled();
    const document = documents.get(params.textDocument.uri);
    if (!document) {
      const closed = await service.closedState(params.textDocument.uri);
      return { kind: 'full', items: closed?.diagnostics ?? [] };
    }
    const state = await service.documentState(document);
    if (params.previousResultId === state.resultId) return { kind: 'unchanged', resultId: state.resultId };
    return { kind: 'full', resultId: state.resultId, items: state.diagnostics };
  }));

  connection.languages.diagnostics.onWorkspace(safe('workspace/diagnostic', { items: [] } as WorkspaceDiagnosticReport, async (params) => {
    if (!service.scanned) return { items: [] };
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDiagnosticReport['items'] = [];
    for (const uri of service.scannedUris()) {
      if (documents.get(uri)) continue;
      const state = await service.closedState(uri);
      if (!state) continue;
      items.push(previous.get(uri) === state.resultId ? { kind: 'unchanged', uri, version: null, resultId: state.resultId } : { kind: 'full', uri, version: null, resultId: state.resultId, items: state.diagnostics });
    }
    return { items };
  }));

  connection.onHover(safe('hover', null, async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const state = await service.documentState(document);
    return hoverAt(state.results, params.position, state.settings.lang);
  }));

  connection.onCodeAction(safe('codeAction', [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const state = await service.documentState(document);
    const config = state.settings.config;
    const only = params.context.only;
    const ours = params.context.diagnostics.filter((d) => d.source === P.DIAGNOSTIC_SOURCE);
    const actions = codeActions({
      document: state.document,
      kind: state.kind,
      results: state.results,
      diagnostics: ours,
      only,
      lang: state.settings.lang,
      documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
      lazyFixAll: caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
      lintText: (text) => lintText(document.uri, text, { config, ...(state.kind ? { kind: state.kind } : {}), log }).results,
    });
    if (wanted(only, CodeActionKind.QuickFix)) actions.push(...pin.codeActions(state.document, ours));
    return actions;
  }));

  connection.onCodeActionResolve(async (action: CodeAction): Promise<CodeAction> => {
    try {
      if (pin.owns(action)) return await pin.resolve(action);
      if (!isFixAllData(action.data)) return action;
      const document = documents.get(action.data.bollwerkFixAll.uri);
      if (!document || document.version !== action.data.bollwerkFixAll.version) return action;
      const state = await service.documentState(document);
      const config = state.settings.config;
      const resolved = fixAllAction({
        document, kind: state.kind, results: state.results, diagnostics: [], only: undefined, lang: state.settings.lang,
        documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true, lazyFixAll: false,
        lintText: (text) => lintText(document.uri, text, { config, ...(state.kind ? { kind: state.kind } : {}), log }).results,
      });
      return resolved ? { ...action, edit: resolved.edit } : action;
    } catch (e) {
      log(`codeAction/resolve failed: ${(e as Error)?.stack ?? String(e)}`);
      return action;
    }
  });

  connection.onRequest(P.SCAN_WORKSPACE_REQUEST, safe(P.SCAN_WORKSPACE_REQUEST, { files: 0, findings: 0 } as P.ScanWorkspaceResult, () => service.scanWorkspace()));
  connection.onRequest(P.CHECKLIST_REQUEST, safe(P.CHECKLIST_REQUEST, { documents: [], items: [], level: 'L3', scannedFiles: 0 } as P.ChecklistResponse, (params: P.ChecklistParams | undefined) => service.checklist(params?.folderUri)));
  connection.onRequest(P.RULE_DOCS_REQUEST, safe(P.RULE_DOCS_REQUEST, { ruleId: '', markdown: '' } as P.RuleDocsResult, (params: P.RuleDocsParams) => ({ ruleId: params.ruleId, markdown: ruleDocsMarkdown(params.ruleId, params.lang === 'de' ? 'de' : 'en') })));

  documents.listen(connection);
}
