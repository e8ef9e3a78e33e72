import { MemoKey } from '../../../memo';
import type { DockerfileFile, Instruction, Stage } from '../../../parse/dockerfile';
import type { Property } from '../../../parse/dockerfile-instruction';
import { parseImageReference, type ImageReference } from '../../../facts/image-reference';
import { instructionScript, resolvedCommands, type ResolvedCommand, type ShellCommand, type ShellScript } from '../../../parse/shell';
import type { Range } from '../../../types';
import { stageChain } from '../../../parse/dockerfile-stages';

export { parentStages, stageChain } from '../../../parse/dockerfile-stages';

const RUNTIME = new MemoKey<readonly Stage[]>('runtime stages');

/** The final stage and the stages it inherits from: what ships in the image (several rules ask: once per file). */
export function runtimeStages(file: DockerfileFile): readonly Stage[] {
  return file.memo.get(RUNTIME, () => (file.finalStage ? stageChain(file, file.finalStage) : []));
}

/** The external image a stage builds on, with the FROM that names it. */
export interface BaseImage {
  readonly stage: Stage;
  readonly ref: ImageReference;
}

const BASES = new MemoKey<Map<Stage, BaseImage | null>>('base images');

/** The external image a stage ultimately builds on (following `FROM <stage>`), with its FROM. Once per stage. */
export function baseImage(file: DockerfileFile, stage: Stage): BaseImage | undefined {
  const bases = file.memo.get(BASES, () => new Map<Stage, BaseImage | null>());
  let base = bases.get(stage);
  if (base === undefined) {
    const root = stageChain(file, stage)[0]!;
    base = !root.image || root.fromStage ? null : { stage: root, ref: parseImageReference(root.image) };
    bases.set(stage, base);
  }
  return base ?? undefined;
}

/** A RUN instruction with its parsed commands. */
export interface RunInfo {
  readonly instruction: Instruction;
  readonly stage: Stage;
  readonly script: ShellScript;
  readonly commands: readonly ResolvedCommand[];
}

const RUNS = new MemoKey<readonly RunInfo[]>('runs');

/** Every RUN of the file with its commands (parsed once per file). */
export function runs(file: DockerfileFile): readonly RunInfo[] {
  return file.memo.get(RUNS, () => readRuns(file));
}

// indexed loops here and in eachOf, which every rule's walk over the commands goes through: until
// V8 optimises it, a for…of loop allocates an iterator and a result object per element
function readRuns(file: DockerfileFile): RunInfo[] {
  const list: RunInfo[] = [];
  const stages = file.stages;
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s]!;
    const instructions = stage.instructions;
    for (let k = 0; k < instructions.length; k++) {
      const instruction = instructions[k]!;
      if (instruction.getKeyword() !== 'RUN') continue;
      const script = instructionScript(file, instruction);
      list.push({ instruction, stage, script, commands: resolvedCommands(script) });
    }
  }
  return list;
}

/**
 * Calls `visit` with each command of each RUN of the file, in file order, as the program it runs
 * (wrappers such as sudo and env looked through, see resolveCommand): the command, its index among
 * its RUN's commands, those commands (for rules that look at a neighbour: a later `rm`, an earlier
 * download) and the RUN. With `stages`, only the RUNs of those stages (as {@link runsIn}).
 */
export function forEachRunCommand(file: DockerfileFile, visit: (command: ResolvedCommand, k: number, commands: readonly ResolvedCommand[], run: RunInfo) => void, stages?: readonly Stage[]): void {
  eachOf(stages ? runsIn(file, stages) : runs(file), resolvedOf, visit);
}

/**
 * The same over the commands as the shell parsed them (ShellScript.commands: every command,
 * wrappers not looked through, with the operator that joins it to the next), for rules that ask
 * about the wrapper itself or about pipelines.
 */
export function forEachShellCommand(file: DockerfileFile, visit: (command: ShellCommand, k: number, commands: readonly ShellCommand[], run: RunInfo) => void): void {
  eachOf(runs(file), scriptOf, visit);
}

const resolvedOf = (run: RunInfo): readonly ResolvedCommand[] => run.commands;
const scriptOf = (run: RunInfo): readonly ShellCommand[] => run.script.commands;

function eachOf<T>(list: readonly RunInfo[], commandsOf: (run: RunInfo) => readonly T[], visit: (command: T, k: number, commands: readonly T[], run: RunInfo) => void): void {
  for (let r = 0; r < list.length; r++) {
    const run = list[r]!;
    const commands = commandsOf(run);
    for (let k = 0; k < commands.length; k++) visit(commands[k]!, k, commands, run);
  }
}

/**
 * Calls `visit` with each variable an ENV or ARG instruction declares, in file order (`ENV A=1 B=2`
 * gives two), with the instruction's keyword: the rules about secret and insecure variables ask it.
 */
export function forEachVariable(file: DockerfileFile, visit: (property: Property, keyword: 'ENV' | 'ARG') => void): void {
  const instructions = file.instructions;
  for (let n = 0; n < instructions.length; n++) {
    const i = instructions[n]!;
    const keyword = i.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    const properties = i.getProperties();
    for (let k = 0; k < properties.length; k++) visit(properties[k]!, keyword);
  }
}

/** The RUNs of the given stages (distinct stages of `file`, as stageChain and runtimeStages give them). */
export function runsIn(file: DockerfileFile, stages: readonly Stage[]): readonly RunInfo[] {
  const all = runs(file);
  // as many distinct stages as the file has are all of them (a single-stage file): the list itself
  if (stages.length === file.stages.length) return all;
  const list: RunInfo[] = [];
  for (let k = 0; k < all.length; k++) if (stages.includes(all[k]!.stage)) list.push(all[k]!);
  return list;
}

/** Range of a word given by document offsets. */
export function rangeOf(file: DockerfileFile, start: number, end: number): Range {
  return file.lines.rangeOf(start, end);
}

/** The file's line break (`\r\n` when the file uses it). */
export function eolOf(file: DockerfileFile): string {
  return file.text.includes('\r\n') ? '\r\n' : '\n';
}

/** The flag value of a RUN `--mount` that caches `target` (cache mounts keep caches out of the layer). */
export function hasCacheMount(instruction: Instruction, targets: readonly string[]): boolean {
  const text = instruction.getTextContent();
  if (!text.includes('--mount=')) return false;
  const mounts = text.match(/--mount=\S+/g) ?? [];
  return mounts.some((m) => /type=cache/.test(m) && targets.some((t) => new RegExp(`(target|dst|destination)=${t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|,|$|\\s)`).test(m)));
}
