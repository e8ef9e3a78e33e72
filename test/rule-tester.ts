import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, type Config } from '../shared/src/config';
import { lintText, type LintOptions } from '../shared/src/lint';
import { applyEdits, lineIndex } from '../shared/src/text';
import type { FileKind, Range, Result, Rule, TextEdit } from '../shared/src/types';

/** `[line, character, endLine, endCharacter]`, 0-based like LSP. */
export type RangeTuple = readonly [number, number, number, number];

/** A snippet the rule must not report. */
export type ValidCase = string | { readonly code: string; readonly filename?: string; readonly name?: string; readonly options?: TestOptions };

/** A snippet the rule must report exactly as listed. */
export interface InvalidCase {
  readonly code: string;
  readonly name?: string;
  readonly filename?: string;
  readonly options?: TestOptions;
  readonly findings: readonly { readonly range: RangeTuple; readonly messageId?: string; readonly message?: string | RegExp }[];
  /** The text after applying every fix of this rule; `null` when the rule must offer no fix here. */
  readonly output?: string | null;
}

/** Extra lint options for a case. */
export interface TestOptions {
  readonly config?: Partial<Config>;
  readonly hasDockerignore?: boolean;
}

const DEFAULT_NAMES: Record<FileKind, string> = {
  dockerfile: 'file:///test/Dockerfile',
  compose: 'file:///test/compose.yaml',
  kubernetes: 'file:///test/manifest.yaml',
  pipeline: 'file:///test/.github/workflows/ci.yml',
};

const toTuple = (r: Range): RangeTuple => [r.start.line, r.start.character, r.end.line, r.end.character];

function lintWith(rule: Rule, code: string, filename: string | undefined, options: TestOptions | undefined): Result[] {
  const uri = filename ? `file:///test/${filename}` : DEFAULT_NAMES[rule.kind];
  const config: Config = { ...DEFAULT_CONFIG, level: 'L3', ...options?.config };
  const lintOptions: LintOptions = {
    config,
    rules: [rule],
    kind: rule.kind,
    ...(options?.hasDockerignore === undefined ? {} : { hasDockerignore: options.hasDockerignore }),
    log: (m) => assert.fail(`rule threw: ${m}`),
  };
  return lintText(uri, code, lintOptions).results.filter((r) => r.ruleId === rule.id);
}

/** Applies the fixes of all results, skipping any that overlap an earlier one (as ESLint does per pass). */
export function applyAllFixes(code: string, results: readonly Result[]): string {
  const edits: TextEdit[] = [];
  const index = lineIndex(code);
  const taken: [number, number][] = [];
  for (const r of results) {
    if (!r.fix) continue;
    const spans = r.fix.edits.map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end)] as [number, number]);
    if (spans.some(([s, e]) => taken.some(([ts, te]) => s < te && ts < e || (s === e && s === ts)))) continue;
    taken.push(...spans);
    edits.push(...r.fix.edits);
  }
  return applyEdits(code, edits, index);
}

function assertInside(code: string, results: readonly Result[]): void {
  const index = lineIndex(code);
  for (const r of results) {
    for (const p of [r.range.start, r.range.end, ...(r.fix?.edits.flatMap((e) => [e.range.start, e.range.end]) ?? [])]) {
      assert.ok(p.line >= 0 && p.line < index.lineCount, `line ${p.line} outside the document (${index.lineCount} lines)`);
      assert.ok(p.character >= 0 && p.character <= index.lineText(p.line).length, `character ${p.character} outside line ${p.line}`);
    }
  }
}

/**
 * Runs a rule's table of cases with node:test (ESLint's RuleTester, on our contract).
 * Invariants checked for every case: valid code gives nothing; invalid code gives exactly the
 * listed findings; ranges lie inside the document; a fixable case's fixes give `output`,
 * `output` no longer reports a fixable finding and fixing it again changes nothing.
 */
export function ruleTester(rule: Rule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  describe(rule.id, () => {
    assert.ok(cases.valid.length > 0, `${rule.id}: at least one valid case`);
    assert.ok(cases.invalid.length > 0, `${rule.id}: at least one invalid case`);
    cases.valid.forEach((c, i) => {
      const vc = typeof c === 'string' ? { code: c } : c;
      it(`valid #${i}${vc.name ? `: ${vc.name}` : ''}`, () => {
        const results = lintWith(rule, vc.code, vc.filename, vc.options);
        assert.deepEqual(results.map((r) => ({ range: toTuple(r.range), message: r.message.en })), []);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i}${c.name ? `: ${c.name}` : ''}`, () => {
        const results = lintWith(rule, c.code, c.filename, c.options);
        assert.deepEqual(results.map((r) => toTuple(r.range)), c.findings.map((f) => [...f.range]), 'finding ranges');
        assertInside(c.code, results);
        c.findings.forEach((f, j) => {
          const r = results[j]!;
          if (f.message instanceof RegExp) assert.match(r.message.en, f.message);
          else if (typeof f.message === 'string') assert.equal(r.message.en, f.message);
          if (f.messageId !== undefined) {
            assert.ok(rule.messages[f.messageId], `unknown messageId ${f.messageId}`);
            assert.equal(r.messageId ?? Object.keys(rule.messages)[0], f.messageId, `finding #${j}: messageId`);
          }
          assert.ok(r.message.de.length > 0 && !/(?<!\$)\{\w+\}/.test(r.message.en + r.message.de), 'message formatted in en and de');
        });
        const fixable = results.filter((r) => r.fix);
        if (c.output === undefined) {
          assert.equal(fixable.length, 0, `${rule.id} offers a fix here: give the expected \`output\``);
          return;
        }
        if (c.output === null) {
          assert.equal(fixable.length, 0, 'expected no fix');
          return;
        }
        assert.ok(rule.fixable, `${rule.id} is not declared fixable`);
        assert.ok(fixable.length > 0, 'expected a fix');
        const fixed = applyAllFixes(c.code, results);
        assert.equal(fixed, c.output, 'fixed output');
        const after = lintWith(rule, fixed, c.filename, c.options);
        assert.equal(after.filter((r) => r.fix).length, 0, 'the fix removes its finding (no fixable finding left)');
        assert.ok(after.length < results.length, 'fixing reduces the findings of this rule');
        assert.equal(applyAllFixes(fixed, after), fixed, 'fixing again changes nothing');
      });
    });
  });
}
