import type { Evidence } from '../../shared/src/checklist/evidence';
import { checklistStatus, type ItemStatus } from '../../shared/src/checklist/status';
import type { Config } from '../../shared/src/config';
import { CHECKLIST_EVIDENCE_MAX, CHECKLIST_PAGE_MAX, CHECKLIST_PAGE_SIZE, type ChecklistFinding, type ChecklistFindingsParams, type ChecklistFindingsResult, type ChecklistItemStatus, type ChecklistResponse } from '../../shared/src/protocol';
import type { FileKind, Result } from '../../shared/src/types';
import { rangesOf, unpackResults, type PackedReport } from '../../host/src/workspace/packed-report';

/**
 * The results of one file as the checklist holds them: the server keeps a scanned file's results
 * packed, and they are unpacked when a page or the compliance report needs them. Each call gives
 * the same results in the same order (fresh objects each time). What the page order compares,
 * but the message, is at hand without unpacking.
 */
export interface FindingSource {
  readonly uri: string;
  results(): readonly Result[];
  /** The rule id of each result. */
  readonly ruleIds: readonly string[];
  /** The file of the result at `index`. */
  uriAt(index: number): string;
  /** Where each result is, four numbers a result (packed-report.ts rangesOf). */
  readonly ranges: ArrayLike<number>;
}

/** A finding under the checklist's items: its rule, and which result of which file it is. */
export interface FindingRef {
  readonly ruleId: string;
  readonly source: FindingSource;
  readonly index: number;
}

/** A source over results at hand (an open document's, a test's). */
export function resultSource(uri: string, results: readonly Result[]): FindingSource {
  return { uri, results: () => results, ruleIds: results.map((r) => r.ruleId), uriAt: (i) => results[i]!.uri, ranges: rangesOf(results) };
}

/** A source over a packed report's results followed by `more` (the workspace rules' results in the file). */
export function packedSource(report: PackedReport, more: readonly Result[]): FindingSource {
  const n = report.ruleIds.length;
  const uriAt = (i: number): string => (i < n ? (report.uris?.[i] ?? report.uri) : more[i - n]!.uri);
  if (more.length === 0) return { uri: report.uri, results: () => unpackResults(report), ruleIds: report.ruleIds, uriAt, ranges: report.ranges };
  const ranges = new Int32Array(report.ranges.length + more.length * 4);
  ranges.set(report.ranges);
  ranges.set(rangesOf(more), report.ranges.length);
  return { uri: report.uri, results: () => [...unpackResults(report), ...more], ruleIds: [...report.ruleIds, ...more.map((r) => r.ruleId)], uriAt, ranges };
}

/** The references to every result of `source`. */
export const refsOf = (source: FindingSource): FindingRef[] => source.ruleIds.map((ruleId, index) => ({ ruleId, source, index }));

/** The results the references stand for, in their order; each file is unpacked once. */
export function resolveRefs(refs: readonly FindingRef[]): Result[] {
  const unpacked = new Map<FindingSource, readonly Result[]>();
  return refs.map((ref) => {
    let results = unpacked.get(ref.source);
    if (!results) unpacked.set(ref.source, (results = ref.source.results()));
    return results[ref.index]!;
  });
}

/**
 * The checklist over one set of findings: the counts-only answer of `bollwerk/checklist` and each
 * item's open findings (references to the results, which stay packed), from which pages of
 * `bollwerk/checklistFindings` and the compliance report are taken.
 */
export interface ChecklistSnapshot {
  readonly response: ChecklistResponse;
  /** The statuses with references to their findings, in ITEMS order. */
  readonly statuses: readonly ItemStatus<FindingRef>[];
  /** An item's open findings in page order (file, position, rule); undefined for an unknown item. */
  findings(itemId: string): readonly FindingRef[] | undefined;
  /** The statuses with their findings as results, for the compliance report: an item's are unpacked when read, and only the last item's are held. */
  resolved(): ItemStatus[];
}

const toFinding = (r: Result): ChecklistFinding => ({ uri: r.uri, range: r.range, ruleId: r.ruleId, severity: r.severity, message: r.message });

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The page order of findings: file, start, end, rule, message; stable whatever order the files were scanned in. */
export function compareFindings(a: Result, b: Result): number {
  return (
    compareText(a.uri, b.uri) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message.en, b.message.en)
  );
}

/** {@link compareFindings} of two references as far as it is at hand without unpacking: file, range, rule. */
function compareRefs(a: FindingRef, b: FindingRef): number {
  const x = a.source.ranges;
  const y = b.source.ranges;
  const i = a.index * 4;
  const j = b.index * 4;
  return compareText(a.source.uriAt(a.index), b.source.uriAt(b.index)) || x[i]! - y[j]! || x[i + 1]! - y[j + 1]! || x[i + 2]! - y[j + 2]! || x[i + 3]! - y[j + 3]! || compareText(a.ruleId, b.ruleId);
}

