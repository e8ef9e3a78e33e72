import { DOCUMENTS, itemById } from '../../shared/src/checklist/index';
import type { Evidence } from '../../shared/src/checklist/evidence';
import { checklistStatus } from '../../shared/src/checklist/status';
import type { Config } from '../../shared/src/config';
import type { ChecklistFinding, ChecklistItemStatus, ChecklistResponse } from '../../shared/src/protocol';
import type { FileKind, Result } from '../../shared/src/types';

const toFinding = (r: Result): ChecklistFinding => ({ uri: r.uri, range: r.range, ruleId: r.ruleId, severity: r.severity, message: r.message });

/** The checklist with status for a set of results over files of the given kinds. */
export function buildChecklist(results: readonly Result[], kinds: ReadonlySet<FileKind>, config: Config, scannedFiles: number, evidence?: Evidence): ChecklistResponse {
  const items = checklistStatus({ results, kinds, config, ...(evidence ? { evidence } : {}) }).flatMap((s): ChecklistItemStatus[] => {
    const item = itemById(s.id);
    return item ? [{ ...s, findings: s.findings.map(toFinding), item }] : [];
  });
  return { documents: DOCUMENTS, items, level: config.level, scannedFiles };
}
