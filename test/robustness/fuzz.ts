import fc from 'fast-check';
import type { FileKind } from '../../shared/src/types';
import { seedTexts, uriFor } from './corpus';
import { checkInput, checkOneFix } from './invariants';
import { buildInput, describeRecipe, recipeArb } from './mutators';

/** Totals of a fuzz run of one kind. */
export interface FuzzStats {
  readonly kind: FileKind;
  readonly inputs: number;
  readonly ms: number;
  readonly slowestMs: number;
  /** The recipe of the slowest input. */
  readonly slowest: string;
  /** Inputs where one offered fix was applied and the result checked again. */
  readonly fixesApplied: number;
  /** Inputs skipped or partly checked with a note, by note code. */
  readonly notes: Readonly<Record<string, number>>;
}

/** The file kinds fuzzed. */
export const FUZZ_KINDS: readonly FileKind[] = ['dockerfile', 'compose', 'kubernetes'];

/** Seeds for the fuzz runs: corpus files up to 12 KB, 200 per kind, spread over the repositories. */
export const loadSeeds = (): Record<FileKind, string[]> => seedTexts(12_000, 200);

/**
 * Runs `runs` fuzz inputs of `kind` with fast-check under a fixed seed; throws fast-check's report
 * (with the shrunk recipe and the broken invariants) on the first failing input.
 */
export function fuzzKind(kind: FileKind, seeds: readonly string[], runs: number, seed: number): FuzzStats {
  let inputs = 0;
  let ms = 0;
  let slowestMs = 0;
  let slowest = '';
  let fixesApplied = 0;
  const notes: Record<string, number> = {};
  const started = performance.now();
  fc.assert(
    fc.property(recipeArb(kind, seeds), fc.boolean(), fc.nat(), (recipe, byName, pick) => {
      const text = buildInput(recipe, kind, seeds);
      // Mostly the kind is given (as the editor does); sometimes it is detected from name and content.
      const outcome = checkInput(text, byName ? undefined : kind, uriFor(kind));
      inputs++;
      if (outcome.ms > slowestMs) {
        slowestMs = outcome.ms;
        slowest = `${describeRecipe(recipe)} (${text.length} chars)`;
      }
      for (const n of outcome.report?.notes ?? []) notes[n.code] = (notes[n.code] ?? 0) + 1;
      const problems = [...outcome.problems];
      // Fixes on odd input: apply one offered fix; the result must pass the same checks and parse as well.
      const fix = problems.length === 0 && outcome.report ? checkOneFix(text, kind, uriFor(kind), outcome.report, pick) : undefined;
      if (fix) {
        fixesApplied++;
        problems.push(...fix.problems.map((p) => `${fix.ruleId} ${p}`));
      }
      if (problems.length > 0) {
        throw new Error(`${kind} input (${text.length} chars) from ${describeRecipe(recipe)}:\n  ${[...new Set(problems)].slice(0, 8).join('\n  ')}`);
      }
    }),
    { seed, numRuns: runs, includeErrorInReport: true },
  );
  ms = performance.now() - started;
  return { kind, inputs, ms, slowestMs, slowest, fixesApplied, notes };
}

/** One line of statistics. */
export function formatStats(s: FuzzStats): string {
  const notes = Object.entries(s.notes).map(([k, n]) => `${k} ${n}`).join(', ');
  return `fuzz ${s.kind}: ${s.inputs} inputs in ${(s.ms / 1000).toFixed(1)} s (${(s.ms / Math.max(1, s.inputs)).toFixed(2)} ms each, slowest ${s.slowestMs.toFixed(0)} ms), ${s.fixesApplied} with one fix applied and checked again${notes ? `; notes: ${notes}` : ''}`;
}
