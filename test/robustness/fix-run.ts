import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileKind } from '../../shared/src/types';
import { corpusDir, loadIndex, type CorpusEntry } from './corpus';
import type { FileFixOutcome, FixFailure } from './fix-safety';

/** Totals of a fix-safety run over the corpus. */
export interface FixSafetySummary {
  readonly files: number;
  readonly filesWithFixes: number;
  readonly fixesApplied: number;
  readonly appliedByRule: Readonly<Record<string, number>>;
  readonly maxPasses: number;
  readonly failures: readonly FixFailure[];
  readonly ms: number;
}

/**
 * Checks every fix of every corpus file (or those `select` keeps) in `workers` worker threads;
 * files are dealt out largest first so the workers finish together.
 */
export async function runFixSafety(workers = 2, select: (e: CorpusEntry) => boolean = () => true): Promise<FixSafetySummary> {
  const started = performance.now();
  const entries = loadIndex().filter(select).sort((a, b) => b.bytes - a.bytes);
  const shares: CorpusEntry[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  for (const e of entries) {
    const i = load.indexOf(Math.min(...load));
    shares[i]!.push(e);
    load[i]! += e.bytes + 20_000; // a per-file cost besides the size
  }
  const outcomes: (FileFixOutcome & { kind: FileKind; ms: number })[] = [];
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(join(__dirname, 'fix-worker.mjs'), { workerData: { entries: share }, env: { ...process.env, BOLLWERK_CORPUS: corpusDir() } });
          worker.on('message', (o: FileFixOutcome & { kind: FileKind; ms: number }) => outcomes.push(o));
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fix-safety worker exited with ${code}`))));
        }),
    ),
  );
  const appliedByRule: Record<string, number> = {};
  for (const o of outcomes) for (const [rule, n] of Object.entries(o.applied)) appliedByRule[rule] = (appliedByRule[rule] ?? 0) + n;
  return {
    files: outcomes.length,
    filesWithFixes: outcomes.filter((o) => Object.keys(o.applied).length > 0).length,
    fixesApplied: Object.values(appliedByRule).reduce((a, b) => a + b, 0),
    appliedByRule,
    maxPasses: Math.max(0, ...outcomes.map((o) => o.passes)),
    failures: outcomes.flatMap((o) => o.failures).sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.path.localeCompare(b.path)),
    ms: performance.now() - started,
  };
}

/** The summary as printable lines: counts, fixes by rule, failures by rule and check, then each failure with a short diff (the first `detailed`). */
export function formatSummary(s: FixSafetySummary, detailed = 40): string[] {
  const byRule = new Map<string, number>();
  for (const f of s.failures) byRule.set(`${f.ruleId} ${f.check}`, (byRule.get(`${f.ruleId} ${f.check}`) ?? 0) + 1);
  return [
    `fix safety: ${s.fixesApplied} fixes applied one at a time in ${s.filesWithFixes} of ${s.files} files, all together in at most ${s.maxPasses} passes; ${s.failures.length} failures (${(s.ms / 1000).toFixed(1)} s)`,
    ...Object.entries(s.appliedByRule).sort().map(([r, n]) => `  applied ${r}: ${n}`),
    ...[...byRule].sort().map(([k, n]) => `  FAILED ${k}: ${n}`),
    ...s.failures.slice(0, detailed).flatMap((f) => [`--- ${f.ruleId} [${f.check}] ${f.path}`, `    ${f.detail}`, ...f.diff.split('\n').map((l) => `    ${l}`)]),
  ];
}
