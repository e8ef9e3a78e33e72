// lintChart over the render-only charts of the Helm corpus: each renders and lints without internal
// errors, and every finding is located in a file of the chart (or the -f file) at a line it has.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintChart } from '../../shared/src/helm/lint-chart';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { diskTree } from '../../host/src/workspace/file-tree';
import { HELM_CORPUS, helmCases } from './corpus-helpers';

const sprig = sprigFuncs();

describe('lintChart over the render-only corpus charts', () => {
  for (const c of helmCases().filter((x) => x.kind === 'render-only')) {
    it(`${c.id}: findings only in the chart's files, at lines they have`, () => {
      const valuesFiles = c.valuesFiles.map((f) => ({ name: join(HELM_CORPUS, f), text: readFileSync(join(HELM_CORPUS, f), 'utf8') }));
      const chartDir = join(HELM_CORPUS, c.chart);
      const lint = lintChart(diskTree(chartDir), '', {
        sprig, valuesFiles, set: c.set, setString: c.setString, releaseName: c.releaseName ?? undefined, namespace: c.namespace ?? undefined,
        uriOf: (p) => (p.startsWith('/') ? p : join(chartDir, p)),
      });
      assert.equal(lint.library, false);
      assert.ok(lint.linted.length > 0);
      const bad = lint.results.filter((r) => r.ruleId === 'bollwerk/internal-error' || r.ruleId === 'helm/render-error' || r.ruleId === 'bollwerk/parse-error');
      assert.deepEqual(bad.map((r) => `${r.ruleId} ${r.message.en}`), []);
      assert.ok(lint.results.length > 0);
      const lines = new Map<string, number>();
      for (const r of lint.results) {
        assert.ok(r.uri.startsWith(`${chartDir}/`) || valuesFiles.some((f) => f.name === r.uri), r.uri);
        assert.ok(existsSync(r.uri), r.uri);
        if (!lines.has(r.uri)) lines.set(r.uri, readFileSync(r.uri, 'utf8').split('\n').length);
        assert.ok(r.range.start.line < lines.get(r.uri)!, `${r.ruleId} ${r.uri}:${r.range.start.line + 1}`);
      }
    });
  }
});
