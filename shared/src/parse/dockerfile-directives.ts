/** Parser directives (`# escape=\``, `# syntax=…`) at the top of a Dockerfile, as dockerfile-ast 0.7 reads them. */
import type { NameValueOffsets } from './dockerfile-words';

/** A parser directive (`# escape=\``, `# syntax=…`) at the top of the file. */
export interface Directive extends NameValueOffsets {
  readonly name: string;
  readonly value: string;
}

/** The parser directives at the top of the file (before the first blank line, instruction or other comment). */
export function readDirectives(text: string): Directive[] {
  const directives: Directive[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  directiveCheck: for (let i = bom; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t') continue;
    if (c !== '#') break;
    let nameStart = -1;
    let nameEnd = -1;
    for (let j = i + 1; j < text.length; j++) {
      const d = text[j];
      if (d === ' ' || d === '\t') {
        if (nameStart !== -1 && nameEnd === -1) nameEnd = j;
      } else if (d === '\r' || d === '\n') {
        break directiveCheck;
      } else if (d === '=') {
        let valueStart = -1;
        let valueEnd = -1;
        if (nameEnd === -1) nameEnd = j;
        let lineEnd = text.length;
        for (let k = j + 1; k < text.length; k++) {
          const e = text[k];
          if (e === '\r' || e === '\n') {
            if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
            lineEnd = k;
            break;
          } else if (e === ' ' || e === '\t') {
            if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
          } else if (valueStart === -1) valueStart = k;
        }
        if (nameStart === -1) break directiveCheck;
        if (valueStart === -1) {
          valueStart = j + 1;
          valueEnd = lineEnd;
        } else if (valueEnd === -1) valueEnd = text.length;
        directives.push({
          name: text.slice(nameStart, nameEnd),
          value: text.slice(valueStart, valueEnd),
          start: i,
          end: lineEnd,
          nameStart,
          nameEnd,
          valueStart,
          valueEnd,
        });
        i = text[valueEnd] === '\r' ? valueEnd + 1 : valueEnd;
        continue directiveCheck;
      } else if (nameStart === -1) nameStart = j;
    }
    break;
  }
  return directives;
}

/** Offset of the start of line `line` (0-based), or the text's length. */
export function lineStart(text: string, line: number): number {
  let i = 0;
  for (let n = 0; n < line; n++) {
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    if (i >= text.length) return text.length;
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
  }
  return i;
}
