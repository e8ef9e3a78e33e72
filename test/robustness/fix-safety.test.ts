import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary, runFixSafety } from './fix-run';

/**
 * Fix safety over the whole real-world corpus: every offered fix applied to its file one at a
 * time and all together (repeated to a fixed point). The file still parses (YAML: no new syntax
 * errors, same documents; Dockerfile: no instruction lost), the finding is gone, no new finding
 * appears (rule id + range, ranges mapped through the edits), applying again changes nothing and
 * line breaks keep the file's style. Runs in two worker threads; prints the counts and every
 * failure with rule id, file and a short diff. BOLLWERK_FIX_SAFETY_DETAIL sets how many are shown.
 */
describe('fix safety over the real-world corpus', () => {
  it('every fix of every file is safe, alone and all together', async () => {
    const summary = await runFixSafety(2);
    const lines = formatSummary(summary, Number(process.env.BOLLWERK_FIX_SAFETY_DETAIL ?? 60));
    console.log(lines.join('\n'));
    assert.ok(summary.files > 4000, `corpus files checked (${summary.files})`);
    assert.ok(summary.fixesApplied > 1000, `fixes applied (${summary.fixesApplied})`);
    assert.deepEqual(
      summary.failures.map((f) => `${f.ruleId} [${f.check}] ${f.path}: ${f.detail}`),
      [],
    );
  });
});
