import type { Attestation, Config } from '../config';
import { isEnabled } from '../lint';
import { RULES } from '../rules';
import type { FileKind, Result, RuleMeta } from '../types';
import { hasEvidence, type Evidence, type EvidenceHit } from './evidence';
import { ITEMS } from './index';

/** The state of one checklist item over a set of scanned files. */
export type ItemState = 'passed' | 'failed' | 'not-applicable' | 'manual' | 'attested';

/**
 * One item's status: its state, the rules that check it and their open findings (results, or what
 * stands for them where they are kept packed: the language server's checklist).
 */
export interface ItemStatus<R extends { readonly ruleId: string } = Result> {
  readonly id: string;
  readonly state: ItemState;
  /** Open findings of the item's rules (empty unless failed). */
  readonly findings: readonly R[];
  /** Ids of the catalogue rules that cite the item (enabled or not). */
  readonly rules: readonly string[];
  /** Ids of those rules that ran on the scanned files (enabled at the level, matching a scanned kind). */
  readonly activeRules: readonly string[];
  readonly attestation?: Attestation;
  /** Where the repository proves the item (items with evidence declarations, when evidence was read). */
  readonly evidence?: readonly EvidenceHit[];
  /** True when the repository has CI configuration but none of it provides the item's evidence. */
  readonly evidenceMissing?: boolean;
}

/** Input of {@link checklistStatus}. */
export interface StatusInput<R extends { readonly ruleId: string } = Result> {
  readonly results: readonly R[];
  /** The kinds of the files that were scanned. */
  readonly kinds: ReadonlySet<FileKind>;
  readonly config: Config;
  readonly rules?: readonly RuleMeta[];
  /** What the repository's files prove (checklist/evidence.ts); without it evidence decides nothing. */
  readonly evidence?: Evidence;
}

/** Rule ids citing each checklist item. */
export function rulesByItem(rules: readonly RuleMeta[] = RULES): Map<string, RuleMeta[]> {
  const map = new Map<string, RuleMeta[]>();
  for (const rule of rules)
    for (const ref of rule.references) {
      const list = map.get(ref) ?? [];
      list.push(rule);
      map.set(ref, list);
    }
  return map;
}

/**
 * The status of every checklist item: `failed` when a rule citing it has an open finding,
 * `passed` when such rules ran on the scanned files and found nothing, `not-applicable` when no
 * rule of the item ran (no file of its kind, or disabled at this level), `manual`/`attested` for
 * items no file can show (attested when `.bollwerk.yaml` records it). Items with evidence
 * declarations pass where the repository shows the evidence, fail when it has CI configuration
 * without it, and otherwise keep the verdict above. A manual item that a team
 * attests keeps its rules' verdict when those exist: findings win over an attestation.
 */
export function checklistStatus<R extends { readonly ruleId: string } = Result>(input: StatusInput<R>): ItemStatus<R>[] {
  const byItem = rulesByItem(input.rules ?? RULES);
  const findingsByRule = new Map<string, R[]>();
  for (const r of input.results) {
    const list = findingsByRule.get(r.ruleId) ?? [];
    list.push(r);
    findingsByRule.set(r.ruleId, list);
  }
  const attestations = new Map(input.config.attestations.map((a) => [a.item, a]));
  return ITEMS.map((item): ItemStatus<R> => {
    const rules = byItem.get(item.id) ?? [];
    const active = rules.filter((r) => input.kinds.has(r.kind) && isEnabled(r, input.config));
    const findings = active.flatMap((r) => findingsByRule.get(r.id) ?? []);
    const attestation = attestations.get(item.id);
    const base = { id: item.id, rules: rules.map((r) => r.id), activeRules: active.map((r) => r.id), ...(attestation ? { attestation } : {}) };
    const hits = input.evidence && hasEvidence(item.id) ? input.evidence.byItem.get(item.id) : undefined;
    const missing = !hits && input.evidence?.ci === true && hasEvidence(item.id);
    if (findings.length > 0) return { ...base, state: 'failed', findings, ...(missing ? { evidenceMissing: true } : {}) };
    if (hits) return { ...base, state: 'passed', findings: [], evidence: hits };
    // CI configuration without the evidence: the item is not done, unless a team attests it is done elsewhere.
    if (missing) return { ...base, state: attestation ? 'attested' : 'failed', findings: [], evidenceMissing: true };
    if (active.length > 0) return { ...base, state: 'passed', findings: [] };
    if (!item.checkable || rules.length === 0) return { ...base, state: attestation ? 'attested' : 'manual', findings: [] };
    return { ...base, state: 'not-applicable', findings: [] };
  });
}
