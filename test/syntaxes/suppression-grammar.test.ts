// Tokenizes Dockerfile and YAML samples with the injection grammars of syntaxes/ on top of the
// host grammars, with the same engine VS Code uses (vscode-textmate + vscode-oniguruma). The
// host grammars are VS Code's own built-in ones from the e2e runtime (test/e2e/.runtime) when it
// is installed; without it, small stand-ins with the same comment and string rules are used
// (BOLLWERK_REAL_GRAMMARS=1 makes the real ones mandatory; test/e2e/run.mjs sets it).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = fileURLToPath(new URL('../..', import.meta.url));
const builtIn = join(root, 'test/e2e/.runtime/vscode/node_modules/code-server/lib/vscode/extensions');
const useReal = existsSync(join(builtIn, 'docker/syntaxes/docker.tmLanguage.json'));
if (process.env.BOLLWERK_REAL_GRAMMARS === '1' && !useReal) throw new Error(`VS Code's built-in grammars not found below ${builtIn}`);

const STAND_INS: Record<string, object> = {
  'source.dockerfile': {
    scopeName: 'source.dockerfile',
    patterns: [
      { match: '^\\s*(?i:(RUN|FROM|USER|COPY|ADD))\\s', captures: { 1: { name: 'keyword.other.special-method.dockerfile' } } },
      { begin: '"', end: '"', name: 'string.quoted.double.dockerfile' },
      { match: '^(\\s*)((#).*$\\n?)', captures: { 1: { name: 'punctuation.whitespace.comment.leading.dockerfile' }, 2: { name: 'comment.line.number-sign.dockerfile' }, 3: { name: 'punctuation.definition.comment.dockerfile' } } },
    ],
  },
  'source.yaml': {
    scopeName: 'source.yaml',
    patterns: [
      { begin: '(?<=[\\t ]|^)#', end: '$', name: 'comment.line.number-sign.yaml' },
      { begin: '\\|', end: '^(?=\\S)', name: 'string.unquoted.block.yaml' },
      { begin: '"', end: '"', name: 'string.quoted.double.yaml' },
      { match: '[\\w.-]+(?=:)', name: 'entity.name.tag.yaml' },
    ],
  },
};

const REAL: Record<string, string> = {
  'source.dockerfile': 'docker/syntaxes/docker.tmLanguage.json',
  'source.yaml': 'yaml/syntaxes/yaml.tmLanguage.json',
  'source.yaml.1.3': 'yaml/syntaxes/yaml-1.3.tmLanguage.json',
  'source.yaml.1.2': 'yaml/syntaxes/yaml-1.2.tmLanguage.json',
  'source.yaml.1.1': 'yaml/syntaxes/yaml-1.1.tmLanguage.json',
  'source.yaml.1.0': 'yaml/syntaxes/yaml-1.0.tmLanguage.json',
  'source.yaml.embedded': 'yaml/syntaxes/yaml-embedded.tmLanguage.json',
};

const OURS: Record<string, string> = {
  'bollwerk.suppression.dockerfile.injection': 'syntaxes/bollwerk-ignore.dockerfile.tmLanguage.json',
  'bollwerk.suppression.yaml.injection': 'syntaxes/bollwerk-ignore.yaml.tmLanguage.json',
};

/** The injections package.json declares, read from the manifest so that the test checks it too. */
function injectionsFromManifest(): Map<string, string[]> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] } };
  const map = new Map<string, string[]>();
  for (const g of pkg.contributes.grammars) {
    assert.equal(join(root, g.path), join(root, OURS[g.scopeName] ?? '?'), `manifest path of ${g.scopeName}`);
    for (const host of g.injectTo ?? []) map.set(host, [...(map.get(host) ?? []), g.scopeName]);
  }
  return map;
}

async function createRegistry(): Promise<textmate.Registry> {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '../onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const injections = injectionsFromManifest();
  return new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName) => {
      const ours = OURS[scopeName];
      if (ours) return textmate.parseRawGrammar(readFileSync(join(root, ours), 'utf8'), ours);
      if (useReal && REAL[scopeName]) return textmate.parseRawGrammar(readFileSync(join(builtIn, REAL[scopeName]!), 'utf8'), REAL[scopeName]);
      const standIn = STAND_INS[scopeName];
      return standIn ? textmate.parseRawGrammar(JSON.stringify(standIn), `${scopeName}.json`) : null;
    },
    getInjections: (scopeName) => injections.get(scopeName),
  });
}

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

