import type { DockerfileFile, Instruction, Stage } from '../../../parse/dockerfile';
import { parseImageReference, type ImageReference } from '../../../parse/images';
import { instructionScript, resolvedCommands, type ResolvedCommand, type ShellScript } from '../../../parse/shell';
import type { Range } from '../../../types';

/** The stages a stage builds on, root first, ending with the stage itself (`FROM builder` chains). */
export function stageChain(file: DockerfileFile, stage: Stage): Stage[] {
  const chain: Stage[] = [stage];
  let current = stage;
  while (current.fromStage && current.image) {
    const name = current.image.toLowerCase();
    const parent = file.stages.slice(0, current.index).reverse().find((s) => s.name === name);
    if (!parent || chain.includes(parent)) break;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

/** The final stage and the stages it inherits from: what ships in the image. */
export function runtimeStages(file: DockerfileFile): Stage[] {
  return file.finalStage ? stageChain(file, file.finalStage) : [];
}

/** The external image a stage ultimately builds on (following `FROM <stage>`), with its FROM. */
export function baseImage(file: DockerfileFile, stage: Stage): { stage: Stage; ref: ImageReference } | undefined {
  const root = stageChain(file, stage)[0]!;
  if (!root.image || root.fromStage) return undefined;
  return { stage: root, ref: parseImageReference(root.image) };
}

/** A RUN instruction with its parsed commands. */
export interface RunInfo {
  readonly instruction: Instruction;
  readonly stage: Stage;
  readonly script: ShellScript;
  readonly commands: readonly ResolvedCommand[];
}

const cache = new WeakMap<DockerfileFile, RunInfo[]>();

/** Every RUN of the file with its commands (parsed once per file). */
export function runs(file: DockerfileFile): readonly RunInfo[] {
  let list = cache.get(file);
  if (!list) {
    list = file.stages.flatMap((stage) =>
      stage.instructions
        .filter((i) => i.getKeyword() === 'RUN')
        .map((instruction) => {
          const script = instructionScript(file, instruction);
          return { instruction, stage, script, commands: resolvedCommands(script) };
        }),
    );
    cache.set(file, list);
  }
  return list;
}

/** The RUNs of the given stages. */
export function runsIn(file: DockerfileFile, stages: readonly Stage[]): RunInfo[] {
  return runs(file).filter((r) => stages.includes(r.stage));
}

/** Range of a word given by document offsets. */
export function rangeOf(file: DockerfileFile, start: number, end: number): Range {
  return file.lines.rangeOf(start, end);
}

/** The file's line break (`\r\n` when the file uses it). */
export function eolOf(file: DockerfileFile): string {
  return /\r\n/.test(file.text) ? '\r\n' : '\n';
}

/** The flag value of a RUN `--mount` that caches `target` (cache mounts keep caches out of the layer). */
export function hasCacheMount(instruction: Instruction, targets: readonly string[]): boolean {
  const text = instruction.getTextContent();
  const mounts = text.match(/--mount=\S+/g) ?? [];
  return mounts.some((m) => /type=cache/.test(m) && targets.some((t) => new RegExp(`(target|dst|destination)=${t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|,|$|\\s)`).test(m)));
}
