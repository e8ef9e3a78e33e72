import type { Range } from 'vscode-languageserver-types';
import { Memo, MemoKey } from '../memo';
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
  /** What the caller said of a `.dockerignore` beside the file (DockerfileContext); ask {@link dockerignoreOf}. */
  readonly dockerignore: boolean | (() => boolean) | undefined;
  /** Caches of what rules derive from the file (memo.ts). */
  readonly memo: Memo;
}

/** Options the caller knows about the file's surroundings. */
export interface DockerfileContext {
  /**
   * Whether a `.dockerignore` sits beside the file, or a function that finds out: it is called at
   * most once, and only when a rule asks (most Dockerfiles never copy the whole context).
   */
  readonly hasDockerignore?: boolean | (() => boolean);
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
    dockerignore: context.hasDockerignore,
    memo: new Memo(),
  };
}

const DOCKERIGNORE = new MemoKey<boolean>('dockerignore');

/**
 * Whether a `.dockerignore` (or `<name>.dockerignore`) sits beside the Dockerfile; undefined when
 * unknown (an editor buffer without a folder). A lookup the caller passed is made once, when first asked.
 */
export function dockerignoreOf(file: DockerfileFile): boolean | undefined {
  const known = file.dockerignore;
  return typeof known === 'function' ? file.memo.get(DOCKERIGNORE, known) : known;
}

const FIRST_PARENTS = new MemoKey<Int32Array>('first parents');

/** For each stage, the first earlier stage named as its image (`FROM builder`), or -1; one pass per file. */
function firstParentsOf(file: DockerfileFile): Int32Array {
  return file.memo.get(FIRST_PARENTS, () => {
    const parent = new Int32Array(file.stages.length).fill(-1);
    const first = new Map<string, number>();
    for (const stage of file.stages) {
      if (stage.fromStage && stage.image) parent[stage.index] = first.get(stage.image.toLowerCase()) ?? -1;
      if (stage.name && !first.has(stage.name)) first.set(stage.name, stage.index);
    }
    return parent;
  });
}

/**
 * The USER a stage runs as: its last USER instruction, else that of the stage it builds on
 * (`FROM builder`: the first earlier stage so named), at most 20 stages up. Without one, `user` is
 * undefined and `stage` is where the walk ended, whose image decides.
 */
export function stageUser(file: DockerfileFile, stage: Stage): { readonly user: Instruction | undefined; readonly stage: Stage } {
  const parent = firstParentsOf(file);
  for (let depth = 0, s = stage; ; depth++) {
    let user: Instruction | undefined;
    for (const i of s.instructions) if (i.getKeyword() === 'USER') user = i;
    if (user) return { user, stage: s };
    const up = s.fromStage && depth < 20 ? parent[s.index]! : -1;
    if (up < 0) return { user: undefined, stage: s };
    s = file.stages[up]!;
  }
}
