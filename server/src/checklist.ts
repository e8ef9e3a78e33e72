import { DOCUMENTS, itemById } from '../../shared/src/checklist/index';
import type { Evidence } from '../../shared/src/checklist/evidence';
import { checklistStatus } from '../../shared/src/checklist/status';
import type { Config } from '../../shared/src/config';
import type { ChecklistFinding, ChecklistItemStatus, ChecklistResponse } from '../../shared/src/protocol';
import type { FileKind, Result } from '../../shared/src/types';

const toFinding = (r: Result): ChecklistFinding => ({ uri: r.uri, range: r.range, ruleId: r.ruleId, severity: r.severity, message: r.message });

/**
 * The checklist with status for a set of results over files of the given kinds. Results in
 * `baselined` do not count against an item; each item says how many of them it has. `evidence`
 * is what the repository's own files prove (CI configuration, policies, Falco rules).
 */
export function buildChecklist(results: readonly Result[], kinds: ReadonlySet<FileKind>, config: Config, scannedFiles: number, baselined: ReadonlySet<Result> = new Set(), evidence?: Evidence): ChecklistResponse {
  const fresh = baselined.size ? results.filter((r) => !baselined.has(r)) : results;
  const apart = new Map<string, number>();
  if (baselined.size)
    for (const s of checklistStatus({ results: [...baselined], kinds, config })) if (s.findings.length) apart.set(s.id, s.findings.length);
  const items = checklistStatus({ results: fresh, kinds, config, ...(evidence ? { evidence } : {}) }).flatMap((s): ChecklistItemStatus[] => {
    const item = itemById(s.id);
    const n = apart.get(s.id);
    return item ? [{ ...s, findings: s.findings.map(toFinding), item, ...(n ? { baselined: n } : {}) }] : [];
  });
  return { documents: DOCUMENTS, items, level: config.level, scannedFiles };
}
