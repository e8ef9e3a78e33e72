/**
 * Bollwerk's Dockerfile parser: one linear pass over the text finds parser directives, comments and
 * instructions (with their line continuations and here-documents) as document offsets. Everything
 * else (arguments, flags, properties, image parts) is computed on first use and cached per
 * instruction; line/character positions only when a range is asked for. Instruction boundaries,
 * argument splitting and ranges follow dockerfile-ast 0.7, which the rules were written against.
 */
import { lineIndex, type LineIndex } from '../text';
import { Instruction, type SyntaxDoc } from './dockerfile-instruction';
import { lineStart, readDirectives, type Directive } from './dockerfile-directives';
import { heredocName } from './dockerfile-heredocs';
import type { Range } from '../types';

export { Instruction } from './dockerfile-instruction';
export type { Directive } from './dockerfile-directives';

/** A comment line (from `#` to the end of the line), also inside line continuations. */
export interface Comment {
  readonly start: number;
  readonly end: number;
}

/** A parsed Dockerfile. */
export interface DockerfileSyntax {
  readonly text: string;
  /** `\` or the backtick set by `# escape=`. */
  readonly escape: string;
  readonly directives: readonly Directive[];
  readonly comments: readonly Comment[];
  readonly instructions: readonly Instruction[];
  /** Range of document offsets; line/character from the file's line index. */
  rangeOf(start: number, end: number): Range;
}

