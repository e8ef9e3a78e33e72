import { defineDockerfileRule } from '../../define';
import type { DockerfileFile, Instruction, Stage } from '../../parse/dockerfile';
import { basename, splitShell, type ResolvedCommand, type ShellCommand, type ShellWord } from '../../parse/shell';
import { skipBalanced } from '../../parse/shell-source';
import type { RawFinding } from '../../types';
import { baseImage, runs, type RunInfo } from './support/stages';

/** Shells whose `-o pipefail` makes a pipeline fail when any of its commands fails. */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);
/** Shells that are no POSIX shell: a `|` there means something else. */
const NON_POSIX_SHELLS = new Set(['pwsh', 'pwsh.exe', 'powershell', 'powershell.exe', 'cmd', 'cmd.exe']);

/** Words of the shell's grammar that open a command (`then curl … | tar`): the pipeline starts after them. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);

/** What the SHELL of a stage says about pipes: the shell's name, whether it is POSIX, whether pipefail is set. */
interface ShellState {
  readonly name: string;
  readonly posix: boolean;
  readonly pipefail: boolean;
}

const DEFAULT_SHELL: ShellState = { name: 'sh', posix: true, pipefail: false };

const jsonValue = (raw: string): string => {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : raw;
  } catch {
    return raw.replace(/^"|"$/g, '');
  }
};

/** Reads `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`; undefined when it is not a JSON array. */
function shellOf(file: DockerfileFile, instruction: Instruction): ShellState | undefined {
  let words = instruction.getJSONStrings().map((j) => jsonValue(file.text.slice(j.span.start, j.span.end)));
  // `/usr/bin/env [-i] [NAME=value …] bash -o pipefail -c`: the shell is the word after env's own
  if (words[0] !== undefined && basename(words[0]) === 'env') {
    let k = 1;
    while (k < words.length && (words[k]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k]!))) k++;
    words = words.slice(k);
  }
  const first = words[0];
  if (first === undefined) return undefined;
  const name = basename(first).toLowerCase();
  const pipefail = PIPEFAIL_SHELLS.has(name) && words.some((w, k) => /^-[a-z]*o$/.test(w) && words[k + 1] === 'pipefail');
  return { name, posix: !NON_POSIX_SHELLS.has(name), pipefail };
}

/** The shell in force at each RUN: SHELL instructions in order, a stage built on another starting with that one's. */
function shellsAtRuns(file: DockerfileFile): Map<Instruction, ShellState> {
  const atEnd = new Map<Stage, ShellState>();
  const atRun = new Map<Instruction, ShellState>();
  for (const stage of file.stages) {
    const parent = stage.fromStage ? file.stages.find((s) => s.index < stage.index && s.name === stage.image?.toLowerCase()) : undefined;
    let state = (parent && atEnd.get(parent)) ?? DEFAULT_SHELL;
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() === 'SHELL') state = shellOf(file, instruction) ?? state;
      else if (instruction.getKeyword() === 'RUN') atRun.set(instruction, state);
    }
    atEnd.set(stage, state);
  }
  return atRun;
}

/** True for `set -o pipefail` (also `set -euo pipefail`). */
const setsPipefail = (c: ResolvedCommand): boolean =>
  c.name === 'set' && c.args.some((w, k) => /^-[a-zA-Z]*o$/.test(w.value) && c.args[k + 1]?.value === 'pipefail');

/** A pipeline's first and last command. */
interface Pipe {
  readonly first: ShellCommand;
  readonly last: ShellCommand;
}

/** The pipeline that starts at `commands[k]`, if `|` follows it. */
function pipeAt(commands: readonly ShellCommand[], k: number): Pipe | undefined {
  if (commands[k + 1]?.op !== '|') return undefined;
  let end = k + 1;
  while (commands[end + 1]?.op === '|') end++;
  return { first: commands[k]!, last: commands[end]! };
}

/**
 * The first pipeline inside a command substitution (`$(…)` or backquotes) of a word: its exit status is lost the
 * same way (`V=$(curl … | jq -r .v)`), and hadolint's DL4006, which walks the whole shell syntax tree, reports it too.
 * Reads the document text of the word, so single quotes keep their `$(` literal.
 */
function substitutionPipe(text: string, word: ShellWord): Pipe | undefined {
  let double = false;
  for (let i = word.start; i < word.end; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') double = !double;
    else if (c === "'" && !double) {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= word.end ? word.end : close;
    } else if ((c === '$' && text[i + 1] === '(' && text[i + 2] !== '(') || c === '`') {
      const open = c === '`' ? i : i + 1;
      const close = c === '`' ? text.indexOf('`', i + 1) + 1 : open + skipBalanced(text.slice(open, word.end), 0, '(', ')');
      if (close <= open || close > word.end) return undefined;
      const inner = splitShell(text.slice(open + 1, close - 1), open + 1);
      const pipe = firstPipe(text, inner.commands);
      if (pipe) return pipe;
      i = close - 1;
    }
  }
  return undefined;
}

/** The first pipeline of a list of commands, a command's own pipe before one in a substitution of its words. */
function firstPipe(text: string, commands: readonly ShellCommand[]): Pipe | undefined {
  for (let k = 0; k < commands.length; k++) {
    const pipe = pipeAt(commands, k) ?? firstSubstitutionPipe(text, commands[k]!);
    if (pipe) return pipe;
  }
  return undefined;
}

