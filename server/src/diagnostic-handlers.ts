import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type DocumentDiagnosticReport,
  WorkspaceDiagnosticRequest,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver';
import type { ServerContext } from './context';

/** Milliseconds a document waits after a change before it is linted (a newer change restarts the wait). */
export const DEBOUNCE_MS = 10;

/** A pull request this soon after the last lint of its document is inside a burst of changes. */
const IDLE_MS = 50;

/** Files whose workspace diagnostics go out together as one partial result. */
const WORKSPACE_BATCH = 200;
/** Files reported `unchanged` (a short line each) that go out together at most as one partial result. */
const UNCHANGED_BATCH = 5000;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What the rest of the server asks of the diagnostics handlers. */
export interface DiagnosticHandlers {
  /** Other files' diagnostics changed: push them, or ask a pulling client to refresh. */
  filesChanged(uris: readonly string[]): Promise<void>;
  /** Everything must be linted again (settings, configuration file, folders). */
  relintOpen(): void;
}

/** Registers push scheduling, pull handlers and document events. */
export function registerDiagnostics(ctx: ServerContext): DiagnosticHandlers {
  const { connection, documents, service, safe, log } = ctx;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const refreshPull = (): void => {
    if (ctx.caps().workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh().catch(log);
  };

  /** Documents whose lint and publication are under way. */
  const inFlight = new Set<string>();
  const publishOpen = safe('publishDiagnostics', undefined, async (uri: string) => {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    inFlight.add(uri);
    try {
      const state = await service.documentState(document);
      if (documents.get(uri)?.version !== version) return; // a newer version is on its way
      await connection.sendDiagnostics({ uri, version, diagnostics: state.diagnostics });
    } finally {
      inFlight.delete(uri);
    }
  });

  const cancelTimer = (uri: string): void => {
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
  };

  const lastRun = new Map<string, number>();
  /**
   * Lints a change at once when nothing is under way for its document (leading edge), so that a
   * keystroke is not delayed; changes that arrive while a lint is waiting or running coalesce
   * after {@link DEBOUNCE_MS} of quiet.
   */
  const schedule = (uri: string): void => {
    if (ctx.pull()) return;
    const pending = timers.has(uri);
    cancelTimer(uri);
    const idle = !pending && !inFlight.has(uri);
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      lastRun.set(uri, performance.now());
      void publishOpen(uri);
    }, idle ? 0 : DEBOUNCE_MS));
  };

  const publishClosed = async (uri: string): Promise<void> => {
    await connection.sendDiagnostics({ uri, diagnostics: (await service.closedState(uri))?.diagnostics ?? [] });
  };

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose(safe('didClose', undefined, async (e) => {
    cancelTimer(e.document.uri);
    lastRun.delete(e.document.uri);
    service.forget(e.document.uri);
    // A scanned file goes back to its saved text (unsaved edits are gone); others lose their diagnostics.
    if (!(await service.fileChangedOnDisk(e.document.uri)) && !ctx.pull()) await connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  }));

  connection.languages.diagnostics.on(safe('textDocument/diagnostic', { kind: 'full', items: [] } as DocumentDiagnosticReport, async (params, token: CancellationToken) => {
    const uri = params.textDocument.uri;
    if (performance.now() - (lastRun.get(uri) ?? -Infinity) <= IDLE_MS) await delay(DEBOUNCE_MS); // inside a burst: let it settle
    lastRun.set(uri, performance.now());
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'a newer version arrived', { retriggerRequest: true });
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: 'full', items: (await service.closedState(params.textDocument.uri))?.diagnostics ?? [] };
    const state = await service.documentState(document);
    if (params.previousResultId === state.resultId) return { kind: 'unchanged', resultId: state.resultId };
    return { kind: 'full', resultId: state.resultId, items: state.diagnostics };
  }));

  /**
   * Workspace diagnostics of the scanned files that are not open. A file whose result id the client
   * already has comes back `unchanged` (nothing is built). With a `partialResultToken` the reports go
   * out in batches as they are built, yielding to the editor's requests between batches, so that the
   * first pull after a large scan is never held as one answer.
   */
  // registered as a plain request: the library's onWorkspace takes partialResultToken out of the params
  connection.onRequest(WorkspaceDiagnosticRequest.type, safe('workspace/diagnostic', { items: [] } as WorkspaceDiagnosticReport, async (params, token: CancellationToken) => {
    // workspace diagnostics are on demand (bollwerk/scanWorkspace); before a scan, the files of charts rendered in the editor
    if (!service.scanned && service.scannedUris().length === 0) return { items: [] };
    const partialToken = params.partialResultToken;
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    let items: WorkspaceDiagnosticReport['items'] = [];
    // reports built since the last partial result
    let built = 0;
    for (const uri of service.scannedUris()) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the workspace pull was cancelled', { retriggerRequest: true });
      if (documents.get(uri)) continue;
      const id = service.closedResultId(uri);
      if (id !== undefined && previous.get(uri) === id) {
        items.push({ kind: 'unchanged', uri, version: null, resultId: id }); // the client pulls every 2 s: build nothing
      } else {
        const state = await service.closedState(uri);
        if (state) items.push({ kind: 'full', uri, version: null, resultId: state.resultId, items: state.diagnostics });
        built++;
      }
      if (partialToken !== undefined && (built >= WORKSPACE_BATCH || items.length >= UNCHANGED_BATCH)) {
        // awaited until written: a slow reader holds back the next batch instead of the server buffering them all
        await connection.sendProgress(WorkspaceDiagnosticRequest.partialResult, partialToken, { items });
        items = [];
        built = 0;
      }
    }
    if (partialToken !== undefined && items.length) {
      await connection.sendProgress(WorkspaceDiagnosticRequest.partialResult, partialToken, { items });
      items = [];
    }
    return { items };
  }));

  return {
    async filesChanged(uris) {
      if (ctx.pull()) return refreshPull();
      for (const uri of uris) {
        if (documents.get(uri)) schedule(uri);
        else await publishClosed(uri);
      }
    },
    relintOpen() {
      if (ctx.pull()) refreshPull();
      else for (const d of documents.all()) schedule(d.uri);
    },
  };
}
