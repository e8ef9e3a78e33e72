import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../../shared/src/lint';
import { DIAGNOSTIC_SOURCE } from '../../shared/src/protocol';
import { codeActions, fixAllAction, isFixAllData, wanted, type CodeActionInput } from './code-actions';
import type { ServerContext } from './context';
import { hoverAt, mergeHovers } from './hover';
import { dockerfileHover } from './dockerfile-features';
import { dockerfileText } from './dockerfile-service';
import { createPinActions } from './pin-actions';
import type { DocumentState } from './service';

/** Registers hover, code actions and `codeAction/resolve` (fix-all and digest pinning). */
export function registerActions(ctx: ServerContext): void {
  const { connection, documents, service, settings, safe, log } = ctx;

  const pin = createPinActions({
    isAllowed: async (uri) => ctx.trusted() && (await settings.forUri(uri)).pinningAllowed,
    log,
    settingsFor: async (uri) => settings.forUri(uri).then((s) => ({ lang: s.lang, pinning: s.config.pinning })),
    document: (uri) => documents.get(uri),
    notify: (message) => void connection.window.showWarningMessage(message),
    progress: async (title) => {
      if (!ctx.caps().window?.workDoneProgress) return { done: () => undefined };
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin(title);
      return { done: () => progress.done() };
    },
  });

  /** The code-action input for a document's current state. */
  const inputOf = (document: TextDocument, state: DocumentState, rest: Pick<CodeActionInput, 'diagnostics' | 'only' | 'lazyFixAll'>): CodeActionInput => {
    const config = state.settings.config;
    return {
      ...rest,
      document,
      kind: state.kind,
      results: state.results,
      lang: state.settings.lang,
      documentChanges: ctx.caps().workspace?.workspaceEdit?.documentChanges === true,
      snippetEdits: ctx.caps().workspace?.workspaceEdit?.snippetEditSupport === true,
      lintText: (text) => lintText(document.uri, text, { config, ...(state.kind ? { kind: state.kind } : {}), log }).results,
    };
  };

  connection.onHover(safe('hover', null, async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const state = await service.documentState(document);
    const findings = hoverAt(state.results, params.position, state.settings.lang, ctx.docs().hover);
    const library = ctx.dockerfile();
    const text = library && dockerfileText(document);
    return mergeHovers(findings, library && text !== undefined ? dockerfileHover(library, text, params.position) : null);
  }));

  connection.onCodeAction(safe('codeAction', [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const state = await service.documentState(document);
    const only = params.context.only;
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const lazyFixAll = ctx.caps().textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    const actions = codeActions(inputOf(state.document, state, { diagnostics: ours, only, lazyFixAll }));
    if (wanted(only, CodeActionKind.QuickFix)) actions.push(...pin.codeActions(state.document, ours));
    return actions;
  }));

  const resolve = async (action: CodeAction): Promise<CodeAction> => {
    if (pin.owns(action)) return pin.resolve(action);
    if (!isFixAllData(action.data)) return action;
    const document = documents.get(action.data.bollwerkFixAll.uri);
    if (!document || document.version !== action.data.bollwerkFixAll.version) return action;
    const state = await service.documentState(document);
    const resolved = fixAllAction(inputOf(document, state, { diagnostics: [], only: undefined, lazyFixAll: false }));
    return resolved ? { ...action, edit: resolved.edit } : action;
  };
  connection.onCodeActionResolve(async (action: CodeAction) => safe('codeAction/resolve', action, resolve)(action));
}
