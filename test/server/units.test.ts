import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CONFIG, insecureRegistriesIgnored, parseConfigText, type Config } from '../../shared/src/config';
import { lintText } from '../../shared/src/lint';
import { ruleDocsAnchor, ruleDocsPath } from '../../shared/src/protocol';
import { applyEdits } from '../../shared/src/text';
import { suppressEdit, suppressionLine, wanted } from '../../server/src/code-actions';
import { ChunkCache, createDocumentLinter } from '../../server/src/document-linter';
import { fixAllText, minimalEdit, nonOverlappingEdits } from '../../server/src/fix-all';
import { langOfLocale } from '../../server/src/i18n';
import { escapeMarkdown, ruleDocsMarkdown } from '../../server/src/rule-docs';
import { folderOf, mergeSettings, normalizeSettings, restrictUntrusted, type ResolvedSettings } from '../../server/src/settings';
import { sameResults } from '../../server/src/workspace-index';
import type { Result } from '../../shared/src/types';
import { parseYaml } from '../../shared/src/parse/yaml';
import { fileUri } from '../../host/src/workspace/scan';
import { workspace } from '../cli/helpers';

const FILE: Config = {
  ...DEFAULT_CONFIG,
  level: 'L2',
  rules: { 'a/x': 'off', 'a/y': 'info' },
  trustedRegistries: ['reg.example.com'],
  ignorePaths: ['vendor/'],
  maxFileBytes: 5,
  attestations: [{ item: 'CL-1.1.1', by: 'sec', date: '2026-01-01' }],
  lang: 'de',
  pinning: { ...DEFAULT_CONFIG.pinning, enabled: true, insecureRegistries: ['localhost:5000'] },
};

describe('settings', () => {
  it('normalizes the raw section, dropping wrong types', () => {
    assert.deepEqual(normalizeSettings({ level: 'L9', rules: { 'a/x': 'error', 'a/y': 'loud', 'a/z': 3 }, trustedRegistries: ['r', 4], pinning: { enabled: 'yes' }, lang: 'fr' }), { rules: { 'a/x': 'error' }, trustedRegistries: ['r'] });
    assert.deepEqual(normalizeSettings({ level: 'L1', pinning: { enabled: false }, lang: 'auto', trustedRegistries: [] }), { level: 'L1', pinning: { enabled: false }, lang: 'auto' });
    assert.deepEqual(normalizeSettings(null), {});
    assert.deepEqual(normalizeSettings('x'), {});
  });

  it('settings override the configuration file; rule severities merge per id', () => {
    const r = mergeSettings(FILE, { level: 'L3', rules: { 'a/x': 'warning' } }, true, 'en');
    assert.equal(r.config.level, 'L3');
    assert.deepEqual(r.config.rules, { 'a/x': 'warning', 'a/y': 'info' });
    assert.deepEqual(r.config.trustedRegistries, ['reg.example.com']);
    assert.equal(r.lang, 'en', 'the editor language wins over the file');
    assert.equal(r.pinningAllowed, true);
    assert.equal(mergeSettings(FILE, { lang: 'de' }, true, 'en').lang, 'de');
    assert.equal(mergeSettings(FILE, { lang: 'auto' }, true, undefined).lang, 'de', 'without an editor locale the file decides');
    assert.equal(mergeSettings(DEFAULT_CONFIG, {}, true, undefined).lang, 'en');
    assert.equal(mergeSettings(FILE, { pinning: { enabled: false } }, true, 'en').pinningAllowed, false);
    assert.equal(mergeSettings({ ...FILE, pinning: { ...FILE.pinning, enabled: false } }, { pinning: { enabled: true } }, true, 'en').pinningAllowed, false, 'pinning needs both');
  });

  it('insecure registries come from the user settings only, never from the folder\'s file', () => {
    assert.deepEqual(normalizeSettings({ pinning: { insecureRegistries: ['mine:5000', 3, ''] } }), { pinning: { insecureRegistries: ['mine:5000'] } });
    assert.deepEqual(mergeSettings(FILE, {}, true, 'en').config.pinning.insecureRegistries, [], 'the file named localhost:5000');
    assert.deepEqual(mergeSettings(FILE, { pinning: { insecureRegistries: ['mine:5000'] } }, true, 'en').config.pinning.insecureRegistries, ['mine:5000']);
    assert.deepEqual(parseConfigText('pinning:\n  insecureRegistries: [evil.example:80]\n').config.pinning.insecureRegistries, []);
    assert.ok(insecureRegistriesIgnored('pinning:\n  insecureRegistries: [evil.example:80]\n'));
    assert.ok(!insecureRegistriesIgnored('pinning:\n  enabled: true\n'));
  });

  it('untrusted workspaces keep only level, rules, lang and attestations from the file, and never pin', () => {
    const r = restrictUntrusted(FILE);
    assert.deepEqual(r, { ...DEFAULT_CONFIG, level: 'L2', rules: FILE.rules, attestations: FILE.attestations, lang: 'de', pinning: { ...DEFAULT_CONFIG.pinning, enabled: false } });
    const merged = mergeSettings(FILE, { trustedRegistries: ['mine.example.com'] }, false, 'en');
    assert.deepEqual(merged.config.trustedRegistries, ['mine.example.com'], 'the user’s own settings still apply');
    assert.equal(merged.config.maxFileBytes, DEFAULT_CONFIG.maxFileBytes);
    assert.deepEqual(merged.config.ignorePaths, []);
    assert.equal(merged.pinningAllowed, false);
  });

  it('finds the innermost workspace folder of a uri', () => {
    const folders = ['file:///w', 'file:///w/sub', 'file:///other'];
    assert.equal(folderOf(folders, 'file:///w/sub/Dockerfile'), 'file:///w/sub');
    assert.equal(folderOf(folders, 'file:///w/Dockerfile'), 'file:///w');
    assert.equal(folderOf(folders, 'file:///wx/Dockerfile'), undefined);
    assert.equal(folderOf(['file:///w/'], 'file:///w/a.yaml'), 'file:///w/');
  });

  it('German for de locales', () => {
    assert.deepEqual(['de', 'de-AT', 'DE-de', 'en', 'fr', undefined].map(langOfLocale), ['de', 'de', 'de', 'en', 'en', undefined]);
  });
});

