import type { Hover, Position } from 'vscode-languageserver';
import { comparePositions } from '../../shared/src/text';
import type { Lang, Range, Result } from '../../shared/src/types';
import { evidenceAt } from '../../shared/src/checklist/evidence';
import { t, UI } from './i18n';
import { findingMarkdown, itemLines, ruleById } from './rule-docs';

const contains = (range: Range, p: Position): boolean => comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) <= 0;

/** Hover for the findings at a position: the rule, the checklist items it serves, what is wrong, why, how to fix; null when none. */
export function hoverAt(results: readonly Result[], position: Position, lang: Lang, docsLink: (ruleId: string) => string | undefined = () => undefined): Hover | null {
  const here = results.filter((r) => contains(r.range, position));
  if (here.length === 0) return null;
  const sections = here.flatMap((r) => {
    const rule = ruleById(r.ruleId);
    return rule ? [findingMarkdown(rule, r.message[lang], lang, docsLink(r.ruleId))] : [];
  });
  if (sections.length === 0) return null;
  const first = here[0]!.range;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: first };
}

/**
 * Hover for a line that is evidence of checklist items (a scan step, a Dependabot entry, a
 * `verifyImages` policy …): what it shows and the items it proves; null when it proves none.
 * `path` is the file's path relative to the workspace folder, as the checklist reads it;
 * `lineText` the text of the hovered line.
 */
export function evidenceHover(path: string, lineText: string, position: Position, lang: Lang): Hover | null {
  const found = evidenceAt(path, lineText, position.line);
  if (found.length === 0) return null;
  const sections = found.map((e) => `**${t(UI.evidence, lang).replace('{what}', e.what[lang])}**\n\n${t(UI.evidenceProves, lang)}\n\n${itemLines(e.items, lang).join('\n')}`);
  const start = lineText.length - lineText.trimStart().length;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: { start: { line: position.line, character: start }, end: { line: position.line, character: lineText.replace(/\s+$/, '').length } } };
}

/** Markdown of a hover's contents (a string, a MarkupContent, a MarkedString or a list of them). */
function markdownOf(contents: Hover['contents']): string {
  const one = (c: string | { language: string; value: string } | { kind: string; value: string }): string =>
    typeof c === 'string' ? c : 'language' in c ? `\`\`\`${c.language}\n${c.value}\n\`\`\`` : c.value;
  return Array.isArray(contents) ? contents.map(one).join('\n\n') : one(contents);
}

/** The findings' hover first, then the Dockerfile reference of the instruction or flag; null when neither. */
export function mergeHovers(findings: Hover | null, reference: Hover | null): Hover | null {
  if (!findings || !reference) return findings ?? reference;
  return { contents: { kind: 'markdown', value: `${markdownOf(findings.contents)}\n\n---\n\n${markdownOf(reference.contents)}` }, ...(findings.range ? { range: findings.range } : {}) };
}
