import type { DockerfileFile, Instruction, Stage } from '../parse/dockerfile';
import { stageChain } from '../parse/dockerfile-stages';
import { expandVariables } from './variables';

/** Variables as a Dockerfile sets them: a name maps to its value, or to undefined when declared without one. */
export type DockerfileVariables = ReadonlyMap<string, string | undefined>;

const get = (vars: ReadonlyMap<string, string | undefined>) => (name: string): string | undefined => vars.get(name);

/** Sets the variables of one ARG or ENV instruction, each value expanded with what is set before it. */
function declare(i: Instruction, vars: Map<string, string | undefined>, globals: DockerfileVariables, env: Map<string, string | undefined> | undefined): void {
  const keyword = i.getKeyword();
  for (const p of i.getProperties()) {
    const raw = p.getValue();
    const name = p.getName();
    // `ARG X` without a value takes the default of a global `ARG X=…` (before the first FROM)
    const value = raw === null ? (keyword === 'ARG' ? globals.get(name) : undefined) : expandVariables(raw, 'dockerfile', get(vars));
    vars.set(name, value);
    if (keyword === 'ENV') env?.set(name, value);
  }
}

/** The global ARGs: those before the first FROM, which a stage sees only when it declares them again. */
function globalArgs(file: DockerfileFile): DockerfileVariables {
  const globals = new Map<string, string | undefined>();
  for (const i of file.instructions) {
    if (i.getKeyword() === 'FROM') break;
    if (i.getKeyword() === 'ARG') declare(i, globals, globals, undefined);
  }
  return globals;
}

/**
 * The variables set before `at` in the last stage of `chain` (a stage and the stages it builds on,
 * first to last), as Docker scopes them: ENV carries over from the stages it builds on, ARG holds
 * only in the stage that declares it. Used with {@link expandVariables} and the `dockerfile` syntax.
 */
export function variablesBefore(file: DockerfileFile, chain: readonly Stage[], at: Instruction): DockerfileVariables {
  const globals = globalArgs(file);
  let env = new Map<string, string | undefined>();
  for (const stage of chain) {
    const vars = new Map(env);
    env = new Map(env);
    for (const i of stage.instructions) {
      if (i === at) return vars;
      const keyword = i.getKeyword();
      if (keyword === 'ARG' || keyword === 'ENV') declare(i, vars, globals, env);
    }
    if (stage === chain[chain.length - 1]) return vars;
  }
  return env;
}

/**
 * The arguments of an instruction (a USER's `user[:group]`) with their variables expanded; undefined
 * when they depend on the build. `stage` is the instruction's stage or one that builds on it.
 */
export function expandedArguments(file: DockerfileFile, stage: Stage, i: Instruction): string | undefined {
  const text = i.getArgumentsContent()?.trim() ?? '';
  return text.includes('$') ? expandVariables(text, 'dockerfile', get(variablesBefore(file, stageChain(file, stage), i))) : text;
}
