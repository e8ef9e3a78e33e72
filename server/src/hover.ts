import type { Hover, Position } from 'vscode-languageserver';
import { comparePositions } from '../../shared/src/text';
import type { Lang, Range, Result } from '../../shared/src/types';
import { findingMarkdown, ruleById } from './rule-docs';

const contains = (range: Range, p: Position): boolean => comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) <= 0;

/** Hover for the findings at a position: what is wrong, why, how to fix, the checklist items; null when none. */
export function hoverAt(results: readonly Result[], position: Position, lang: Lang): Hover | null {
  const here = results.filter((r) => contains(r.range, position));
  if (here.length === 0) return null;
  const sections = here.flatMap((r) => {
    const rule = ruleById(r.ruleId);
    return rule ? [findingMarkdown(rule, r.message[lang], lang)] : [];
  });
  if (sections.length === 0) return null;
  const first = here[0]!.range;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: first };
}
