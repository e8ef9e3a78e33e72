import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG, type Config } from '../../../shared/src/config';
import { REVEALS } from '../../robustness/fix-safety';
import { lintText, lintWorkspace, parseFile } from '../../../shared/src/lint';
import { COMPOSE_RULES } from '../../../shared/src/rules/compose';
import { applyEdits, lineIndex } from '../../../shared/src/text';
import type { ParsedFile, Range, Result } from '../../../shared/src/types';
import { applyAllFixes } from '../../rule-tester';

/**
 * The Compose rules over every Compose file of the real-world corpus: no internal error, ranges
 * inside the file, and every fix applies alone, removes its finding, adds none and leaves YAML
 * that still parses. Prints the findings per rule for review.
 */

const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', '..', '..', 'shared', 'corpus'));
const dir = join(corpus, 'realworld');
const indexPath = join(dir, 'index.tsv');
const config: Config = { ...DEFAULT_CONFIG, level: 'L3' };

const yamlErrors = (text: string): number => parseAllDocuments(text).reduce((n, d) => n + (('errors' in d && d.errors.length) || 0), 0);

function outside(text: string, range: Range): boolean {
  const index = lineIndex(text);
  return [range.start, range.end].some((p) => p.line < 0 || p.line >= index.lineCount || p.character < 0 || p.character > index.lineText(p.line).length);
}

const countBy = (results: readonly Result[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of results) m.set(r.ruleId, (m.get(r.ruleId) ?? 0) + 1);
  return m;
};

describe('compose rules over the real-world corpus', () => {
  it('the corpus is present', () => {
    assert.ok(existsSync(indexPath), `corpus index not found at ${indexPath}: set BOLLWERK_CORPUS to the corpus directory`);
  });
  if (!existsSync(indexPath)) return;
  const rows = readFileSync(indexPath, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t') as [string, string]);
  const composeRows = rows.filter(([kind]) => kind === 'compose').map(([, path]) => path);
  const lint = (uri: string, text: string, log: (m: string) => void): Result[] =>
    lintText(uri, text, { config, rules: COMPOSE_RULES, kind: 'compose', log }).results.filter((r) => r.ruleId !== 'bollwerk/parse-error');

  it('lints every Compose file; every fix applies, removes its finding, adds none and still parses', () => {
    const problems: string[] = [];
    const perRule = new Map<string, number>();
    let fixes = 0;
    for (const path of composeRows) {
      const uri = `file:///corpus/${path}`;
      const text = readFileSync(join(dir, path), 'utf8');
      const log = (m: string): void => void problems.push(`${path}: ${m.split('\n')[0]}`);
      const results = lint(uri, text, log);
      const before = countBy(results);
      for (const [id, n] of before) perRule.set(id, (perRule.get(id) ?? 0) + n);
      const errorsBefore = yamlErrors(text);
      for (const r of results) {
        if (r.ruleId === 'bollwerk/internal-error') problems.push(`${path}: ${r.message.en}`);
        if (outside(text, r.range)) problems.push(`${path}: ${r.ruleId} range outside the file`);
        if (!r.fix) continue;
        fixes++;
        let fixed: string;
        try {
          fixed = applyEdits(text, r.fix.edits);
        } catch (e) {
          problems.push(`${path}: ${r.ruleId} fix does not apply: ${(e as Error).message}`);
          continue;
        }
        if (yamlErrors(fixed) > errorsBefore) problems.push(`${path}:${r.range.start.line + 1} ${r.ruleId} fix breaks the YAML`);
        const after = countBy(lint(uri, fixed, log));
        if ((after.get(r.ruleId) ?? 0) >= (before.get(r.ruleId) ?? 0)) problems.push(`${path}:${r.range.start.line + 1} ${r.ruleId} fix does not remove its finding`);
        for (const [id, n] of after) if (n > (before.get(id) ?? 0) && REVEALS[r.ruleId] !== id) problems.push(`${path}:${r.range.start.line + 1} ${r.ruleId} fix adds a ${id} finding`);
      }
    }
    console.log(`compose corpus: ${composeRows.length} files, ${[...perRule.values()].reduce((a, b) => a + b, 0)} findings, ${fixes} fixes checked`);
    for (const [id, n] of [...perRule].sort((a, b) => b[1] - a[1])) console.log(`  ${id}: ${n}`);
    assert.deepEqual(problems.slice(0, 20), []);
  });

  it('fixing everything in passes (as fix-all does) converges, keeps the YAML valid and leaves no fixable finding', () => {
    const problems: string[] = [];
    let fixedFiles = 0;
    for (const path of composeRows) {
      const uri = `file:///corpus/${path}`;
      const original = readFileSync(join(dir, path), 'utf8');
      const log = (m: string): void => void problems.push(`${path}: ${m.split('\n')[0]}`);
      let text = original;
      let passes = 0;
      for (; passes < 10; passes++) {
        const next = applyAllFixes(text, lint(uri, text, log));
        if (next === text) break;
        text = next;
      }
      if (text === original) continue;
      fixedFiles++;
      if (passes >= 10) problems.push(`${path}: fixes do not converge`);
      if (yamlErrors(text) > yamlErrors(original)) problems.push(`${path}: fixed file no longer parses`);
      const left = lint(uri, text, log).filter((r) => r.fix);
      if (left.length > 0) problems.push(`${path}: ${left.length} fixable finding(s) left`);
    }
    console.log(`compose corpus: ${fixedFiles} files fixed completely`);
    assert.deepEqual(problems.slice(0, 20), []);
    assert.ok(fixedFiles > 100);
  });

  it('runs compose/implicit-root-user with each repository\'s Dockerfiles', () => {
    const byRepo = new Map<string, ParsedFile[]>();
    for (const [kind, path] of rows) {
      if (kind !== 'compose' && kind !== 'dockerfile') continue;
      const repo = path.split('/').slice(0, 2).join('/');
      const parsed = parseFile(`file:///corpus/${path}`, readFileSync(join(dir, path), 'utf8'), kind);
      byRepo.set(repo, [...(byRepo.get(repo) ?? []), parsed]);
    }
    const problems: string[] = [];
    let findings = 0;
    for (const files of byRepo.values()) {
      const texts = new Map(files.map((f) => [f.uri, f.text]));
      for (const r of lintWorkspace(files, { config, rules: COMPOSE_RULES, log: (m) => problems.push(m) })) {
        findings++;
        const text = texts.get(r.uri);
        if (text === undefined || outside(text, r.range)) problems.push(`${r.uri}: range outside the file`);
      }
    }
    console.log(`compose/implicit-root-user: ${findings} findings over ${byRepo.size} repositories`);
    assert.deepEqual(problems, []);
    assert.ok(findings > 0, 'some built images in the corpus run as root');
  });
});
