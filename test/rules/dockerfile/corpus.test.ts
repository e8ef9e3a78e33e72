import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CONFIG, type Config } from '../../../shared/src/config';
import { lintText } from '../../../shared/src/lint';
import { DOCKERFILE_RULES } from '../../../shared/src/rules/dockerfile';
import { applyEdits, lineIndex } from '../../../shared/src/text';
import type { Result } from '../../../shared/src/types';

const root = resolve(__dirname, '../../..');
const corpus = resolve(root, process.env.BOLLWERK_CORPUS ?? '../shared/corpus');
const realworld = join(corpus, 'realworld');
const config: Config = { ...DEFAULT_CONFIG, level: 'L3', trustedRegistries: ['docker.io', 'mcr.microsoft.com'] };

function lint(uri: string, text: string, errors: string[]): readonly Result[] {
  return lintText(uri, text, { config, rules: DOCKERFILE_RULES, kind: 'dockerfile', log: (m) => errors.push(m) }).results;
}

function dockerfiles(): string[] {
  const index = readFileSync(join(realworld, 'index.tsv'), 'utf8');
  return index.split('\n').slice(1).map((l) => l.split('\t')).filter((c) => c[0] === 'dockerfile' && c[1]).map((c) => c[1]!);
}

test('Dockerfile rules over the real-world corpus: no crash, ranges inside, every fix applies and removes its finding', () => {
  assert.ok(existsSync(join(realworld, 'index.tsv')), `corpus not found at ${realworld}: set BOLLWERK_CORPUS to the corpus folder`);
  const files = dockerfiles();
  assert.ok(files.length > 1000, `expected the corpus Dockerfiles, found ${files.length}`);
  const counts = new Map<string, number>(DOCKERFILE_RULES.map((r) => [r.id, 0]));
  const fixes = new Map<string, number>();
  const errors: string[] = [];
  const problems: string[] = [];
  for (const path of files) {
    const text = readFileSync(join(realworld, path), 'utf8');
    const uri = `file:///corpus/${path}`;
    const results = lint(uri, text, errors);
    const index = lineIndex(text);
    for (const r of results) {
      counts.set(r.ruleId, (counts.get(r.ruleId) ?? 0) + 1);
      for (const p of [r.range.start, r.range.end, ...(r.fix?.edits.flatMap((e) => [e.range.start, e.range.end]) ?? [])]) {
        if (p.line >= index.lineCount || p.character > index.lineText(p.line).length) problems.push(`${path}: ${r.ruleId} position ${p.line}:${p.character} outside`);
      }
      if (!r.fix) continue;
      fixes.set(r.ruleId, (fixes.get(r.ruleId) ?? 0) + 1);
      const fixed = applyEdits(text, r.fix.edits, index);
      const after = lint(uri, fixed, errors);
      const same = (x: readonly Result[]): number => x.filter((y) => y.ruleId === r.ruleId).length;
      if (same(after) >= same(results)) problems.push(`${path}: fix of ${r.ruleId} at line ${r.range.start.line + 1} leaves the finding`);
      if (after.length > results.length) problems.push(`${path}: fix of ${r.ruleId} at line ${r.range.start.line + 1} adds findings: ${after.filter((a) => !results.some((b) => b.ruleId === a.ruleId)).map((a) => a.ruleId).join(', ')}`);
      const again = after.filter((y) => y.ruleId === r.ruleId && y.fix && y.range.start.line === r.range.start.line && y.range.start.character === r.range.start.character);
      if (again.length > 0) problems.push(`${path}: fix of ${r.ruleId} is not idempotent`);
    }
  }
  console.log(`Dockerfiles: ${files.length}`);
  for (const [id, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(6)}  ${id}${fixes.get(id) ? `  (${fixes.get(id)} with fix)` : ''}`);
  assert.deepEqual(errors, [], 'no rule throws');
  assert.ok(![...counts.keys()].some((k) => !DOCKERFILE_RULES.some((r) => r.id === k)), 'only Dockerfile rules report');
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
});
