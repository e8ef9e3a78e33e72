import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../shared/src/protocol';

/** The languages the server checks; Compose files are `dockercompose` in VS Code, YAML elsewhere. */
export const LANGUAGES = ['dockerfile', 'yaml', 'dockercompose'] as const;

/** Files and unsaved editors of the checked languages. */
export const DOCUMENT_SELECTOR = LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
]);

/** Creates (but does not start) the language client for the bundled server (dist/server.js, over IPC). */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: InitializationOptions = { locale: vscode.env.language, trusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions,
    // No `synchronize`: the server pulls the `bollwerk` section with workspace/configuration and
    // registers didChangeConfiguration and a watcher for .bollwerk.yaml itself.
    outputChannel,
    diagnosticCollectionName: 'bollwerk',
  };
  return new LanguageClient('bollwerk', 'Bollwerk', serverOptions, clientOptions);
}