/**
 * References in page order ({@link compareFindings}). The file, range and rule of each finding are
 * at hand; only findings of one rule at one place, which their messages order, are unpacked.
 */
function pageOrder(refs: readonly FindingRef[]): FindingRef[] {
  const sorted = [...refs].sort(compareRefs);
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && compareRefs(sorted[i]!, sorted[j]!) === 0) j++;
    if (j - i > 1) {
      const tied = sorted.slice(i, j);
      const resolved = resolveRefs(tied);
      const resultOf = new Map(tied.map((ref, k) => [ref, resolved[k]!] as const));
      sorted.splice(i, j - i, ...tied.sort((a, b) => compareFindings(resultOf.get(a)!, resultOf.get(b)!)));
    }
    i = j;
  }
  return sorted;
}

/**
 * The checklist with status for a set of findings over files of the given kinds. Findings in
 * `baselined` do not count against an item; each item says how many of them it has. `evidence`
 * is what the repository's own files prove (CI configuration, policies, Falco rules).
 */
export function buildChecklist(
  findings: readonly FindingRef[],
  kinds: ReadonlySet<FileKind>,
  config: Config,
  scannedFiles: number,
  resultId: string,
  baselined: ReadonlySet<FindingRef> = new Set(),
  evidence?: Evidence,
): ChecklistSnapshot {
  const fresh = baselined.size ? findings.filter((r) => !baselined.has(r)) : findings;
  const apart = new Map<string, number>();
  if (baselined.size)
    for (const s of checklistStatus({ results: [...baselined], kinds, config })) if (s.findings.length) apart.set(s.id, s.findings.length);
  const statuses = checklistStatus({ results: fresh, kinds, config, ...(evidence ? { evidence } : {}) });
  const items = statuses.map((s): ChecklistItemStatus => {
    const { findings: open, evidence: hits, ...rest } = s;
    const n = apart.get(s.id);
    const shown = hits && hits.length > CHECKLIST_EVIDENCE_MAX ? { evidence: hits.slice(0, CHECKLIST_EVIDENCE_MAX), evidenceTotal: hits.length } : hits ? { evidence: hits } : {};
    return { ...rest, ...shown, findingCount: open.length, ...(n ? { baselined: n } : {}) };
  });
  const byId = new Map(statuses.map((s) => [s.id, s]));
  const sorted = new Map<string, readonly FindingRef[]>();
  return {
    response: { items, level: config.level, scannedFiles, resultId },
    statuses,
    findings(itemId) {
      const hit = sorted.get(itemId);
      if (hit) return hit;
      const status = byId.get(itemId);
      if (!status) return undefined;
      // sorted when first asked: most items are never expanded
      const list = pageOrder(status.findings);
      sorted.set(itemId, list);
      return list;
    },
    resolved() {
      // resolved when read, and only the item read last is held: a report is written an item at a time
      let last: { readonly id: string; readonly findings: readonly Result[] } | undefined;
      return statuses.map((s): ItemStatus => {
        const findings = (): readonly Result[] => {
          if (last?.id !== s.id) last = { id: s.id, findings: resolveRefs(s.findings) };
          return last.findings;
        };
        return Object.defineProperty({ ...s, findings: [] }, 'findings', { enumerable: true, get: findings });
      });
    },
  };
}

/** Why a page cannot be answered: the message of an InvalidParams error. */
export class PageError extends Error {}

/**
 * One page of an item's findings. The cursor is the offset of the page's first finding in the
 * item's page order; a cursor of an older answer (another `resultId`) continues at the same
 * offset of the current order, and the page's `resultId` tells the client that the tree is stale.
 */
export function findingsPage(snapshot: ChecklistSnapshot, params: ChecklistFindingsParams): ChecklistFindingsResult {
  if (typeof params?.itemId !== 'string') throw new PageError('itemId is missing');
  const all = snapshot.findings(params.itemId);
  if (!all) throw new PageError(`unknown checklist item ${JSON.stringify(params.itemId)}`);
  const limit = params.limit ?? CHECKLIST_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > CHECKLIST_PAGE_MAX) throw new PageError(`limit must be an integer from 1 to ${CHECKLIST_PAGE_MAX}`);
  const start = params.cursor === undefined ? 0 : typeof params.cursor === 'string' && /^\d{1,15}$/.test(params.cursor) ? Number(params.cursor) : NaN;
  if (Number.isNaN(start)) throw new PageError(`invalid cursor ${JSON.stringify(params.cursor)}`);
  const end = Math.min(all.length, start + limit);
  const findings = resolveRefs(all.slice(start, end)).map(toFinding);
  return { itemId: params.itemId, findings, total: all.length, resultId: snapshot.response.resultId, ...(end < all.length ? { nextCursor: String(end) } : {}) };
}
