import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { buildKustomization, type BuildResult } from '../../shared/src/kustomize/build';
import { diskTree } from '../../host/src/workspace/file-tree';

/**
 * Differential test over corpus/kustomize: kustomize's own krusty tests, Argo CD's and Gatekeeper's
 * committed build outputs. Goldens must match byte for byte, must-fail cases must fail with the
 * same cause. GAPS lists cases of features not built yet (none at present); each listed case must
 * still differ, so the list cannot go stale.
 */

const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'));
const dir = join(corpus, 'kustomize');

interface Case {
  readonly id: string;
  readonly kind: 'golden' | 'error';
  readonly kustomizationDir: string;
  readonly golden: string | null;
  readonly goldenSkipLines: number;
  readonly reorder: 'legacy' | 'none';
  readonly loadRestrictor: 'LoadRestrictionsRootOnly' | 'LoadRestrictionsNone';
  readonly errorContains?: readonly string[];
}

const GAPS = new Set<string>();

/** The tree and folder of a case: krusty cases are rooted at their `files` folder (the test's in-memory filesystem). */
function locate(c: Case): { root: string; folder: string } {
  const parts = c.kustomizationDir.split('/');
  const depth = c.id.startsWith('krusty-') ? 3 : 2;
  return { root: join(dir, ...parts.slice(0, depth)), folder: parts.slice(depth).join('/') };
}

/** Why a result does not meet the case, or '' when it does. */
function mismatch(c: Case, result: BuildResult): string {
  if (c.kind === 'error') {
    if (result.ok) return 'the build succeeded';
    const missing = (c.errorContains ?? []).filter((s) => !result.error.message.includes(s));
    return missing.length ? `error ${JSON.stringify(result.error.message)} lacks ${JSON.stringify(missing)}` : '';
  }
  if (!result.ok) return `the build failed: ${result.error.message}`;
  const want = readFileSync(join(dir, c.golden!), 'utf8').split('\n').slice(c.goldenSkipLines).join('\n');
  if (result.yaml === want) return '';
  const got = result.yaml.split('\n');
  const exp = want.split('\n');
  const line = got.findIndex((l, i) => l !== exp[i]);
  return `line ${line + 1}: got ${JSON.stringify(got[line])}, want ${JSON.stringify(exp[line])}`;
}

describe('kustomize build over corpus/kustomize', () => {
  const indexPath = join(dir, 'index.json');
  it('finds the corpus', () => assert.ok(existsSync(indexPath), `corpus index not found at ${indexPath}: set BOLLWERK_CORPUS`));
  if (!existsSync(indexPath)) return;
  const cases = (JSON.parse(readFileSync(indexPath, 'utf8')) as { cases: Case[] }).cases;
  const tally = new Map<string, [number, number]>();
  for (const c of cases) {
    it(c.id, () => {
      const { root, folder } = locate(c);
      const result = buildKustomization(diskTree(root), folder, { reorder: c.reorder, loadRestrictor: c.loadRestrictor });
      const why = mismatch(c, result);
      const group = c.id.startsWith('krusty-') ? `krusty ${c.kind}` : c.id;
      const t = tally.get(group) ?? [0, 0];
      t[why === '' ? 0 : 1]++;
      tally.set(group, t);
      if (GAPS.has(c.id)) assert.notEqual(why, '', `${c.id} now passes: remove it from GAPS`);
      else assert.equal(why, '', why);
    });
  }
  it('reports the pass count by group', () => {
    for (const [group, [pass, fail]] of tally) console.log(`# ${group}: ${pass}/${pass + fail}`);
    assert.equal([...tally.values()].reduce((n, [, f]) => n + f, 0), GAPS.size);
  });
});
