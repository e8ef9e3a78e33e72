import { SemanticTokenModifiers, SemanticTokenTypes, type ClientCapabilities, type SemanticTokensLegend, type ServerCapabilities } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileLanguageServiceFactory, type DockerfileLanguageService } from 'dockerfile-language-service';
import { checkLimits } from '../../shared/src/limits';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { documentKind } from './document-linter';

/** dockerfile-language-service set up for the client's capabilities (completion snippets, Markdown, folding). */
export function createDockerfileService(caps: ClientCapabilities, log: (m: string) => void): DockerfileLanguageService {
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  service.setLogger({ log });
  const completionItem = caps.textDocument?.completion?.completionItem;
  service.setCapabilities({
    completion: {
      completionItem: {
        ...(completionItem?.documentationFormat ? { documentationFormat: completionItem.documentationFormat } : {}),
        snippetSupport: completionItem?.snippetSupport === true,
        deprecatedSupport: completionItem?.deprecatedSupport === true,
        ...(completionItem?.tagSupport ? { tagSupport: completionItem.tagSupport } : {}),
      },
    },
    foldingRange: {
      lineFoldingOnly: caps.textDocument?.foldingRange?.lineFoldingOnly === true,
      ...(caps.textDocument?.foldingRange?.rangeLimit !== undefined ? { rangeLimit: caps.textDocument.foldingRange.rangeLimit } : {}),
    },
    ...(caps.textDocument?.hover?.contentFormat ? { hover: { contentFormat: caps.textDocument.hover.contentFormat } } : {}),
  });
  return service;
}

/** The semantic token legend of dockerfile-language-service (its TokensLegend numbers the types and modifiers in this order). */
export const TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [
    SemanticTokenTypes.keyword,
    SemanticTokenTypes.comment,
    SemanticTokenTypes.parameter,
    SemanticTokenTypes.property,
    SemanticTokenTypes.namespace,
    SemanticTokenTypes.class,
    SemanticTokenTypes.macro,
    SemanticTokenTypes.string,
    SemanticTokenTypes.variable,
    SemanticTokenTypes.operator,
    SemanticTokenTypes.modifier,
  ],
  tokenModifiers: [SemanticTokenModifiers.declaration, SemanticTokenModifiers.definition, SemanticTokenModifiers.deprecated],
};

/** The server capabilities of the Dockerfile language features. */
export function dockerfileCapabilities(caps: ClientCapabilities): ServerCapabilities {
  return {
    completionProvider: { triggerCharacters: ['=', ' ', '$', '-'], resolveProvider: true },
    signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    documentHighlightProvider: true,
    semanticTokensProvider: { legend: TOKENS_LEGEND, full: true },
    renameProvider: caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
    definitionProvider: true,
    documentLinkProvider: { resolveProvider: true },
  };
}

/**
 * The text of a document when it is a Dockerfile the language features serve; undefined for other
 * documents and for Dockerfiles past the parser's limits (their parse would take too long).
 */
export function dockerfileText(document: TextDocument | undefined): string | undefined {
  if (!document) return undefined;
  const text = document.getText();
  if (documentKind(document.uri, document.languageId, text) !== 'dockerfile') return undefined;
  return checkLimits(text, 'dockerfile', DEFAULT_CONFIG.maxFileBytes).skip ? undefined : text;
}
