import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  type CancellationToken,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, DEFAULT_CONFIG } from '../../shared/src/config';

/**
 * Files of the kinds a scan lints (host/src/workspace/walk.ts isCandidate): after a scan, a change on
 * disk re-lints that file alone.
 */
const SCANNED_GLOBS = ['**/*.{yml,yaml,json}', '**/{Dockerfile,Containerfile,dockerfile,containerfile}*', '**/*.{Dockerfile,Containerfile,dockerfile,containerfile}'];

/** Baseline files the server watches: `.bollwerk-baseline.json` and other JSON files named like a baseline. */
const BASELINE_GLOB = '**/*baseline*.json';
const BASELINE_NAME = /\/[^/]*baseline[^/]*\.json$/i;
import * as P from '../../shared/src/protocol';
import { addAttestation, removeAttestation } from '../../shared/src/config-edit';
import { registerActions } from './action-handlers';
import { createSafe, type ServerContext } from './context';
import { registerDiagnostics, type DiagnosticHandlers } from './diagnostic-handlers';
import { langOfLocale } from './i18n';
import { ruleDocsMarkdown } from './rule-docs';
import { createService } from './service';
import { createSettingsCache } from './settings';
import { createDockerfileSide } from './dockerfile-side';
import { docsLinks } from './docs-location';
import { buildReport, writeReport } from './export-report';
import { PageError } from './checklist';
import { scanWithProgress } from './scan-progress';
import { URI } from 'vscode-uri';

/** The answer of `bollwerk/editConfig` when the edit itself failed (it is logged). */
const EDIT_FAILED: P.EditConfigResult = { ok: false, reason: 'internal error' };

export { DEBOUNCE_MS } from './diagnostic-handlers';
const CHECKLIST_DEBOUNCE_MS = 250;

