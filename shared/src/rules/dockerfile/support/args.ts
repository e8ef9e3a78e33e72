import type { DockerfileFile, Instruction } from '../../../parse/dockerfile';
import type { Range } from '../../../types';

/** A source or destination of COPY/ADD with its range. */
export interface PathArg {
  readonly value: string;
  readonly range: Range;
}

type CopyArgs = { sources: PathArg[]; destination: PathArg | undefined } | undefined;

/** Sources and destination of a COPY/ADD (flags removed, exec form understood); undefined for heredoc forms. Cached per instruction. */
export function copyArgs(file: DockerfileFile, instruction: Instruction): CopyArgs {
  return instruction.memo('copyArgs', () => readCopyArgs(file, instruction));
}

function readCopyArgs(file: DockerfileFile, instruction: Instruction): CopyArgs {
  const args = instruction.getArguments().filter((a) => !a.getValue().startsWith('--'));
  if (args.some((a) => a.getValue().startsWith('<<'))) return undefined;
  let list: PathArg[] = args.map((a) => ({ value: a.getValue(), range: a.getRange() }));
  const first = args[0]?.getValue() ?? '';
  if (first.startsWith('[')) {
    list = instruction.getJSONStrings().map((j) => {
      const r = j.getRange();
      const raw = file.text.slice(j.span.start, j.span.end);
      let value = raw;
      try {
        value = String(JSON.parse(raw));
      } catch {
        value = raw.replace(/^"|"$/g, '');
      }
      return { value, range: r };
    });
  }
  return { sources: list.slice(0, -1), destination: list[list.length - 1] };
}

/** True when an instruction has a flag `--name` (any value). */
export function hasFlag(instruction: Instruction, name: string): boolean {
  return instruction.getFlags().some((f) => f.getName() === name);
}
