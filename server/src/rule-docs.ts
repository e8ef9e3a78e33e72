import { documentById, itemById } from '../../shared/src/checklist/index';
import { documentedRules } from '../../shared/src/lint';
import type { Lang, RuleMeta } from '../../shared/src/types';
import { t, UI } from './i18n';

const byId = new Map<string, RuleMeta>(documentedRules().map((r) => [r.id, r]));

/** The rule (or engine pseudo-rule) with this id. */
export function ruleById(id: string): RuleMeta | undefined {
  return byId.get(id);
}

/** Markdown text is inserted literally: escape what Markdown would interpret. */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/**
 * Text of the rule documentation as Markdown: its `code spans` stay code, everything else is
 * escaped so that it shows as written.
 */
export function docMarkdown(s: string): string {
  return s
    .split(/(`[^`\n]+`)/)
    .map((piece, k) => (k % 2 === 1 ? piece : escapeMarkdown(piece)))
    .join('');
}

/** One line per checklist item a rule cites: document, id and CSVS levels first, then the item's text. */
export function checklistLines(rule: RuleMeta, lang: Lang): string[] {
  return itemLines(rule.references, lang);
}

/** One line per checklist item: document, id and CSVS levels first, then the item's text. */
export function itemLines(ids: readonly string[], lang: Lang): string[] {
  return ids.map((id) => {
    const item = itemById(id);
    if (!item) return `- \`${id}\``;
    const doc = documentById(item.document);
    const levels = item.levels?.length ? ` (${t(UI.levels, lang)}: ${item.levels.join(', ')})` : '';
    return `- ${escapeMarkdown(doc ? t(doc.title, lang) : item.document)} · \`${id}\`${levels}: ${escapeMarkdown(t(item.text, lang))}`;
  });
}

/**
 * Hover text of one finding, in the order a reader needs it: the title with the rule's
 * documentation link, the checklist items it serves (document, item id, CSVS levels), the message,
 * then why and how to fix.
 */
export function findingMarkdown(rule: RuleMeta, message: string, lang: Lang, docsLink?: string): string {
  const id = docsLink ? `[\`${rule.id}\`](${docsLink})` : `\`${rule.id}\``;
  const parts = [
    `**${escapeMarkdown(t(rule.title, lang))}** — ${id}`,
    `**${t(UI.checklist, lang)}** (${t(UI.levels, lang)}: ${rule.levels.join(', ')}):\n\n${(rule.references.length ? checklistLines(rule, lang) : [t(UI.noItems, lang)]).join('\n')}`,
    docMarkdown(message),
    `**${t(UI.why, lang)}:** ${docMarkdown(t(rule.docs.rationale, lang))}`,
    `**${t(UI.howToFix, lang)}:** ${docMarkdown(t(rule.docs.fix, lang))}`,
  ];
  return parts.join('\n\n');
}

const fence = (lang: string, code: string): string => `\`\`\`${lang}\n${code}\n\`\`\``;

/** The documentation body of a rule with its sections at heading `level` (title and link excluded). */
function ruleBody(rule: RuleMeta, lang: Lang, level: number): string[] {
  const h = '#'.repeat(level);
  const code = rule.kind === 'dockerfile' ? 'dockerfile' : 'yaml';
  const parts = [
    `\`${rule.id}\` · ${t(UI.severity, lang)}: ${t(UI.severities[rule.severity], lang)} · ${t(UI.levels, lang)}: ${rule.levels.join(', ')}`,
    `${h} ${t(UI.why, lang)}\n\n${docMarkdown(t(rule.docs.rationale, lang))}`,
    `${h} ${t(UI.howToFix, lang)}\n\n${docMarkdown(t(rule.docs.fix, lang))}`,
  ];
  if (rule.docs.bad) parts.push(`${h}# ${t(UI.bad, lang)}\n\n${fence(code, rule.docs.bad)}`);
  if (rule.docs.good) parts.push(`${h}# ${t(UI.good, lang)}\n\n${fence(code, rule.docs.good)}`);
  parts.push(`${h} ${t(UI.checklist, lang)}\n\n${(rule.references.length ? checklistLines(rule, lang) : [t(UI.noItems, lang)]).join('\n')}`);
  if (rule.equivalents?.length) parts.push(`${h} ${t(UI.equivalents, lang)}\n\n${rule.equivalents.map((e) => `- \`${e}\``).join('\n')}`);
  if (rule.external?.length) {
    const refs = rule.external.map((r) => `- ${escapeMarkdown(r.source)} ${r.url ? `[${escapeMarkdown(r.id)}](${r.url})` : escapeMarkdown(r.id)}`);
    parts.push(`${h} ${t(UI.external, lang)}\n\n${refs.join('\n')}`);
  }
  return parts;
}

/** The full documentation of a rule as Markdown (the `bollwerk/ruleDocs` request); empty for an unknown id. */
export function ruleDocsMarkdown(ruleId: string, lang: Lang): string {
  const rule = byId.get(ruleId);
  if (!rule) return '';
  return [`# ${escapeMarkdown(t(rule.title, lang))}`, ...ruleBody(rule, lang, 2)].join('\n\n');
}

/**
 * The whole catalogue as one Markdown page (docs/rules.md), each rule under a `### <rule id>`
 * heading so that the anchors of ruleDocsAnchor (protocol.ts) resolve; English with the German title beside it.
 */
export function catalogueMarkdown(): string {
  const rules = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sections = rules.map((rule) => [`### ${rule.id}`, `**${escapeMarkdown(rule.title.en)}** (${escapeMarkdown(rule.title.de)})`, ...ruleBody(rule, 'en', 4)].join('\n\n'));
  return `# Bollwerk rules\n\nGenerated from the rule catalogue (\`npx tsx scripts/generate-docs.ts\`). It ships with the extension and the npm package; editors link each diagnostic here: \`docs/rules.md#<rule id without "/">\`.\n\n${sections.join('\n\n')}\n`;
}
