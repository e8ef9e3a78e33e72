import type { Range } from 'vscode-languageserver-types';
import { lineIndex, type LineIndex } from '../text';
import { parseDockerfileSyntax, type DockerfileSyntax, type Instruction } from './dockerfile-syntax';

export type { Instruction } from './dockerfile-syntax';

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  readonly index: number;
  readonly from: Instruction;
  /** The image as written (`node:20-alpine`, `${BASE}`, `builder`), or null when FROM has no argument. */
  readonly image: string | null;
  /** The `AS name` of the stage, lower-cased, or null. */
  readonly name: string | null;
  /** True when the image is an earlier stage's name (`FROM builder`). */
  readonly fromStage: boolean;
  readonly instructions: readonly Instruction[];
  /** From the FROM keyword to the end of the stage's last instruction. */
  readonly range: Range;
}

/** A parsed Dockerfile. */
export interface DockerfileFile {
  readonly kind: 'dockerfile';
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
  /** The parse: escape character, directives, comments, instructions. */
  readonly ast: DockerfileSyntax;
  /** Every instruction, in order (instructions before the first FROM included). */
  readonly instructions: readonly Instruction[];
  readonly stages: readonly Stage[];
  /** The last stage, which the image runs as; undefined when there is no FROM. */
  readonly finalStage: Stage | undefined;
  /** Whether a `.dockerignore` sits beside the Dockerfile (or `<name>.dockerignore`); undefined when unknown (editor buffer without a folder). */
  readonly hasDockerignore: boolean | undefined;
}

/** Options the caller knows about the file's surroundings. */
export interface DockerfileContext {
  readonly hasDockerignore?: boolean;
}

/** The instructions of each stage (from its FROM up to the next FROM), in one pass. */
function instructionsByStage(instructions: readonly Instruction[]): { froms: Instruction[]; owned: Instruction[][] } {
  const froms: Instruction[] = [];
  const owned: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      froms.push(instruction);
      owned.push([]);
    }
    owned[owned.length - 1]?.push(instruction);
  }
  return { froms, owned };
}

/** Parses a Dockerfile. Tolerant: it never throws on malformed input. */
export function parseDockerfile(uri: string, text: string, context: DockerfileContext = {}): DockerfileFile {
  const lines = lineIndex(text);
  const ast = parseDockerfileSyntax(text, lines);
  const instructions = ast.instructions;
  const stageNames = new Set<string>();
  const { froms, owned } = instructionsByStage(instructions);
  const stages: Stage[] = froms.map((from, index) => {
    const own = owned[index]!;
    const last = own[own.length - 1] ?? from;
    const image = from.getImage();
    const name = from.getBuildStage()?.toLowerCase() ?? null;
    const fromStage = image !== null && stageNames.has(image.toLowerCase());
    if (name) stageNames.add(name);
    return {
      index,
      from,
      image,
      name,
      fromStage,
      instructions: own,
      range: lines.rangeOf(from.start, last.end),
    };
  });
  return {
    kind: 'dockerfile',
    uri,
    text,
    lines,
    ast,
    instructions,
    stages,
    finalStage: stages[stages.length - 1],
    hasDockerignore: context.hasDockerignore,
  };
}
