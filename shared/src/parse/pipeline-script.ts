import type { Scalar } from 'yaml';
import type { YamlDocument } from './yaml';
import type { Source } from './shell-source';

/**
 * The shell text of a YAML string scalar with where its lines sit in the file, for the shell
 * tokenizer: block scalars (`run: |`) lose their indentation line by line, plain and quoted
 * scalars map from the character after any opening quote. Escapes in double quotes are taken as
 * the parsed value, mapped from the opening quote on (offsets after an escape are approximate).
 */
export function scalarSource(text: string, document: YamlDocument, node: Scalar): Source {
  const value = String(node.value);
  const { start, end } = document.offsets(node);
  const type = node.type;
  if (type !== 'BLOCK_LITERAL' && type !== 'BLOCK_FOLDED') {
    const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
    const base = quoted ? start + 1 : start;
    if (text.slice(base, base + value.length) === value) return { s: value, at: [0], doc: [base] };
    return { s: value, at: [0], doc: [base] };
  }
  const header = text.indexOf('\n', start);
  if (header < 0 || header >= end) return { s: value, at: [0], doc: [start] };
  const raw = text.slice(header + 1, end);
  const lines = raw.split('\n');
  const firstContent = lines.find((l) => l.trim() !== '') ?? '';
  const indent = firstContent.length - firstContent.trimStart().length;
  const parts: string[] = [];
  const at: number[] = [];
  const doc: number[] = [];
  let pos = header + 1;
  let length = 0;
  for (const line of lines) {
    const cut = Math.min(indent, line.length - line.trimStart().length);
    const piece = line.slice(cut).replace(/\r$/, '');
    at.push(length);
    doc.push(pos + cut);
    parts.push(piece);
    length += piece.length + 1;
    pos += line.length + 1;
  }
  const s = parts.join(type === 'BLOCK_FOLDED' ? ' ' : '\n');
  return { s, at, doc };
}
