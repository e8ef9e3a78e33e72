import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../shared/src/config';
import { lintText } from '../shared/src/lint';
import { KUBERNETES_RULES } from '../shared/src/rules/kubernetes';

/** Pod Security Standards conformance: every rule declaring a PSA check agrees with its fixtures. */

interface Fixture {
  readonly id: string;
  readonly file: string;
  readonly upstream_check: string;
  readonly expect: 'pass' | 'fail';
  readonly level: 'baseline' | 'restricted';
}

const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', 'shared', 'corpus'));
const dir = join(corpus, 'pss');
const manifestPath = join(dir, 'manifest.json');

const pssRules = KUBERNETES_RULES.map((rule) => ({ rule, controls: (rule.equivalents ?? []).filter((e) => e.startsWith('pss:')).map((e) => e.slice(4)) })).filter((r) => r.controls.length > 0);

function findingsOf(fixture: Fixture, ruleId: string): number {
  const text = readFileSync(join(dir, fixture.file), 'utf8');
  const rule = KUBERNETES_RULES.find((r) => r.id === ruleId)!;
  const report = lintText(`file:///pss/${fixture.file}`, text, { rules: [rule], kind: 'kubernetes', config: { ...DEFAULT_CONFIG, level: 'L3' } });
  return report.results.filter((r) => r.ruleId === ruleId).length;
}

describe('Pod Security Standards fixtures', () => {
  it('the corpus is present', () => {
    assert.ok(existsSync(manifestPath), `PSS fixtures not found at ${manifestPath}: set BOLLWERK_CORPUS to the corpus directory`);
  });
  if (!existsSync(manifestPath)) return;
  const fixtures = JSON.parse(readFileSync(manifestPath, 'utf8')) as Fixture[];

  it('every upstream check of the fixtures is declared by a rule (the wildcard pass fixtures aside)', () => {
    const declared = new Set(pssRules.flatMap((r) => r.controls));
    const missing = [...new Set(fixtures.map((f) => f.upstream_check))].filter((c) => !c.endsWith('/*') && !declared.has(c));
    assert.deepEqual(missing, []);
  });

  it('each rule fails exactly the fail fixtures of its controls and passes the pass ones', () => {
    let agree = 0;
    let total = 0;
    const disagreements: string[] = [];
    for (const { rule, controls } of pssRules) {
      for (const f of fixtures.filter((x) => controls.includes(x.upstream_check))) {
        total++;
        const n = findingsOf(f, rule.id);
        if ((f.expect === 'fail') === n > 0) agree++;
        else disagreements.push(`${rule.id} on ${f.id}: expected ${f.expect}, got ${n} finding(s)`);
      }
    }
    console.log(`PSS agreement: ${agree}/${total} rule×fixture verdicts (${pssRules.length} rules)`);
    assert.deepEqual(disagreements, []);
    assert.ok(total >= fixtures.length - 4, 'every fixture except the wildcard pass ones was checked');
  });

  it('the compliant pods of each level pass every rule of that level', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const f of fixtures.filter((x) => x.upstream_check.endsWith('/*'))) {
      for (const { rule, controls } of pssRules) {
        if (!controls.some((c) => c.startsWith(`${f.level}/`))) continue;
        checked++;
        const n = findingsOf(f, rule.id);
        if (n > 0) failures.push(`${rule.id} reports ${n} on ${f.id}`);
      }
    }
    console.log(`PSS compliant pods: ${checked - failures.length}/${checked} rule verdicts pass`);
    assert.deepEqual(failures, []);
  });
});
