import { type Diagnostic } from 'vscode-languageserver';
import type { DiagnosticData } from '../../shared/src/protocol';
import type { Lang, Range, Result, Severity } from '../../shared/src/types';
import { relatedInformation, toDiagnostic } from './diagnostics';
import { tf } from './i18n';
import { ruleById } from './rule-docs';

/**
 * One diagnostic per object and place: the findings of one object at one range (the container
 * checks on a container's name, the service checks on a service's key) are shown as one
 * diagnostic that lists its rules, so that a bare Deployment is not a column of a dozen squiggles.
 * The CLI, SARIF and the checklist keep one result per rule.
 */

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const rangeKey = (r: Range | undefined): string => (r ? `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` : '');

/** True when two results go into one diagnostic: the same range of the same object. */
export const sameGroup = (a: Result, b: Result): boolean => rangeKey(a.range) === rangeKey(b.range) && rangeKey(a.objectRange) === rangeKey(b.objectRange);

/** The results grouped by object and range, in the order of their first result; each group's most severe result first. */
export function groupResults(results: readonly Result[]): Result[][] {
  const groups = new Map<string, Result[]>();
  for (const r of results) {
    const key = `${rangeKey(r.range)}|${rangeKey(r.objectRange)}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => (g.length === 1 ? g : [...g].sort((a, b) => RANK[a.severity] - RANK[b.severity])));
}

const HEADER = { en: '{n} findings here:', de: '{n} Befunde hier:' };

/** One line of a grouped diagnostic: the message, the rule and its checklist items. */
function line(r: Result, lang: Lang): string {
  const items = ruleById(r.ruleId)?.references ?? [];
  return `• ${r.message[lang]} (${r.ruleId}${items.length ? `; ${items.join(', ')}` : ''})`;
}

/** What a grouped diagnostic carries besides the first result's data: every rule of the group. */
export interface GroupData {
  readonly rules: readonly string[];
}

/**
 * The diagnostics of a document's results: one per group; a group of one is the result's own
 * diagnostic. With `related` (the client supports it), the results' related places (a chart's
 * values key, the overlays that deploy a base) are the diagnostic's related information, each once.
 */
export function groupedDiagnostics(results: readonly Result[], version: number, lang: Lang, related = false): Diagnostic[] {
  return groupResults(results).map((group) => {
    const first = toDiagnostic(group[0]!, version, lang, related);
    if (group.length === 1) return first;
    const data: DiagnosticData & GroupData = { ...Object.assign({}, ...group.map((r) => r.data ?? {})), ...(first.data as DiagnosticData), rules: group.map((r) => r.ruleId) };
    const places = related ? relatedInformation(group, lang) : [];
    const { relatedInformation: _first, ...rest } = first;
    return { ...rest, message: [tf(HEADER, lang, { n: group.length }), ...group.map((r) => line(r, lang))].join('\n'), ...(places.length ? { relatedInformation: places } : {}), data };
  });
}

/** The rules a diagnostic stands for: the group's, or its own code. */
export function rulesOf(d: Diagnostic): readonly string[] {
  const rules = (d.data as Partial<GroupData> | undefined)?.rules;
  return Array.isArray(rules) && rules.every((r) => typeof r === 'string') ? rules : typeof d.code === 'string' ? [d.code] : [];
}
