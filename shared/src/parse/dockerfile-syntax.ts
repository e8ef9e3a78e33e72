/**
 * A Dockerfile read by dockerfile-ast (the parser of dockerfile-language-service, whose language
 * features the server offers too), with the corrections of dockerfile-buildkit.ts where dockerfile-ast
 * reads a file differently from BuildKit's parser. Instruction views are built once; what the rules ask
 * of them (arguments, flags, properties) is computed by dockerfile-ast on first use.
 */
import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import { lineIndex, type LineIndex } from '../text';
import type { Range } from '../types';
import { buildkitInstructions } from './dockerfile-buildkit';
import { Instruction, type SyntaxDoc } from './dockerfile-instruction';

export { Instruction } from './dockerfile-instruction';

/** A comment line (from `#` to the end of the line), also inside line continuations; document offsets. */
export interface Comment {
  readonly start: number;
  readonly end: number;
}

/** A parser directive (`# escape=\``, `# syntax=…`) at the top of the file. */
export interface Directive {
  readonly name: string;
  readonly value: string;
  readonly range: Range;
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

/** dockerfile-ast's parse, or null when it throws (then the file has no instructions). */
function parseAst(text: string): Dockerfile | null {
  try {
    return DockerfileParser.parse(text);
  } catch {
    return null;
  }
}

/** Parses a Dockerfile. Tolerant: never throws; any text gives instructions and comments. */
export function parseDockerfileSyntax(text: string, lines: LineIndex = lineIndex(text)): DockerfileSyntax {
  const parsed = parseAst(text);
  const escape = parsed?.getEscapeCharacter() ?? '\\';
  const doc: SyntaxDoc = { text, escape, lines: () => lines };
  const nodes = parsed ? buildkitInstructions(text, parsed.getInstructions()) : [];
  return {
    text,
    escape,
    directives: parsed?.getDirectives().map((d) => ({ name: d.getName(), value: d.getValue(), range: d.getRange() })) ?? [],
    comments:
      parsed?.getComments().map((c) => {
        const r = c.getRange();
        return { start: lines.offsetAt(r.start), end: lines.offsetAt(r.end) };
      }) ?? [],
    instructions: nodes.map((node) => new Instruction(doc, node)),
    rangeOf: (start, end) => lines.rangeOf(start, end),
  };
}