/** Wires the Bollwerk language server onto a connection; all mutable state lives in this closure. */
export function createServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = (m: string): void => connection.console.error(m);
  const safe = createSafe(log);
  let caps: ClientCapabilities = {};
  let folders: string[] = [];
  let trusted = true;
  let editorLocale: string | undefined;
  let pull = false;
  let checklistTimer: ReturnType<typeof setTimeout> | undefined;
  let diagnostics: DiagnosticHandlers | undefined;
  const dockerfile = createDockerfileSide();

  const settings = createSettingsCache({
    folders: () => folders,
    pullSection: async (scopeUri) => (caps.workspace?.configuration ? connection.workspace.getConfiguration({ scopeUri, section: P.SETTINGS_SECTION }) : undefined),
    get trusted() {
      return trusted;
    },
    get editorLang() {
      return langOfLocale(editorLocale);
    },
    log,
  });
  const service = createService({
    documents,
    settings,
    folders: () => folders,
    log,
    filesChanged: (uris) => void diagnostics?.filesChanged(uris).catch(log),
    checklistChanged: () => {
      if (checklistTimer) clearTimeout(checklistTimer);
      checklistTimer = setTimeout(() => void connection.sendNotification(P.CHECKLIST_CHANGED_NOTIFICATION, {}).catch(log), CHECKLIST_DEBOUNCE_MS);
    },
    moreDiagnostics: (document, results) => dockerfile.diagnostics(document, results),
    // publishDiagnostics says it for pushed diagnostics; LSP 3.18 adds the same to pulled ones
    relatedInformation: () => caps.textDocument?.publishDiagnostics?.relatedInformation === true || (caps.textDocument?.diagnostic as { relatedInformation?: boolean } | undefined)?.relatedInformation === true,
  });
  let links = docsLinks(false);
  const ctx: ServerContext = { connection, documents, service, settings, safe, log, caps: () => caps, pull: () => pull, trusted: () => trusted, dockerfile: () => dockerfile.service(), docs: () => links };
  diagnostics = registerDiagnostics(ctx);
  registerActions(ctx);

  const relintAll = async (): Promise<void> => {
    service.invalidate();
    if (service.scanned) await service.scanWorkspace();
    diagnostics?.relintOpen();
  };

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as P.InitializationOptions;
    trusted = options.trusted !== false;
    editorLocale = options.locale ?? params.locale;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    pull = caps.textDocument?.diagnostic !== undefined;
    links = docsLinks(options.commandLinks === true);
    const features = options.dockerfileLanguageFeatures === false ? {} : dockerfile.start(ctx, caps, async (uri) => trusted && (await settings.forUri(uri)).pinningAllowed);
    return {
      capabilities: {
        ...features,
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
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: BASELINE_GLOB }, ...SCANNED_GLOBS.map((globPattern) => ({ globPattern }))] });
    if (!caps.workspace?.workspaceFolders) return;
    connection.workspace.onDidChangeWorkspaceFolders(safe('workspaceFolders', undefined, async (e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
      await relintAll();
    }));
  }));

  connection.onDidChangeConfiguration(safe('didChangeConfiguration', undefined, relintAll));
  connection.onDidChangeWatchedFiles(safe('didChangeWatchedFiles', undefined, async (params) => {
    // a baseline file (any name with `baseline` in it, as `baseline:` may name it) counts as configuration
    if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE}`) || BASELINE_NAME.test(c.uri))) return relintAll();
    // a workflow, a Dependabot file, a policy … created or changed: the checklist's evidence is read again
    service.evidenceFilesChanged(params.changes.map((c) => c.uri));
    // files the last scan did not report (new, perhaps ignored) wait for the next scan
    await service.filesChangedOnDisk(params.changes.map((c) => c.uri), true);
  }));

  connection.onRequest(
    P.SCAN_WORKSPACE_REQUEST,
    safe(P.SCAN_WORKSPACE_REQUEST, { files: 0, findings: 0 } as P.ScanWorkspaceResult, (params: P.ScanWorkspaceParams | undefined, token: CancellationToken) => scanWithProgress(ctx, params?.workDoneToken, token)),
  );
  connection.onRequest<P.EditConfigResult, void>(
    P.EDIT_CONFIG_REQUEST,
    safe(P.EDIT_CONFIG_REQUEST, EDIT_FAILED, (params: P.EditConfigParams): P.EditConfigResult =>
      params.edit.kind === 'attest' ? addAttestation(params.text, params.edit.attestation) : removeAttestation(params.text, params.edit.item),
    ),
  );
  connection.onRequest(
    P.EXPORT_REPORT_REQUEST,
    safe(P.EXPORT_REPORT_REQUEST, { text: '' } as P.ExportReportResult, async (params: P.ExportReportParams) => {
      await service.scanWorkspace();
      const snapshot = await service.checklistStatuses(params.folderUri);
      const target = params.targetUri === undefined ? undefined : URI.parse(params.targetUri);
      if (!target) return { text: buildReport(snapshot, params) };
      if (target.scheme !== 'file') throw new ResponseError(ErrorCodes.InvalidParams, `targetUri must be a file: URI, not ${params.targetUri}`);
      return { text: '', written: await writeReport(snapshot, params, target.fsPath) };
    }),
  );
  connection.onRequest(P.CHECKLIST_REQUEST, safe(P.CHECKLIST_REQUEST, { items: [], level: DEFAULT_CONFIG.level, scannedFiles: 0, resultId: '' } as P.ChecklistResponse, (params: P.ChecklistParams | undefined) => service.checklist(params?.folderUri)));
  connection.onRequest(
    P.CHECKLIST_FINDINGS_REQUEST,
    safe(P.CHECKLIST_FINDINGS_REQUEST, { itemId: '', findings: [], total: 0, resultId: '' } as P.ChecklistFindingsResult, async (params: P.ChecklistFindingsParams) => {
      try {
        return await service.checklistFindings(params);
      } catch (e) {
        if (e instanceof PageError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
        throw e;
      }
    }),
  );
  connection.onRequest(P.RULE_DOCS_REQUEST, safe(P.RULE_DOCS_REQUEST, { ruleId: '', markdown: '' } as P.RuleDocsResult, (params: P.RuleDocsParams) => ({ ruleId: params.ruleId, markdown: ruleDocsMarkdown(params.ruleId, params.lang === 'de' ? 'de' : 'en') })));

  documents.onDidClose((e) => dockerfile.forget(e.document.uri));
  documents.listen(connection);
}
