// Worker thread of the fix-safety run (fix-run.ts): checks the fixes of the corpus files it is
// given and posts one outcome per file. Plain JavaScript that loads the TypeScript through tsx,
// so it works under `node --import tsx`, under `tsx` and from test/bench.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { readEntry } = await tsImport('./corpus.ts', import.meta.url);
const { checkFileFixes } = await tsImport('./fix-safety.ts', import.meta.url);
const { FUZZ_CONFIG } = await tsImport('./invariants.ts', import.meta.url);
for (const entry of workerData.entries) {
  const started = performance.now();
  let outcome;
  try {
    outcome = checkFileFixes(entry.path, readEntry(entry), entry.kind, FUZZ_CONFIG);
  } catch (e) {
    const detail = `the fix check threw: ${String(e?.stack ?? e).split('\n').slice(0, 3).join(' | ')}`;
    outcome = { path: entry.path, applied: {}, passes: 0, failures: [{ ruleId: '(checker)', path: entry.path, check: 'crash', detail, diff: '' }] };
  }
  parentPort.postMessage({ ...outcome, kind: entry.kind, ms: performance.now() - started });
}