const result = (line: number, c0: number, c1: number, newText: string | undefined, ruleId = 'r/x'): Result => ({
  ruleId,
  uri: 'u',
  severity: 'warning',
  range: { start: { line, character: c0 }, end: { line, character: c1 } },
  message: { en: ruleId, de: ruleId },
  ...(newText === undefined ? {} : { fix: { title: { en: 't', de: 't' }, edits: [{ range: { start: { line, character: c0 }, end: { line, character: c1 } }, newText }] } }),
});

describe('fix-all', () => {
  it('keeps the first of overlapping fixes and skips findings without a fix', () => {
    const edits = nonOverlappingEdits([result(0, 0, 3, 'AAA'), result(0, 1, 2, 'b'), result(1, 0, 1, undefined), result(2, 0, 1, 'c')]);
    assert.deepEqual(edits.map((e) => e.newText), ['AAA', 'c']);
  });

  it('applies fixes repeatedly until nothing is left', () => {
    // a toy linter: every lowercase "a" is a finding whose fix uppercases it, one per pass for overlapping neighbours
    const lint = (text: string): Result[] => [...text.matchAll(/a/g)].map((m) => result(0, m.index!, m.index! + 1, 'A'));
    assert.equal(fixAllText('xaaax', lint), 'xAAAx');
    let passes = 0;
    const growing = (): Result[] => (passes++, [result(0, 0, 0, 'z')]);
    assert.equal(fixAllText('q', growing, 4), 'zzzzq', 'bounded when fixes never converge');
    assert.equal(passes, 4);
  });

  it('fix-all on a real Dockerfile equals applying the fixes and re-linting to a fixed point', () => {
    const uri = 'file:///t/Dockerfile';
    const text = 'FROM alpine:3.20\nADD a.txt /a\nADD b.txt /b\n';
    const fixed = fixAllText(text, (t) => lintText(uri, t).results);
    assert.ok(fixed.includes('COPY a.txt /a\nCOPY b.txt /b\n'), fixed);
    assert.deepEqual(lintText(uri, fixed).results.filter((r) => r.fix), []);
    assert.equal(fixAllText(fixed, (t) => lintText(uri, t).results), fixed, 'idempotent');
  });

  it('the minimal edit keeps the common prefix and suffix', () => {
    const doc = TextDocument.create('u', 'x', 1, 'abcXYZdef');
    const edits = minimalEdit('abcXYZdef', 'abc12def', (o) => doc.positionAt(o));
    assert.deepEqual(edits, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 6 } }, newText: '12' }]);
    assert.equal(applyEdits('abcXYZdef', edits), 'abc12def');
    assert.deepEqual(minimalEdit('same', 'same', (o) => doc.positionAt(o)), []);
  });
});

