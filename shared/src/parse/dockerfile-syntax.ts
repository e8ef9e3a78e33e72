/**
 * A Dockerfile read by dockerfile-ast (the parser of dockerfile-language-service, whose language
 * features the server offers too), with the corrections of dockerfile-buildkit.ts where dockerfile-ast
 * reads a file differently from BuildKit's parser. The instructions' argument values come from the
 * text dockerfile-ast was given; `getTextContent` and the offsets read the file itself. Instruction views are built once; what the rules ask
 * of them (arguments, flags, properties) is computed by dockerfile-ast on first use.
 */
import { DockerfileParser, type Comment as AstComment, type Dockerfile, type Instruction as AstInstruction } from 'dockerfile-ast';
import { lineIndex, type LineIndex } from '../text';
import type { Range } from '../types';
import { buildkitText, isExecFormHeredocCandidate, logicalLine, segment } from './dockerfile-buildkit';
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

/** Most exec-form instructions cut out of a here-document per file (each cut parses the rest of the file again). */
const MAX_CUTS = 20;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'ONBUILD']);

/** Where an instruction that dockerfile-ast let run past its line ends for BuildKit (an exec form with `<<`); -1 when it does not. */
function execFormEnd(text: string, node: AstInstruction, escape: string, lines: LineIndex): number {
  const range = node.getRange();
  if (range.end.line === range.start.line || !HEREDOC_KEYWORDS.has(node.getKeyword())) return -1;
  const start = lines.offsetAt(range.start);
  const { end, joined } = logicalLine(text, start, escape);
  return end < lines.offsetAt(range.end) && joined.indexOf('<<') !== -1 && isExecFormHeredocCandidate(joined) ? end : -1;
}

/**
 * dockerfile-ast's instructions and comments, with each exec-form instruction that opened a
 * here-document cut at the end of its line and the rest of the file parsed again (case 3 of
 * dockerfile-buildkit.ts).
 */
function readNodes(text: string, parsed: Dockerfile, lines: LineIndex): { nodes: AstInstruction[]; comments: AstComment[] } {
  const escape = parsed.getEscapeCharacter();
  const directives = parsed.getDirectives();
  const keep = directives.length ? lines.offsetAt(directives[directives.length - 1]!.getRange().end) : 0;
  let nodes = parsed.getInstructions();
  let comments = parsed.getComments();
  if (text.indexOf('<<') === -1) return { nodes, comments };
  for (let cuts = 0, from = 0; cuts < MAX_CUTS; cuts++) {
    const k = nodes.findIndex((n, i) => i >= from && execFormEnd(text, n, escape, lines) !== -1);
    if (k === -1) break;
    const start = lines.offsetAt(nodes[k]!.getRange().start);
    const end = execFormEnd(text, nodes[k]!, escape, lines);
    // the text up to the cut: an unclosed here-document then ends where BuildKit ends the instruction
    const alone = parseAst(segment(text.slice(0, end), keep, start, end))?.getInstructions()[0];
    const rest = parseAst(segment(text, keep, end, text.length));
    if (!alone || !rest) break;
    nodes = [...nodes.slice(0, k), alone, ...rest.getInstructions()];
    comments = [...comments.filter((c) => lines.offsetAt(c.getRange().start) < start), ...rest.getComments()];
    from = k + 1;
  }
  return { nodes, comments };
}

/** Parses a Dockerfile. Tolerant: never throws; any text gives instructions and comments. */
export function parseDockerfileSyntax(text: string, lines: LineIndex = lineIndex(text)): DockerfileSyntax {
  const masked = buildkitText(text);
  const parsed = parseAst(masked);
  const escape = parsed?.getEscapeCharacter() ?? '\\';
  const doc: SyntaxDoc = { text, escape, lines: () => lines };
  const { nodes, comments } = parsed ? readNodes(masked, parsed, lines) : { nodes: [], comments: [] };
  return {
    text,
    escape,
    directives: parsed?.getDirectives().map((d) => ({ name: d.getName(), value: d.getValue(), range: d.getRange() })) ?? [],
    comments: comments.map((c) => {
      const r = c.getRange();
      return { start: lines.offsetAt(r.start), end: lines.offsetAt(r.end) };
    }),
    instructions: nodes.map((node) => new Instruction(doc, node)),
    rangeOf: (start, end) => lines.rangeOf(start, end),
  };
}
