/**
 * dockerfile-language-service's language features for Dockerfiles, for every editor: completion,
 * signature help, formatting, symbols, folding, highlights, semantic tokens, rename, definition and
 * links. Registered only when the features are on (see server.ts); each handler answers nothing for
 * documents that are not Dockerfiles.
 */
import type { CompletionItem, CompletionList, Hover, Position } from 'vscode-languageserver';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import { completeWithoutWaiting, type TagLookups } from './dockerfile-completion';
import { dockerfileText } from './dockerfile-service';
import type { ServerContext } from './context';

/** The library's hover on an instruction, flag or directive of a Dockerfile; null elsewhere. */
export function dockerfileHover(service: DockerfileLanguageService, text: string, position: Position): Hover | null {
  return service.computeHover(text, position);
}

/** Registers the Dockerfile language features on the connection. */
export function registerDockerfileFeatures(ctx: ServerContext, service: DockerfileLanguageService, tags: TagLookups): void {
  const { connection, documents, safe } = ctx;
  const textOf = (uri: string): string | undefined => dockerfileText(documents.get(uri));

  connection.onCompletion(safe('completion', null as CompletionList | CompletionItem[] | null, async (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? null : completeWithoutWaiting(service, text, params.position, params.textDocument.uri, tags);
  }));
  connection.onCompletionResolve(async (item) => safe('completionItem/resolve', item, (i: CompletionItem) => service.resolveCompletionItem(i))(item));
  connection.onSignatureHelp(safe('signatureHelp', null, (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? null : service.computeSignatureHelp(text, params.position);
  }));
  connection.onDocumentFormatting(safe('formatting', [], (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? [] : service.format(text, params.options);
  }));
  connection.onDocumentRangeFormatting(safe('rangeFormatting', [], (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? [] : service.formatRange(text, params.range, params.options);
  }));
  connection.onDocumentOnTypeFormatting(safe('onTypeFormatting', [], (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? [] : service.formatOnType(text, params.position, params.ch, params.options);
  }));
  connection.onDocumentSymbol(safe('documentSymbol', [], (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? [] : service.computeSymbols(params.textDocument, text);
  }));
  connection.onFoldingRanges(safe('foldingRange', [], (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? [] : service.computeFoldingRanges(text);
  }));
  connection.onDocumentHighlight(safe('documentHighlight', [], (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? [] : service.computeHighlightRanges(text, params.position);
  }));
  connection.languages.semanticTokens.on(safe('semanticTokens', { data: [] }, (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? { data: [] } : service.computeSemanticTokens(text);
  }));
  connection.onPrepareRename(safe('prepareRename', null, (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? null : service.prepareRename(text, params.position);
  }));
  connection.onRenameRequest(safe('rename', null, (params) => {
    const text = textOf(params.textDocument.uri);
    if (text === undefined) return null;
    const edits = service.computeRename(params.textDocument, text, params.position, params.newName);
    return edits.length === 0 ? null : { changes: { [params.textDocument.uri]: edits } };
  }));
  connection.onDefinition(safe('definition', null, (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? null : service.computeDefinition(params.textDocument, text, params.position);
  }));
  connection.onDocumentLinks(safe('documentLinks', [], (params) => {
    const text = textOf(params.textDocument.uri);
    return text === undefined ? [] : service.computeLinks(text);
  }));
  connection.onDocumentLinkResolve(async (link) => safe('documentLink/resolve', link, (l: typeof link) => service.resolveLink(l))(link));
}