describe('code action helpers', () => {
  it('matches hierarchical kinds', () => {
    assert.equal(wanted(undefined, 'quickfix'), true);
    assert.equal(wanted(['source'], 'source.fixAll.bollwerk'), true);
    assert.equal(wanted(['source.fixAll'], 'source.fixAll.bollwerk'), true);
    assert.equal(wanted(['source.fixAll.bollwerk'], 'source.fixAll.bollwerk'), true);
    assert.equal(wanted(['source.fix'], 'source.fixAll.bollwerk'), false);
    assert.equal(wanted(['quickfix'], 'source.fixAll.bollwerk'), false);
  });

  it('places suppressions above keys and items, never inside a block scalar', () => {
    const doc = TextDocument.create('file:///a.yaml', 'yaml', 1, 'a:\n  - name: x\n    run: |\n      echo hi\n    "q": 1\n');
    assert.deepEqual([0, 1, 2, 3, 4].map((l) => suppressionLine(doc, 'kubernetes', l)), [0, 1, 2, undefined, 4]);
    assert.deepEqual(suppressEdit(doc, 2, 'k8s/x', 'de'), { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '    # bollwerk-ignore k8s/x -- Begründung\n' });
    const crlf = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, 'FROM a\r\n\tADD b c\r\n');
    assert.equal(suppressEdit(crlf, 1, 'dockerfile/x', 'en').newText, '\t# bollwerk-ignore dockerfile/x -- reason\r\n');
  });
});

describe('rule documentation', () => {
  it('has a stable URL per rule id', () => {
    assert.equal(ruleDocsAnchor('k8s/read-only-root-filesystem'), 'k8sread-only-root-filesystem');
    assert.equal(ruleDocsPath('compose/privileged'), 'docs/rules.md#composeprivileged');
  });

  it('renders markdown in both languages and nothing for unknown rules', () => {
    const en = ruleDocsMarkdown('k8s/read-only-root-filesystem', 'en');
    const de = ruleDocsMarkdown('k8s/read-only-root-filesystem', 'de');
    assert.match(en, /^# /);
    assert.ok(en.includes('## Why') && en.includes('## How to fix') && en.includes('## Checklist items') && en.includes('```yaml'));
    assert.ok(de.includes('## Warum') && de.includes('## Behebung') && de.includes('## Checklistenpunkte'));
    assert.equal(ruleDocsMarkdown('nope/nope', 'en'), '');
    assert.equal(escapeMarkdown('a*b_[c]`d`<e>|'), 'a\\*b\\_\\[c\\]\\`d\\`\\<e\\>\\|');
  });
});

describe('caches', () => {
  it('prunes YAML chunks the text no longer contains', () => {
    const cache = new ChunkCache();
    parseYaml('file:///a.yaml', 'a: 1\n---\nb: 2\n---\ngone: 1\n', 'kubernetes', { cache });
    assert.equal(cache.size, 3);
    cache.prune();
    const second = parseYaml('file:///a.yaml', 'a: 1\n---\nb: 2\n---\nnew: 1\n', 'kubernetes', { cache });
    assert.equal(second.documents.length, 3);
    cache.prune();
    assert.deepEqual([...cache.keys()].sort(), ['---\nb: 2\n', '---\nnew: 1\n', 'a: 1\n'].sort());
  });

  it('compares result lists by rule, range, severity and message', () => {
    const a = [result(0, 0, 1, undefined)];
    assert.equal(sameResults(a, [result(0, 0, 1, 'fix')]), true);
    assert.equal(sameResults(a, [result(0, 0, 2, undefined)]), false);
    assert.equal(sameResults(a, [result(0, 0, 1, undefined, 'r/y')]), false);
    assert.equal(sameResults(a, []), false);
  });
});

describe('document linter', () => {
  const settings: ResolvedSettings = { config: DEFAULT_CONFIG, lang: 'en', pinningAllowed: false, folderUri: undefined };
  const copyAll = (uri: string, version: number, linter = createDocumentLinter(() => undefined)): boolean =>
    linter
      .lint(TextDocument.create(uri, 'dockerfile', version, 'FROM alpine:3.20\nCOPY . /app/\n'), settings, 0)
      .report.results.some((r) => r.ruleId === 'dockerfile/copy-all-without-dockerignore');
  it('asks the disk for a .dockerignore beside a Dockerfile, and knows nothing of one for an unsaved buffer', () => {
    const dir = workspace({ Dockerfile: 'FROM alpine:3.20\n' });
    const uri = fileUri(join(dir, 'Dockerfile'));
    assert.equal(copyAll(uri, 1), true, 'no .dockerignore beside it');
    writeFileSync(join(dir, '.dockerignore'), '.git\n');
    assert.equal(copyAll(uri, 2), false, 'a .dockerignore beside it');
    assert.equal(copyAll('untitled:Untitled-1', 1), false, 'unknown for a buffer without a file');
  });
});
