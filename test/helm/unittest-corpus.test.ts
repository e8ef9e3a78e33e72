// The helm-unittest suites of the traefik and jenkins charts (corpus/helm, kind `unittest`), run by
// the runner in shared/src/helm/unittest: every test of every suite must pass, as in their CI.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadChart } from '../../shared/src/helm/loader';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { runSuite } from '../../shared/src/helm/unittest/suite';
import { diskTree } from '../../host/src/workspace/file-tree';
import { HELM_CORPUS } from './corpus-helpers';

const SUITES: readonly { chart: string; dir: string; pattern: RegExp }[] = [
  { chart: 'src/traefik__traefik-helm-chart/traefik', dir: 'tests', pattern: /_test\.yaml$/ },
  { chart: 'src/jenkinsci__helm-charts/charts/jenkins', dir: 'unittests', pattern: /\.yaml$/ },
];

for (const { chart, dir, pattern } of SUITES) {
  describe(`helm-unittest ${chart}`, () => {
    const root = join(HELM_CORPUS, chart);
    it('has its suites', () => assert.ok(existsSync(join(root, dir)), `${root} not found: set BOLLWERK_CORPUS`));
    if (!existsSync(join(root, dir))) return;
    const tree = diskTree(root);
    const loaded = loadChart(tree);
    const sprig = sprigFuncs();
    for (const file of readdirSync(join(root, dir)).filter((f) => pattern.test(f)).sort()) {
      it(`passes ${dir}/${file}`, () => {
        const results = runSuite(tree, '', `${dir}/${file}`, sprig, loaded);
        assert.ok(results.length > 0, 'no tests found');
        const failed = results.filter((r) => r.failures.length > 0).map((r) => `${r.test}: ${r.failures.join('; ')}`);
        assert.deepEqual(failed, []);
      });
    }
  });
}
