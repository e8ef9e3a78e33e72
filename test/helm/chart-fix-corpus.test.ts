// Every fix offered on the render-only charts of the Helm corpus, applied on its own to a copy of
// the chart (in memory): the chart still renders and the finding (its rule and message) is
// reported fewer times. A check of the fixes as offered, by linting the fixed chart anew.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileTree } from '../../shared/src/file-tree';
import { lintChart } from '../../shared/src/helm/lint-chart';
import { sprigFuncs } from '../../shared/src/helm/sprig/index';
import { applyEdits } from '../../shared/src/text';
import type { Result } from '../../shared/src/types';
import { diskTree } from '../../host/src/workspace/file-tree';
import { HELM_CORPUS, helmCases } from './corpus-helpers';

const sprig = sprigFuncs();

describe('chart fixes over the render-only corpus charts', () => {
  for (const c of helmCases().filter((x) => x.kind === 'render-only')) {
    it(`${c.id}: every offered fix renders and removes its finding`, () => {
      const valuesFiles = c.valuesFiles.map((f) => ({ name: join(HELM_CORPUS, f), text: readFileSync(join(HELM_CORPUS, f), 'utf8') }));
      const tree = diskTree(join(HELM_CORPUS, c.chart));
      const options = { sprig, valuesFiles, set: c.set, setString: c.setString, releaseName: c.releaseName ?? undefined, namespace: c.namespace ?? undefined };
      const lint = lintChart(tree, '', { ...options, fixes: true });
      const same = (r: Result) => (x: Result): boolean => x.ruleId === r.ruleId && x.message.en === r.message.en;
      const fixable = lint.results.filter((r) => r.fix);
      // every chart of the corpus has a finding some fix settles (host-users at least)
      assert.ok(fixable.length > 0);
      for (const r of fixable) {
        const file = r.fix!.uri ?? r.uri;
        const f = valuesFiles.findIndex((v) => v.name === file);
        let fixedTree: FileTree = tree;
        let fixedValues = valuesFiles;
        if (f >= 0) fixedValues = valuesFiles.map((v, i) => (i === f ? { name: v.name, text: applyEdits(v.text, r.fix!.edits) } : v));
        else {
          const after = new TextEncoder().encode(applyEdits(new TextDecoder().decode(tree.readFile(file)), r.fix!.edits));
          fixedTree = { readFile: (p) => (p === file ? after : tree.readFile(p)), readDir: (p) => tree.readDir(p) };
        }
        const again = lintChart(fixedTree, '', { ...options, valuesFiles: fixedValues }).results;
        const where = `${r.ruleId} at ${r.uri}:${r.range.start.line + 1}, fixed in ${file}`;
        assert.deepEqual(again.filter((x) => x.ruleId === 'helm/render-error').map((x) => x.message.en), [], where);
        assert.ok(again.filter(same(r)).length < lint.results.filter(same(r)).length, where);
      }
    });
  }
});
