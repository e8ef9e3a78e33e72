import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../shared/src/protocol';
import { dockerfileFeaturesWanted, featuresSetting } from './dockerfile-features';

/** The setting that turns the Dockerfile language features on or off. */
export const FEATURES_SETTING = 'bollwerk.dockerfile.languageFeatures';

/** What the server learns at start: editor language, workspace trust, whether to offer the Dockerfile features. */
export function initializationOptions(trusted: boolean = vscode.workspace.isTrusted): InitializationOptions {
  const setting = featuresSetting(vscode.workspace.getConfiguration().get(FEATURES_SETTING));
  return { locale: vscode.env.language, trusted, commandLinks: true, dockerfileLanguageFeatures: dockerfileFeaturesWanted(setting, (id) => vscode.extensions.getExtension(id) !== undefined) };
}

/** The languages the server checks; Compose files are `dockercompose` in VS Code, YAML elsewhere. */
export const LANGUAGES = ['dockerfile', 'yaml', 'dockercompose'] as const;

/** Files and unsaved editors of the checked languages. */
export const DOCUMENT_SELECTOR = [
  ...LANGUAGES.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]),
  // Helm templates: `helm` with the Helm extension, plain text otherwise (`_helpers.tpl`); the
  // server renders the chart they belong to when one of them changes
  { language: 'helm', scheme: 'file' },
  { scheme: 'file', pattern: '**/templates/**/*.tpl' },
];

/** Creates (but does not start) the language client for the bundled server (dist/server.js, over IPC). */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: initializationOptions(),
    // No `synchronize`: the server pulls the `bollwerk` section with workspace/configuration and
    // registers didChangeConfiguration and a watcher for .bollwerk.yaml itself.
    outputChannel,
    diagnosticCollectionName: 'bollwerk',
    // hovers link a rule's documentation with this command (InitializationOptions.commandLinks)
    markdown: { isTrusted: { enabledCommands: ['bollwerk.showRuleDocs'] } },
  };
  return new LanguageClient('bollwerk', 'Bollwerk', serverOptions, clientOptions);
}
