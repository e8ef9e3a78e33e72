// The baseline file (`.bollwerk-baseline.json`): the findings a repository accepts today, by
// fingerprint. Entries are sorted and written one per line so that the file diffs well.
import type { Fingerprinted, FingerprintParts } from './fingerprint';

/** Version of the baseline file's format. */
export const BASELINE_VERSION = 1;

/** The default name of the baseline file. */
export const BASELINE_FILE = '.bollwerk-baseline.json';

/** One accepted finding. */
export interface BaselineEntry extends FingerprintParts {
  readonly fingerprint: string;
}

/** A parsed baseline. */
export interface Baseline {
  readonly entries: readonly BaselineEntry[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders entries by file, rule, object, path and fingerprint. */
function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.object, b.object) || cmp(a.path, b.path) || cmp(a.fingerprint, b.fingerprint);
}

/** The baseline of the given findings. */
export function baselineOf(found: readonly Fingerprinted[]): Baseline {
  return { entries: found.map(({ fingerprint, ruleId, file, object, path }) => ({ fingerprint, ruleId, file, object, path })).sort(compareEntries) };
}

/** The baseline as text: sorted, one entry per line, a final line break. */
export function serialiseBaseline(baseline: Baseline): string {
  const lines = [...baseline.entries].sort(compareEntries).map((e) => `    ${JSON.stringify({ fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file, object: e.object, path: e.path })}`);
  return `{\n  "version": ${BASELINE_VERSION},\n  "entries": [${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a baseline file's text; a problem is one line for the user. */
export function parseBaseline(text: string): { baseline: Baseline } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { problem: `not valid JSON: ${(e as Error).message.split('\n')[0]}` };
  }
  if (!isRecord(raw) || raw.version !== BASELINE_VERSION || !Array.isArray(raw.entries)) return { problem: `not a baseline file of version ${BASELINE_VERSION} (expected {"version": ${BASELINE_VERSION}, "entries": [...]})` };
  const entries: BaselineEntry[] = [];
  for (const [i, e] of raw.entries.entries()) {
    if (!isRecord(e) || typeof e.fingerprint !== 'string' || !/^[0-9a-f]{32}$/.test(e.fingerprint)) return { problem: `entry ${i + 1}: needs a fingerprint of 32 hex digits` };
    const str = (k: string): string => (typeof e[k] === 'string' ? (e[k] as string) : '');
    entries.push({ fingerprint: e.fingerprint, ruleId: str('ruleId'), file: str('file'), object: str('object'), path: str('path') });
  }
  return { baseline: { entries } };
}

/** Splits findings into new ones and baselined ones; `stale` are the entries no finding matched. */
export function applyBaseline<T extends { readonly fingerprint: string }>(found: readonly T[], baseline: Baseline): { fresh: T[]; baselined: T[]; stale: BaselineEntry[] } {
  const left = new Map<string, BaselineEntry>();
  for (const e of baseline.entries) left.set(e.fingerprint, e);
  const fresh: T[] = [];
  const baselined: T[] = [];
  for (const f of found) {
    if (left.delete(f.fingerprint)) baselined.push(f);
    else fresh.push(f);
  }
  return { fresh, baselined, stale: [...left.values()].sort(compareEntries) };
}
