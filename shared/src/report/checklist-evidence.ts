import type { ItemStatus } from '../checklist/status';
import type { Lang } from '../types';

/** The evidence of an item as report lines: "passed — path:line what", or why it failed for want of evidence. */
export function evidenceLines(status: ItemStatus, lang: Lang): string[] {
  const de = lang === 'de';
  if (status.evidence) return status.evidence.map((h) => `${de ? 'erfüllt' : 'passed'} — ${h.path}:${h.line} ${h.what[lang]}`);
  if (status.evidenceMissing) return [de ? 'die CI-Konfiguration des Repositorys weist diesen Punkt nicht nach' : "none of the repository's CI configuration provides this item"];
  return [];
}

/** The evidence of an item as JSON. */
export function evidenceJson(status: ItemStatus): Record<string, unknown> {
  if (status.evidence) return { evidence: status.evidence.map((h) => ({ file: h.path, line: h.line, what: h.what.en })) };
  return status.evidenceMissing ? { evidenceMissing: true } : {};
}
