import type { ShellWord } from './parse/shell';
import type { LineIndex } from './text';
import type { TextEdit } from './types';

/**
 * Removes a shell word written as is (not quoted, not escaped, the same text as its value) from a
 * command line in `lines`: its whole continuation line when it stands alone on one
 * (`    --insecure \`), else the word with the blank before it. Undefined when the word is
 * written otherwise.
 */
export function removeWord(lines: LineIndex, word: Pick<ShellWord, 'start' | 'end' | 'value'>): TextEdit[] | undefined {
  const text = lines.text;
  const { start, end } = word;
  if (text.slice(start, end) !== word.value || !/[ \t]/.test(text[start - 1] ?? '')) return undefined;
  const at = lines.positionAt(start);
  const line = lines.lineText(at.line);
  const after = line.slice(lines.positionAt(end).character);
  if (/^[ \t]*$/.test(line.slice(0, at.character)) && /^[ \t]*\\$/.test(after) && at.line + 1 < lines.lineCount) {
    const from = lines.offsetAt({ line: at.line, character: 0 });
    return [{ range: lines.rangeOf(from, lines.offsetAt({ line: at.line + 1, character: 0 })), newText: '' }];
  }
  return [{ range: lines.rangeOf(start - 1, end), newText: '' }];
}
