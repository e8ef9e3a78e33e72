import type { TextEdit } from './types';

/** Writes a value of a fix: plain, or as the `index`-th snippet placeholder with the value as its default. */
export type Placeholder = (index: number, value: string) => string;

const OPEN = '\u0000';
const SEP = '\u0001';
const CLOSE = '\u0002';

/** Escapes text for a snippet (`$`, `}` and `\` are syntax there). */
const escape = (text: string): string => text.replace(/[$}\\]/g, (c) => `\\${c}`);

/**
 * Makes the edits of a fix twice: with plain values, and as snippets whose placeholders the user can
 * tab through (LSP snippet syntax, `${1:512m}`). `make` builds the edits from the values it writes
 * with the given placeholder function; the text around the placeholders is escaped for the snippet.
 */
export function withSnippets(make: (value: Placeholder) => TextEdit[] | undefined): { edits: TextEdit[]; snippets: TextEdit[] } | undefined {
  const edits = make((_, value) => value);
  const marked = make((index, value) => `${OPEN}${index}${SEP}${value}${CLOSE}`);
  if (!edits || !marked || edits.length === 0 || marked.length !== edits.length) return undefined;
  const snippets = marked.map((e) => ({
    range: e.range,
    newText: e.newText
      .split(OPEN)
      .map((part, i) => {
        if (i === 0) return escape(part);
        const [index, rest = ''] = part.split(SEP) as [string, string?];
        const [value = '', after = ''] = rest.split(CLOSE);
        return `\${${index}:${escape(value)}}${escape(after)}`;
      })
      .join(''),
  }));
  return { edits, snippets };
}

/** One edit from insertions at the same place (several keys added to one map), or undefined when they are not. */
export function joinInsertions(edits: readonly (readonly TextEdit[] | undefined)[]): TextEdit[] | undefined {
  const all = edits.flatMap((e) => (e && e.length === 1 ? [e[0]!] : []));
  if (all.length !== edits.length || all.length === 0) return undefined;
  const at = all[0]!.range.start;
  const same = all.every((e) => e.range.start.line === at.line && e.range.start.character === at.character && e.range.end.line === at.line && e.range.end.character === at.character);
  return same ? [{ range: all[0]!.range, newText: all.map((e) => e.newText).join('') }] : undefined;
}
