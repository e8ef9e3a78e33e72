import { readFileSync } from 'node:fs';
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { lintText } from '../../shared/src/lint';
import { DIAGNOSTIC_SOURCE } from '../../shared/src/protocol';
import { codeActions, fixAllAction, isFixAllData, hardenEdit, isHardenData, wanted, type CodeActionInput } from './code-actions';
import type { ServerContext } from './context';
import { evidenceHover, hoverAt, mergeHovers } from './hover';
import { dockerfileHover } from './dockerfile-features';
import { dockerfileText } from './dockerfile-service';
import { createPinActions } from './pin-actions';
import { createWorkflowPinActions } from './pin-workflow-actions';
import type { DocumentState } from './service';
import { rulesOf } from './diagnostic-groups';
import { ruleById } from './rule-docs';
import { filesEdit, liveFixAll, withLiveFixes } from './live-fixes';
import type { Result } from '../../shared/src/types';

const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** A document's path as evidence probes read it: relative to its workspace folder, else its URI's path. */
export function evidencePath(uri: string, folder: string | undefined): string {
  const path = URI.parse(uri).path;
  const base = folder === undefined ? undefined : URI.parse(folder).path.replace(/\/?$/, '/');
  return base && path.startsWith(base) ? path.slice(base.length) : path;
}

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

  const pinWorkflowAction = createWorkflowPinActions({
    isAllowed: async (uri) => ctx.trusted() && (await settings.forUri(uri)).pinningAllowed,
    log,
    settingsFor: async (uri) => settings.forUri(uri).then((s) => ({ lang: s.lang, timeoutMs: s.config.pinning.timeoutMs })),
    document: (uri) => documents.get(uri),
    notify: (message) => void connection.window.showWarningMessage(message),
  });

  /**
   * The last fixes computed over a chart or kustomizations, by what they were computed for (the
   * open documents' versions and the service's count of changes): the editor asks for code actions
   * at every cursor move, and each fix costs a render or a build.
   */
  const memo = new Map<string, unknown>();
  const remembered = <T>(key: string, compute: () => T): T => {
    if (memo.has(key)) return memo.get(key) as T;
    const value = compute();
    if (memo.size >= 16) memo.delete(memo.keys().next().value!);
    memo.set(key, value);
    return value;
  };

  /** A file's text as the editor has it, else from disk (undefined when it cannot be read). */
  const textOf = (uri: string): string | undefined => {
    const open = documents.get(uri);
    if (open) return open.getText();
    try {
      return uri.startsWith('file:') ? readFileSync(URI.parse(uri).fsPath, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };

  /** The code-action input for a document's current state (`results` instead of the state's: with fixes found for it). */
  const inputOf = (document: TextDocument, state: DocumentState, rest: Pick<CodeActionInput, 'diagnostics' | 'only' | 'lazyFixAll'>, results = state.results): CodeActionInput => {
    const config = state.settings.config;
    const documentChanges = ctx.caps().workspace?.workspaceEdit?.documentChanges === true;
    const live: CodeActionInput['live'] = service.isLive(document.uri)
      ? {
          fixAll: (wanted) =>
            remembered(`fixAll|${document.uri}|${service.liveKey()}|${documentChanges}|${wanted?.key ?? '*'}`, () => {
              const changes = liveFixAll((texts) => service.liveFixes(document.uri, state.settings, wanted?.pick ?? (() => true), texts) ?? [], textOf);
              return filesEdit(changes, documentChanges, (uri) => documents.get(uri)?.version);
            }),
        }
      : undefined;
    return {
      ...rest,
      document,
      kind: state.kind,
      results,
      lang: state.settings.lang,
      documentChanges,
      snippetEdits: ctx.caps().workspace?.workspaceEdit?.snippetEditSupport === true,
      lintText: (text) => lintText(document.uri, text, { config, ...(state.kind ? { kind: state.kind } : {}), log }).results,
      ...(live ? { live } : {}),
    };
  };

  connection.onHover(safe('hover', null, async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const state = await service.documentState(document);
    const findings = hoverAt(state.results, params.position, state.settings.lang, ctx.docs().hover);
    const line = params.position.line;
    const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const evidence = evidenceHover(evidencePath(document.uri, settings.folderOf(document.uri)), lineText, params.position, state.settings.lang);
    const library = ctx.dockerfile();
    const text = library && dockerfileText(document);
    return mergeHovers(mergeHovers(findings, evidence), library && text !== undefined ? dockerfileHover(library, text, params.position) : null);
  }));

  connection.onCodeAction(safe('codeAction', [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const state = await service.documentState(document);
    const only = params.context.only;
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const lazyFixAll = ctx.caps().textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    // a chart's or a kustomization's findings get their fixes (and digest pin sites) here, for the
    // diagnostics under the cursor only: each costs a render or a build
    let results = state.results;
    let pinDiagnostics = ours;
    // (only for rules that have fixes, or a digest to pin)
    const fixable = ours.some((d) => rulesOf(d).some((r) => ruleById(r)?.fixable === true) || (d.data as { pin?: unknown } | undefined)?.pin !== undefined);
    if (fixable && wanted(only, CodeActionKind.QuickFix) && service.isLive(state.document.uri)) {
      const uri = state.document.uri;
      const picked = (r: Result): boolean => r.uri === uri && ours.some((d) => sameRange(d.range, r.range) && rulesOf(d).includes(r.ruleId));
      const key = ours.map((d) => `${rulesOf(d).join(',')}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort().join('|');
      const fixed = remembered(`fixes|${uri}|${service.liveKey()}|${key}`, () => service.liveFixes(uri, state.settings, picked) ?? []);
      results = withLiveFixes(state.results, fixed);
      pinDiagnostics = ours.map((d) => {
        const pinned = results.find((r) => r.data?.['pin'] && sameRange(d.range, r.range) && rulesOf(d).includes(r.ruleId));
        return pinned ? { ...d, data: { ...(d.data as object), pin: pinned.data!['pin'] } } : d;
      });
    }
    const actions = codeActions(inputOf(state.document, state, { diagnostics: ours, only, lazyFixAll }, results));
    if (wanted(only, CodeActionKind.QuickFix)) actions.push(...pin.codeActions(state.document, pinDiagnostics), ...pinWorkflowAction.codeActions(state.document, ours, state.settings.lang));
    return actions;
  }));

  const resolve = async (action: CodeAction): Promise<CodeAction> => {
    if (pin.owns(action)) return pin.resolve(action);
    if (pinWorkflowAction.owns(action)) return pinWorkflowAction.resolve(action);
    if (isHardenData(action.data)) {
      const { uri, version, rules, position } = action.data.bollwerkHarden;
      const document = documents.get(uri);
      if (!document || document.version !== version) return action;
      const state = await service.documentState(document);
      const edit = hardenEdit(inputOf(document, state, { diagnostics: [], only: undefined, lazyFixAll: false }), new Set(rules), position);
      return edit ? { ...action, edit } : action;
    }
    if (!isFixAllData(action.data)) return action;
    const document = documents.get(action.data.bollwerkFixAll.uri);
    if (!document || document.version !== action.data.bollwerkFixAll.version) return action;
    const state = await service.documentState(document);
    const resolved = fixAllAction(inputOf(document, state, { diagnostics: [], only: undefined, lazyFixAll: false }));
    return resolved ? { ...action, edit: resolved.edit } : action;
  };
  connection.onCodeActionResolve(async (action: CodeAction) => safe('codeAction/resolve', action, resolve)(action));
}