async function tokenize(registry: textmate.Registry, scope: string, source: string): Promise<Token[][]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, scope);
  let state = textmate.INITIAL;
  return source.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

const scopeOf = (line: readonly Token[], text: string): readonly string[] => {
  const t = line.find((x) => x.text.trim() === text);
  assert.ok(t, `no token "${text}" in ${JSON.stringify(line.map((x) => x.text))}`);
  return t.scopes;
};
const has = (scopes: readonly string[], prefix: string): boolean => scopes.some((s) => s.startsWith(prefix));

const KEYWORD = 'keyword.control.directive.suppression.bollwerk';
const RULE = 'entity.name.tag.rule-id.bollwerk';
const REASON = 'string.unquoted.reason.bollwerk';

describe(`suppression comment grammar (${useReal ? "VS Code's built-in host grammars" : 'stand-in host grammars'})`, () => {
  it('highlights keyword, rule ids and reason in a Dockerfile', async () => {
    const registry = await createRegistry();
    const lines = await tokenize(registry, 'source.dockerfile', [
      'FROM alpine:3.20',
      '# bollwerk-ignore dockerfile/no-root-user,dockerfile/prefer-copy -- the init step needs root',
      'USER root',
      '# bollwerk-ignore-file dockerfile/prefer-copy',
      '# a plain comment about bollwerk-ignore',
      'RUN echo "# bollwerk-ignore dockerfile/no-root-user"',
    ].join('\n'));
    assert.ok(has(scopeOf(lines[1]!, 'bollwerk-ignore'), KEYWORD));
    assert.ok(has(scopeOf(lines[1]!, 'dockerfile/no-root-user'), RULE));
    assert.ok(has(scopeOf(lines[1]!, 'dockerfile/prefer-copy'), RULE));
    assert.ok(has(scopeOf(lines[1]!, '--'), 'punctuation.separator.reason.bollwerk'));
    assert.ok(has(scopeOf(lines[1]!, 'the init step needs root'), REASON));
    assert.ok(scopeOf(lines[1]!, 'the init step needs root').some((s) => s.startsWith('comment.line')), 'still a comment');
    assert.ok(has(scopeOf(lines[3]!, 'bollwerk-ignore-file'), KEYWORD));
    assert.ok(has(scopeOf(lines[3]!, 'dockerfile/prefer-copy'), RULE));
    // Only suppression comments are touched: a plain comment and a string stay as the host makes them.
    assert.ok(lines[4]!.every((t) => !t.scopes.some((s) => s.endsWith('.bollwerk'))), 'plain comment');
    assert.ok(lines[5]!.every((t) => !t.scopes.some((s) => s.endsWith('.bollwerk'))), 'string in RUN');
  });

  it('highlights suppression comments in YAML, on their own line and after a value', async () => {
    const registry = await createRegistry();
    const lines = await tokenize(registry, 'source.yaml', [
      'apiVersion: v1',
      'kind: Pod',
      '# bollwerk-ignore k8s/read-only-root-filesystem -- legacy app writes to /tmp',
      'spec:',
      '  containers:',
      '    - name: app # bollwerk-ignore k8s/no-latest-tag',
      '      args:',
      '        - "# bollwerk-ignore k8s/x"',
      '      command: |',
      '        # bollwerk-ignore k8s/y -- inside a block scalar',
    ].join('\n'));
    assert.ok(has(scopeOf(lines[2]!, 'bollwerk-ignore'), KEYWORD));
    assert.ok(has(scopeOf(lines[2]!, 'k8s/read-only-root-filesystem'), RULE));
    assert.ok(has(scopeOf(lines[2]!, 'legacy app writes to /tmp'), REASON));
    assert.ok(has(scopeOf(lines[5]!, 'bollwerk-ignore'), KEYWORD), 'after a value');
    assert.ok(has(scopeOf(lines[5]!, 'k8s/no-latest-tag'), RULE));
    assert.ok(lines[7]!.every((t) => !t.scopes.some((s) => s.endsWith('.bollwerk'))), 'quoted string');
    assert.ok(lines[9]!.every((t) => !t.scopes.some((s) => s.endsWith('.bollwerk'))), 'block scalar');
  });
});
