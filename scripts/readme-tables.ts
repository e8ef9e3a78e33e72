/**
 * The rule tables of README.md, generated from the catalogue: one table per file kind between the
 * markers `<!-- rules:<kind> -->` and `<!-- /rules:<kind> -->`. `scripts/generate-docs.ts` writes
 * them; a test fails when the README and the catalogue drift apart.
 */
import { RULES } from '../shared/src/rules';
import type { FileKind, Rule } from '../shared/src/types';

const KINDS: readonly FileKind[] = ['dockerfile', 'compose', 'kubernetes', 'pipeline'];

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** Shorter runs stay spelled out: they read better whole. */
const MIN_RUN = 5;

/** Runs of ids that differ only in a trailing number (`CKV2_DOCKER_2` … `CKV2_DOCKER_16`) as `first…last`. */
export function collapseIds(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; ) {
    const m = /^(.*?)(\d+)$/.exec(ids[i]!);
    let j = i + 1;
    if (m) {
      while (j < ids.length) {
        const n = /^(.*?)(\d+)$/.exec(ids[j]!);
        if (!n || n[1] !== m[1] || Number(n[2]) !== Number(m[2]) + (j - i)) break;
        j++;
      }
    }
    out.push(j - i >= MIN_RUN ? `${ids[i]}…${/(\d+)$/.exec(ids[j - 1]!)![1]}` : ids[i]!);
    if (j - i < MIN_RUN) j = i + 1;
    i = j;
  }
  return out;
}

const list = (items: readonly string[]): string => (items.length ? items.join(', ') : '—');

/** The external references as the tables name them: `CIS 5.5`, `OWASP RULE #3`, `OWASP K01:2025`. */
const externalRefs = (rule: Rule): string[] =>
  (rule.external ?? []).flatMap((ref) =>
    ref.source === 'CIS Docker Benchmark' ? [`CIS ${ref.id}`] : ref.source === 'OWASP Docker Security Cheat Sheet' || ref.source === 'OWASP Kubernetes Top 10' ? [`OWASP ${ref.id}`] : [],
  );

const pss = (rule: Rule): string[] => (rule.equivalents ?? []).filter((e) => e.startsWith('pss:')).map((e) => e.slice(4));
const peers = (rule: Rule): string[] => collapseIds((rule.equivalents ?? []).filter((e) => !e.startsWith('pss:')));

/** The Markdown table of one file kind's rules, sorted by id. */
export function ruleTable(kind: FileKind): string {
  const rules = RULES.filter((r) => r.kind === kind).sort((a, b) => (a.id < b.id ? -1 : 1));
  const extra: Array<[string, (r: Rule) => string]> =
    kind === 'dockerfile' || kind === 'pipeline'
      ? [
          ['References', (r) => list(externalRefs(r))],
          ['Same check in', (r) => list(peers(r))],
        ]
      : kind === 'compose'
        ? [['References', (r) => list(externalRefs(r))]]
        : [
            ['PSA check', (r) => list(pss(r))],
            ['References', (r) => list(externalRefs(r))],
            ['Same check in', (r) => list(peers(r))],
          ];
  const head = ['Rule', 'Severity', 'Levels', 'Fix', 'Checks', 'Checklist items', ...extra.map(([h]) => h)];
  const rows = rules.map((r) =>
    [`\`${r.id}\`${r.scope === 'workspace' ? ' (workspace)' : ''}`, r.severity, r.levels.join(', '), r.fixable ? 'yes' : '—', cell(r.title.en), list(r.references), ...extra.map(([, f]) => f(r))],
  );
  return [head, head.map(() => '---'), ...rows].map((cols) => `| ${cols.join(' | ')} |`).join('\n');
}

/** README.md with every marked table replaced by the catalogue's; throws when a marker is missing. */
export function withRuleTables(readme: string): string {
  let text = readme;
  for (const kind of KINDS) {
    const open = `<!-- rules:${kind} -->`;
    const close = `<!-- /rules:${kind} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README.md has no ${open} … ${close} block`);
    text = `${text.slice(0, start + open.length)}\n${ruleTable(kind)}\n${text.slice(end)}`;
  }
  return text;
}
