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
 * Edits of several independent settings as one list: insertions at the same place are joined, the
 * more indented first (a key added to an inner map that ends where its parent ends goes before a
 * key added to the parent); undefined when any edit is missing or two otherwise overlap.
 */
export function combineEdits(edits: readonly (readonly TextEdit[] | undefined)[]): TextEdit[] | undefined {
  if (edits.some((e) => !e || e.length === 0)) return undefined;
  const key = (p: { line: number; character: number }): number => p.line * 1e7 + p.character;
  const indent = (e: TextEdit): number => /^(?:\r?\n)?( *)/.exec(e.newText)![1]!.length;
  const inserts = new Map<number, TextEdit[]>();
  const others: TextEdit[] = [];
  for (const e of edits.flatMap((x) => x!)) {
    const s = key(e.range.start);
    if (s === key(e.range.end)) inserts.set(s, [...(inserts.get(s) ?? []), e]);
    else others.push(e);
  }
  const out: TextEdit[] = [...others];
  for (const group of inserts.values()) {
    const ordered = [...group].sort((a, b) => indent(b) - indent(a));
    out.push({ range: ordered[0]!.range, newText: ordered.map((e) => e.newText).join('') });
  }
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const [a, b] = [out[i]!, out[j]!];
      if ((key(a.range.start) < key(b.range.end) && key(b.range.start) < key(a.range.end)) || key(a.range.start) === key(b.range.start)) return undefined;
    }
  }
  return out;
}
