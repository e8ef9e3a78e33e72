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

/**
 * Edits of several independent settings as one list: insertions at the same place are joined in
 * order (several keys added at the end of one map); undefined when any edit is missing or two
 * otherwise overlap.
 */
export function combineEdits(edits: readonly (readonly TextEdit[] | undefined)[]): TextEdit[] | undefined {
  if (edits.some((e) => !e || e.length === 0)) return undefined;
  const out: TextEdit[] = [];
  const key = (p: { line: number; character: number }): number => p.line * 1e7 + p.character;
  for (const e of edits.flatMap((x) => x!)) {
    const s = key(e.range.start);
    const end = key(e.range.end);
    const same = out.findIndex((o) => s === end && key(o.range.start) === s && key(o.range.end) === s);
    if (same >= 0) {
      out[same] = { range: out[same]!.range, newText: out[same]!.newText + e.newText };
      continue;
    }
    if (out.some((o) => s < key(o.range.end) && key(o.range.start) < end || (s === end && key(o.range.start) === s))) return undefined;
    out.push(e);
  }
  return out;
}