const BOM = '\uFEFF';
/** The rest of a line. */
const LINE_REST = /[^\r\n]*/y;
/** A run of characters up to a blank or a line break. */
const WORD = /[^ \t\r\n]*/y;
/** Characters with no meaning to the instruction scan (no escape character, line break or `#`). */
const PLAIN_BACKSLASH = /[^\\\r\n#]+/y;
const PLAIN_BACKTICK = /[^`\r\n#]+/y;
const NOT_BLANK = /[^ \t]/;

class Scanner {
  readonly comments: Comment[] = [];
  readonly instructions: Instruction[] = [];
  constructor(
    readonly doc: SyntaxDoc,
    readonly text: string,
    readonly escape: string,
  ) {}

  run(offset: number): void {
    const text = this.text;
    for (let i = offset; i < text.length; i++) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
      i = c === '#' ? this.comment(i) : this.instruction(i);
    }
  }

  comment(start: number): number {
    LINE_REST.lastIndex = start;
    LINE_REST.test(this.text);
    const end = LINE_REST.lastIndex;
    this.comments.push({ start, end });
    return end;
  }

  add(keyword: string, start: number, keywordEnd: number, end: number): void {
    this.instructions.push(new Instruction(this.doc, keyword, start, keywordEnd, end));
  }

  instruction(start: number): number {
    const text = this.text;
    const esc = this.escape;
    // the common case: a keyword without escape characters, then a blank, a line break or the end
    WORD.lastIndex = start;
    WORD.test(text);
    const wordEnd = WORD.lastIndex;
    if (text.slice(start, wordEnd).indexOf(esc) === -1) {
      const keyword = text.slice(start, wordEnd);
      const c = text[wordEnd];
      if (c === undefined) {
        this.add(keyword, start, wordEnd, text.length);
        return text.length;
      }
      if (c === '\r' || c === '\n') {
        this.add(keyword, start, wordEnd, wordEnd);
        return wordEnd;
      }
      const end = this.arguments(keyword, start, wordEnd, wordEnd);
      this.add(keyword, start, wordEnd, end);
      return end;
    }
    return this.escapedInstruction(start);
  }

  /** A keyword with escape characters in it (`RU\<newline>N`), character by character. */
  escapedInstruction(start: number): number {
    const text = this.text;
    const esc = this.escape;
    let keyword = text[start]!;
    let keywordEnd = -1;
    let escaped = false;
    instructionCheck: for (let i = start + 1; i < text.length; i++) {
      const c = text[i];
      if (c === esc) {
        escaped = true;
        const next = text.charAt(i + 1);
        if (next === '\r' || next === '\n') {
          if (keywordEnd === -1) keywordEnd = i;
          i++;
        } else if (next === ' ' || next === '\t') {
          for (let j = i + 2; j < text.length; j++) {
            const d = text[j];
            if (d === ' ' || d === '\t') continue;
            if (d === '\r' || d === '\n') {
              i = j;
              continue instructionCheck;
            }
            keywordEnd = i + 1;
            keyword += esc;
            i = j - 2;
            continue instructionCheck;
          }
          keywordEnd = i + 1;
          keyword += esc;
          break instructionCheck;
        } else {
          keywordEnd = i + 1;
          keyword += esc;
          escaped = false;
        }
      } else if (c === ' ' || c === '\t') {
        if (escaped) {
          escapeCheck: for (let j = i + 1; j < text.length; j++) {
            const d = text[j];
            if (d === ' ' || d === '\t') continue;
            if (d === '\r' || d === '\n') {
              i = j;
              continue instructionCheck;
            }
            break escapeCheck;
          }
          escaped = false;
        }
        if (keywordEnd === -1) keywordEnd = i;
        const end = this.arguments(keyword, start, keywordEnd, i);
        this.add(keyword, start, keywordEnd, end);
        return end;
      } else if (c === '\r' || c === '\n') {
        if (escaped) continue;
        if (keywordEnd === -1) keywordEnd = i;
        this.add(keyword, start, i, i);
        return i;
      } else if (c === '#' && escaped) {
        continue;
      } else {
        keywordEnd = i + 1;
        keyword += c;
        escaped = false;
      }
    }
    if (keywordEnd === -1) keywordEnd = text.length;
    this.add(keyword, start, keywordEnd, text.length);
    return text.length;
  }

  /** The end of an instruction's arguments (after its here-documents); records comments inside continuations. */
  arguments(keyword: string, start: number, keywordEnd: number, offset: number): number {
    const text = this.text;
    const esc = this.escape;
    const plain = esc === '`' ? PLAIN_BACKTICK : PLAIN_BACKSLASH;
    const length = text.length;
    // after a line continuation until the next character that is neither blank nor a comment line
    let escaped = false;
    let i = offset + 1;
    while (i < length) {
      plain.lastIndex = i;
      if (plain.test(text)) {
        const j = plain.lastIndex;
        if (escaped && NOT_BLANK.test(text.slice(i, j))) escaped = false;
        i = j;
        if (i >= length) break;
      }
      const c = text[i];
      if (c === '\r' || c === '\n') {
        if (!escaped) return this.heredocs(new Instruction(this.doc, keyword, start, keywordEnd, i), i);
        i++;
      } else if (c === esc) {
        const next = text.charAt(i + 1);
        if (next === '\n' || next === '\r') {
          escaped = true;
          i += 2;
        } else if (next === ' ' || next === '\t') {
          let j = i + 2;
          while (j < length && (text[j] === ' ' || text[j] === '\t')) j++;
          if (j >= length) return length;
          if (text[j] === '\r' || text[j] === '\n') escaped = true;
          // the character after the blanks is passed over, as dockerfile-ast does
          i = j + 1;
        } else {
          i++;
        }
      } else {
        // `#`: a comment line inside a continuation, up to and with its line break
        i = escaped ? this.comment(i) + 1 : i + 1;
      }
    }
    return length;
  }

  /** Skips the bodies of the here-documents an ADD, COPY or RUN (also under ONBUILD) opens on its first line. */
  heredocs(candidate: Instruction, offset: number): number {
    if (candidate.getTextContent().indexOf('<') === -1) return offset;
    let instruction: Instruction | null = candidate;
    if (instruction.getKeyword() === 'ONBUILD') instruction = instruction.getTriggerInstruction();
    if (!instruction) return offset;
    const keyword = instruction.getKeyword();
    if (keyword !== 'ADD' && keyword !== 'COPY' && keyword !== 'RUN') return offset;
    const names: string[] = [];
    let tabbed = false;
    for (const arg of instruction.words()) {
      const value = arg.value;
      if (value.startsWith('<<') && value.length > 2) {
        if (value.startsWith('<<-')) tabbed = true;
        const name = heredocName(value);
        if (name !== null) names.push(name);
      }
    }
    for (const name of names) offset = this.heredocBody(name, offset, tabbed);
    return offset;
  }

  heredocBody(name: string, offset: number, tabbed: boolean): number {
    const text = this.text;
    let word = -1;
    let lineStartFlag = true;
    for (let i = offset; i < text.length; i++) {
      const c = text[i];
      if (c === ' ') lineStartFlag = false;
      else if (c === '\t') {
        if (!tabbed) lineStartFlag = false;
      } else if (c === '\r' || c === '\n') {
        if (word !== -1 && name === text.substring(word, i)) return i;
        word = -1;
        lineStartFlag = true;
      } else if (lineStartFlag) {
        word = i;
        lineStartFlag = false;
      }
    }
    return text.length;
  }
}

/** Parses a Dockerfile. Tolerant: never throws; any text gives instructions and comments. */
export function parseDockerfileSyntax(text: string, lines?: LineIndex): DockerfileSyntax {
  let index = lines;
  const doc: SyntaxDoc = {
    text,
    escape: '\\',
    lines: () => (index ??= lineIndex(text)),
  };
  const directives = readDirectives(text);
  const escapeDirective = directives.find((d) => d.name.toLowerCase() === 'escape' && (d.value === '\\' || d.value === '`'));
  doc.escape = escapeDirective ? escapeDirective.value : '\\';
  const offset = directives.length > 0 ? lineStart(text, directives.length) : text.startsWith(BOM) ? 1 : 0;
  const scanner = new Scanner(doc, text, doc.escape);
  scanner.run(offset);
  return {
    text,
    escape: doc.escape,
    directives,
    comments: scanner.comments,
    instructions: scanner.instructions,
    rangeOf: (start, end) => doc.lines().rangeOf(start, end),
  };
}
