// Entry of the end-to-end tests inside the extension host: `run()` is what both runners call
// (code-server's test-runner mode, test/e2e/run.mjs, and @vscode/test-electron, electron.mjs).
import { writeFileSync } from 'node:fs';
import './editor.test';
import './checklist.test';
import './evidence.test';
import { runAll } from './harness';

/** Runs the tests; rejects when one failed. Results go to $BOLLWERK_E2E_RESULTS as JSON when set. */
export async function run(): Promise<void> {
  const started = Date.now();
  const results = await runAll((line) => console.log(line));
  const out = process.env.BOLLWERK_E2E_RESULTS;
  if (out) writeFileSync(out, JSON.stringify({ results, ms: Date.now() - started }, null, 2));
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} end-to-end test(s) failed`);
}
