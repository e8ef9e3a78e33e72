// Starts the built language server over stdio and talks to it as an editor would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

let built = false;
/** Builds dist/server.js once per test process. */
export function buildServer(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  built = true;
}

/** Capabilities of an editor with (or without) pull diagnostics. */
export function capabilities(pull: boolean, extra: { refresh?: boolean; resolve?: boolean; workDoneProgress?: boolean } = {}): ClientCapabilities {
  return {
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
      rename: { prepareSupport: true },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        isPreferredSupport: true,
        dataSupport: true,
        ...(extra.resolve ? { resolveSupport: { properties: ['edit'] } } : {}),
      },
    },
    workspace: {
      configuration: true,
      workspaceFolders: true,
      workspaceEdit: { documentChanges: true },
      didChangeConfiguration: { dynamicRegistration: false },
      ...(pull && extra.refresh !== false ? { diagnostics: { refreshSupport: true } } : {}),
    },
    ...(extra.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
  };
}

/** A running server with an editor-side connection. */
export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly published: PublishDiagnosticsParams[];
  readonly logs: string[];
  readonly stderr: string[];
  /** Settings returned for `workspace/configuration`, per scope (or '*'). */
  settings: Record<string, unknown>;
  /** Every `workspace/configuration` item asked, as `scopeUri#section`. */
  readonly configRequests: string[];
  initialize(options: { pull: boolean; locale?: string; trusted?: boolean; folders?: string[]; refresh?: boolean; resolve?: boolean; dockerfileLanguageFeatures?: boolean; workDoneProgress?: boolean }): Promise<InitializeResult>;
  open(uri: string, text: string, languageId?: string, version?: number): void;
  change(uri: string, version: number, text: string): void;
  /** Resolves with the first publish for `uri` that satisfies `accept`. */
  waitForPublish(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  pullDiagnostics(uri: string, previousResultId?: string): Promise<Diagnostic[]>;
  /** True while the server process runs. */
  alive(): boolean;
  stop(): Promise<void>;
}

const languageOf = (uri: string): string => (/Dockerfile|Containerfile/i.test(uri) ? 'dockerfile' : 'yaml');

/** Starts `node dist/server.js --stdio`. */
export function startServer(): TestClient {
  buildServer();
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.js'), '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const stderr: string[] = [];
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of [...waiters]) if (w.uri === p.uri && w.accept(p)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(p);
    }
  });
  connection.onNotification('window/logMessage', (p: unknown) => void logs.push(String((p as { message?: unknown }).message)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  const client: TestClient = {
    connection,
    process: child,
    published,
    logs,
    stderr,
    settings: {},
    configRequests: [],
    async initialize(o) {
      connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
        p.items.map((i) => {
          client.configRequests.push(`${i.scopeUri ?? ''}#${i.section ?? ''}`);
          return client.settings[i.scopeUri ?? ''] ?? client.settings['*'] ?? null;
        }),
      );
      connection.listen();
      const folders = o.folders ?? [];
      const result = await connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: folders[0] ?? null,
        workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
        capabilities: capabilities(o.pull, { ...(o.refresh === undefined ? {} : { refresh: o.refresh }), ...(o.resolve ? { resolve: true } : {}), ...(o.workDoneProgress ? { workDoneProgress: true } : {}) }),
        ...(o.locale ? { locale: o.locale } : {}),
        initializationOptions: {
          ...(o.locale ? { locale: o.locale } : {}),
          ...(o.trusted === undefined ? {} : { trusted: o.trusted }),
          ...(o.dockerfileLanguageFeatures === undefined ? {} : { dockerfileLanguageFeatures: o.dockerfileLanguageFeatures }),
        },
      });
      await connection.sendNotification('initialized', {});
      return result;
    },
    open(uri, text, languageId = languageOf(uri), version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, text) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    waitForPublish(uri, accept = () => true, timeoutMs = 10000) {
      const done = published.find((p) => p.uri === uri && accept(p));
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching publishDiagnostics for ${uri} within ${timeoutMs} ms; stderr: ${stderr.join('')}; logs: ${logs.join('\n')}`)), timeoutMs);
        waiters.push({ uri, accept, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async pullDiagnostics(uri, previousResultId) {
      const r = await connection.sendRequest<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
      return r.items ?? [];
    },
    alive: () => !exited && child.exitCode === null,
    async stop() {
      if (!client.alive()) return;
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        void connection.sendNotification('exit');
      } catch {
        // the process may already be gone
      }
      await new Promise((r) => setTimeout(r, 50));
      if (client.alive()) child.kill();
      connection.dispose();
    },
  };
  return client;
}

/** `[line, character, endLine, endCharacter]` of a diagnostic. */
export const rangeOf = (d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }): [number, number, number, number] => [
  d.range.start.line,
  d.range.start.character,
  d.range.end.line,
  d.range.end.character,
];
