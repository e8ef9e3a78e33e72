// The Dockerfile language features of dockerfile-language-service, over stdio as an editor asks for them.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  FoldingRange,
  Hover,
  InitializeResult,
  Location,
  SemanticTokens,
  SignatureHelp,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { rangeOf, startServer, type TestClient } from './lsp-client';

const URI = 'file:///features/Dockerfile';
const YAML_URI = 'file:///features/pod.yaml';
const TEXT = 'FROM node:20 AS build\nARG VERSION=1\nRUN echo $VERSION && \\\n  npm ci\nFROM build\nCOPY --from=build /app /app\n';
const at = (line: number, character: number) => ({ line, character });
const tdp = (uri: string, line: number, character: number) => ({ textDocument: { uri }, position: at(line, character) });
const FORMAT = { tabSize: 4, insertSpaces: true };
const labels = (r: CompletionList | CompletionItem[] | null): string[] => (r ? (Array.isArray(r) ? r : r.items).map((i) => i.label) : []);
const hoverText = (h: Hover | null): string => {
  assert.ok(h, 'expected a hover');
  const c = h.contents;
  return typeof c === 'string' ? c : 'value' in c ? c.value : JSON.stringify(c);
};

describe('Dockerfile language features (dockerfile-language-service)', () => {
  let c: TestClient;
  let init: InitializeResult;
  let version = 0;
  /** Opens `text` as a new version of the document and waits for its diagnostics. */
  const open = (uri: string, text: string): Promise<unknown> => {
    const v = ++version;
    c.open(uri, text, uri.endsWith('.yaml') ? 'yaml' : 'dockerfile', v);
    return c.waitForPublish(uri, (p) => p.version === v);
  };
  const request = <T>(method: string, params: unknown): Promise<T> => c.connection.sendRequest<T>(method, params);

  before(async () => {
    c = startServer();
    init = await c.initialize({ pull: false });
  });
  beforeEach(() => open(URI, TEXT));
  after(() => c.stop());

  it('registers every capability', () => {
    const caps = init.capabilities;
    assert.deepEqual(caps.completionProvider, { triggerCharacters: ['=', ' ', '$', '-'], resolveProvider: true });
    assert.ok(caps.signatureHelpProvider && caps.documentFormattingProvider && caps.documentRangeFormattingProvider);
    assert.deepEqual(caps.documentOnTypeFormattingProvider, { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] });
    assert.ok(caps.documentSymbolProvider && caps.foldingRangeProvider && caps.documentHighlightProvider && caps.definitionProvider);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.deepEqual(caps.documentLinkProvider, { resolveProvider: true });
    assert.equal(caps.semanticTokensProvider?.legend.tokenTypes[0], 'keyword');
    assert.equal(caps.hoverProvider, true);
  });

  it('completes instructions (each once, with snippets), flags and parser directives', async () => {
    await open(URI, `${TEXT}\n`);
    const items = await request<CompletionItem[]>('textDocument/completion', tdp(URI, 6, 0));
    const names = labels(items);
    for (const keyword of ['FROM baseImage', 'RUN command', 'USER daemon', 'HEALTHCHECK NONE']) assert.equal(names.filter((l) => l === keyword).length, 1, `${keyword} in ${names.join(', ')}`);
    assert.ok(items.some((i) => i.insertTextFormat === 2), 'snippets for a client that supports them');
    await open(URI, 'FROM a\nCOPY --');
    assert.deepEqual(labels(await request('textDocument/completion', tdp(URI, 1, 7))), ['--chown=user:group', '--from=stage']);
    await open(URI, '# esc');
    assert.deepEqual(labels(await request('textDocument/completion', tdp(URI, 0, 5))), ['escape=`']);
    const resolved = await request<CompletionItem>('completionItem/resolve', items.find((i) => i.label === 'RUN command'));
    assert.match(JSON.stringify(resolved.documentation), /commit the results/);
  });

  it('completes no image tag when pinning is off, at once, and asks no registry', async () => {
    c.settings = { '*': { pinning: { enabled: false } } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await open(URI, 'FROM node:');
    const started = performance.now();
    assert.deepEqual(await request('textDocument/completion', tdp(URI, 0, 10)), []);
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(labels(await request('textDocument/completion', tdp(URI, 0, 2))), ['FROM baseImage'], 'the rest of completion stays');
    c.settings = {};
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('hovers on instructions and flags', async () => {
    assert.match(hoverText(await request('textDocument/hover', tdp(URI, 2, 1))), /Execute any commands on top of the current image/);
    assert.match(hoverText(await request('textDocument/hover', tdp(URI, 5, 7))), /previous build stage to use as the source/);
  });

  it('gives signature help', async () => {
    const help = await request<SignatureHelp>('textDocument/signatureHelp', tdp(URI, 1, 4));
    assert.equal(help.signatures[help.activeSignature ?? 0]?.label, 'ARG name=defaultValue');
  });

  it('formats the document, a range and on type', async () => {
    await open(URI, 'FROM a\n   RUN x \\\ny\n  USER b\n');
    const doc = await request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: URI }, options: FORMAT });
    assert.deepEqual(doc.map((e) => [rangeOf(e), e.newText]), [[[1, 0, 1, 3], ''], [[2, 0, 2, 0], '    '], [[3, 0, 3, 2], '']]);
    const range = await request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri: URI }, range: { start: at(3, 0), end: at(3, 2) }, options: FORMAT });
    assert.deepEqual(range.map((e) => [rangeOf(e), e.newText]), [[[3, 0, 3, 2], '']]);
    const typed = await request<TextEdit[]>('textDocument/onTypeFormatting', { ...tdp(URI, 1, 10), ch: '\\', options: FORMAT });
    assert.deepEqual(typed.map((e) => [rangeOf(e), e.newText]), [[[2, 0, 2, 0], '    ']]);
  });

  it('lists symbols, folding ranges, highlights and semantic tokens', async () => {
    const symbols = await request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(symbols.map((s) => s.name), ['FROM', 'ARG', 'RUN', 'FROM', 'COPY']);
    const folds = await request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[2, 3]]);
    const highlights = await request<DocumentHighlight[]>('textDocument/documentHighlight', tdp(URI, 4, 6));
    assert.deepEqual(highlights.map(rangeOf), [[0, 16, 0, 21], [4, 5, 4, 10], [5, 12, 5, 17]]);
    const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    assert.equal(tokens.data.length % 5, 0);
    assert.deepEqual(tokens.data.slice(0, 5), [0, 0, 4, 0, 0], 'FROM is the first token, a keyword');
  });

  it('renames ARGs and build stages and finds their definitions', async () => {
    const prepared = await request<{ start: unknown; end: unknown }>('textDocument/prepareRename', tdp(URI, 1, 5));
    assert.deepEqual(rangeOf({ range: prepared as never }), [1, 4, 1, 11]);
    const edit = await request<WorkspaceEdit>('textDocument/rename', { ...tdp(URI, 1, 5), newName: 'V2' });
    assert.deepEqual(edit.changes?.[URI]?.map((e) => [rangeOf(e), e.newText]), [[[1, 4, 1, 11], 'V2'], [[2, 10, 2, 17], 'V2']]);
    const stage = await request<WorkspaceEdit>('textDocument/rename', { ...tdp(URI, 4, 6), newName: 'compile' });
    assert.equal(stage.changes?.[URI]?.length, 3);
    const definition = await request<Location>('textDocument/definition', tdp(URI, 5, 14));
    assert.deepEqual(rangeOf(definition), [0, 16, 0, 21]);
  });

  it('links images to their registry page', async () => {
    const links = await request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: URI } });
    assert.deepEqual(links.map(rangeOf), [[0, 5, 0, 9]]);
    const resolved = await request<DocumentLink>('documentLink/resolve', links[0]);
    assert.equal(resolved.target, 'https://hub.docker.com/_/node/');
  });

  it("adds dockerfile-utils' validation to the diagnostics, without what a Bollwerk rule reports", async () => {
    await open(URI, "FROM node:20 AS 1stage\nCMD ['a']\n");
    const published = c.published.filter((p) => p.uri === URI && p.version === version).at(-1)!;
    const utils = published.diagnostics.filter((d: Diagnostic) => d.source === 'dockerfile-utils');
    assert.deepEqual(utils.map((d) => [d.code, rangeOf(d)]), [[12, [0, 16, 0, 22]]], JSON.stringify(utils));
    assert.ok(published.diagnostics.some((d) => d.code === 'dockerfile/exec-form' && d.range.start.line === 1), 'exec-form reports the single quotes');
  });

  it('answers nothing for documents that are not Dockerfiles', async () => {
    await open(YAML_URI, 'apiVersion: v1\nkind: Pod\n');
    assert.equal(await request('textDocument/completion', tdp(YAML_URI, 0, 0)), null);
    assert.deepEqual(await request('textDocument/formatting', { textDocument: { uri: YAML_URI }, options: FORMAT }), []);
    assert.deepEqual(await request('textDocument/documentSymbol', { textDocument: { uri: YAML_URI } }), []);
  });
});

describe('Dockerfile language features turned off by the initialization option', () => {
  it('registers none of them and adds no dockerfile-utils diagnostics', async () => {
    const c = startServer();
    try {
      const init = await c.initialize({ pull: false, dockerfileLanguageFeatures: false });
      for (const key of ['completionProvider', 'signatureHelpProvider', 'documentFormattingProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'semanticTokensProvider', 'renameProvider', 'definitionProvider', 'documentLinkProvider'] as const) {
        assert.equal(init.capabilities[key], undefined, key);
      }
      assert.equal(init.capabilities.hoverProvider, true, 'the findings keep their hover');
      c.open(URI, 'FROM node:20 AS 1stage\n');
      const published = await c.waitForPublish(URI);
      assert.deepEqual(published.diagnostics.filter((d) => d.source === 'dockerfile-utils'), []);
      assert.doesNotMatch(hoverText(await c.connection.sendRequest('textDocument/hover', tdp(URI, 0, 1))), /Set the base image|commit the results/, 'no reference text, only the findings');
    } finally {
      await c.stop();
    }
  });
});