/** The first pipeline inside a command substitution of a command's words or redirect targets. */
function firstSubstitutionPipe(text: string, command: ShellCommand): Pipe | undefined {
  for (const word of [...command.words, ...command.redirects]) {
    if (!word.dynamic) continue;
    const pipe = substitutionPipe(text, word);
    if (pipe) return pipe;
  }
  return undefined;
}

/** The first pipeline of a script, also one inside a command substitution, not preceded by `set -o pipefail`. */
function unguardedPipeline(text: string, run: RunInfo): Pipe | undefined {
  const commands = run.script.commands;
  for (let k = 0; k < commands.length; k++) {
    const command = commands[k]!;
    if (run.commands.some((c) => c.command === command && setsPipefail(c))) return undefined;
    const pipe = pipeAt(commands, k) ?? firstSubstitutionPipe(text, command);
    if (pipe) return pipe;
  }
  return undefined;
}

/** True when `set -o pipefail` certainly works in the stage's shell: a shell named in SHELL that has it, or busybox ash as /bin/sh of Alpine and BusyBox images. */
function knownPipefailShell(file: DockerfileFile, stage: Stage, shell: ShellState): boolean {
  if (shell !== DEFAULT_SHELL) return PIPEFAIL_SHELLS.has(shell.name);
  const ref = baseImage(file, stage)?.ref;
  if (!ref || ref.variable) return false;
  const image = ref.name.split('/').pop() ?? '';
  return image === 'alpine' || image === 'busybox' || /(?:^|-)alpine/.test(ref.tag ?? '');
}

/** A RUN with a pipe whose shell does not fail when a command before the last one fails (hadolint DL4006). */
export const pipefail = defineDockerfileRule({
  id: 'dockerfile/pipefail',
  kind: 'dockerfile',
  title: { en: 'Set pipefail before RUN with a pipe', de: 'pipefail vor RUN mit einer Pipe setzen' },
  severity: 'warning',
  levels: ['L3'],
  references: ['OTC-C1'],
  equivalents: ['hadolint:DL4006', 'trivy:DS032'],
  messages: {
    default: {
      en: 'Only the last command of this pipe decides whether the RUN succeeds: a failed download piped into tar or sh goes unnoticed; set SHELL ["/bin/bash", "-o", "pipefail", "-c"] or start the RUN with set -o pipefail.',
      de: 'Nur der letzte Befehl dieser Pipe entscheidet, ob das RUN gelingt: ein fehlgeschlagener Download, der in tar oder sh geleitet wird, bleibt unbemerkt; SHELL ["/bin/bash", "-o", "pipefail", "-c"] setzen oder das RUN mit set -o pipefail beginnen.',
    },
  },
  docs: {
    rationale: {
      en: 'A pipeline\'s exit status is that of its last command. `curl -fsSL https://… | tar -xz` succeeds when curl fails half-way and tar unpacks what arrived, and the image is built and shipped with a truncated or missing tool. With pipefail a failure anywhere in the pipe fails the build.',
      de: 'Der Exit-Status einer Pipeline ist der ihres letzten Befehls. `curl -fsSL https://… | tar -xz` gelingt, wenn curl mittendrin scheitert und tar entpackt, was ankam, und das Image wird mit einem abgeschnittenen oder fehlenden Werkzeug gebaut und ausgeliefert. Mit pipefail lässt ein Fehler irgendwo in der Pipe den Build scheitern.',
    },
    fix: {
      en: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (on Alpine `/bin/ash`), or begin the RUN with `set -o pipefail &&`. The quick fix does the latter where the shell certainly supports it.',
      de: '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` vor das RUN setzen (unter Alpine `/bin/ash`) oder das RUN mit `set -o pipefail &&` beginnen. Die Schnellkorrektur tut Letzteres, wo die Shell es sicher kann.',
    },
    bad: 'RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin',
    good: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin',
  },
  fixable: true,
  check(file) {
    const findings: RawFinding[] = [];
    const list = runs(file);
    if (list.length === 0) return findings;
    const shells = shellsAtRuns(file);
    for (let r = 0; r < list.length; r++) {
      const run = list[r]!;
      const shell = shells.get(run.instruction) ?? DEFAULT_SHELL;
      if (!shell.posix || shell.pipefail || run.script.form !== 'shell') continue;
      const pipe = unguardedPipeline(file.text, run);
      if (!pipe) continue;
      const firstWord = pipe.first.words.find((w) => !RESERVED.has(w.value));
      const start = Math.min(firstWord?.start ?? Infinity, pipe.first.redirects[0]?.start ?? Infinity);
      const end = Math.max(pipe.last.words[pipe.last.words.length - 1]?.end ?? -1, pipe.last.redirects[pipe.last.redirects.length - 1]?.end ?? -1);
      if (start === Infinity || end < 0) continue;
      const first = run.script.commands[0]?.words[0];
      const fixable = first !== undefined && !run.script.heredoc && knownPipefailShell(file, run.stage, shell);
      const at = first ? file.lines.positionAt(first.start) : undefined;
      findings.push({
        range: file.lines.rangeOf(start, end),
        ...(fixable && at ? { fix: { title: { en: 'Start the RUN with set -o pipefail', de: 'Das RUN mit set -o pipefail beginnen' }, edits: [{ range: { start: at, end: at }, newText: 'set -o pipefail && ' }] } } : {}),
      });
    }
    return findings;
  },
});
