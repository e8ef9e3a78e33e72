// The shell of RUN/CMD/ENTRYPOINT, read by Bollwerk's own tokenizer; why not sh-syntax (mvdan/sh) or
// tree-sitter-bash: docs/shell-parser.md.
import type { DockerfileFile, Instruction } from './dockerfile';
import { basename, shellCommand, shellWord, SHELLS, type Source } from './shell-source';
import { tokenize } from './shell-tokenize';
import { append } from '../append';

export { basename } from './shell-source';

/** An operator that ends a command (`\n` is a newline between commands). */
export type ShellOperator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')';

/** One shell word: its value after quote removal (expansions kept as written) and its document offsets. */
export interface ShellWord {
  readonly value: string;
  /** Document offset of the first character. */
  readonly start: number;
  /** Document offset just after the last character. */
  readonly end: number;
  /** True when any part was quoted. */
  readonly quoted: boolean;
  /** True when it contains a `$` expansion or a command substitution. */
  readonly dynamic: boolean;
}

/** A simple command and the operator that connects it to the previous one. */
export interface ShellCommand {
  readonly words: readonly ShellWord[];
  readonly redirects: readonly ShellWord[];
  /** The operator before this command; null for the first. */
  readonly op: ShellOperator | null;
}

/** The commands of a RUN (or shell-form CMD/ENTRYPOINT) instruction. */
export interface ShellScript {
  readonly form: 'shell' | 'exec';
  readonly commands: readonly ShellCommand[];
  /** True when a here-document supplies (part of) the script or its input. */
  readonly heredoc: boolean;
  /** Document offset after the script's last word when text can be appended there (` && …`); null when not certain. */
  readonly appendAt: number | null;
}

/** The rest of a line after an escape character that continues it. */
const CONTINUATION = /[ \t]*(\r?\n|\r)/y;
/** A comment or blank line that Docker drops inside a continued instruction. */
const DROPPED = /[ \t]*(#[^\r\n]*)?(\r?\n|\r)/y;

/** Removes Dockerfile line continuations (and the comment/blank lines Docker drops after them), keeping document offsets. */
function logical(text: string, start: number, end: number, escape: string): Source {
  const parts: string[] = [];
  const at: number[] = [0];
  const doc: number[] = [start];
  let length = 0;
  let from = start;
  let i = text.indexOf(escape, start);
  while (i !== -1 && i < end) {
    CONTINUATION.lastIndex = i + 1;
    if (!CONTINUATION.test(text) || CONTINUATION.lastIndex > end) {
      i = text.indexOf(escape, i + 1);
      continue;
    }
    parts.push(text.slice(from, i));
    length += i - from;
    i = CONTINUATION.lastIndex;
    for (;;) {
      DROPPED.lastIndex = i;
      if (!DROPPED.test(text) || DROPPED.lastIndex > end) break;
      i = DROPPED.lastIndex;
    }
    from = i;
    at.push(length);
    doc.push(from);
    i = text.indexOf(escape, i);
  }
  parts.push(text.slice(from, Math.max(from, end)));
  return { s: parts.length === 1 ? parts[0]! : parts.join(''), at, doc };
}

/** Splits shell text that starts at document offset `base` into commands (for tests and CMD/ENTRYPOINT). */
export function splitShell(text: string, base = 0): ShellScript {
  const src = logical(text, 0, text.length, '\0');
  const shifted: Source = { s: src.s, at: src.at, doc: src.doc.map((o) => o + base) };
  const r = tokenize(shifted, 0, shifted.s.length);
  return { form: 'shell', commands: r.commands, heredoc: r.heredoc, appendAt: r.appendAt };
}

const LEADING_FLAGS = /^\s*(?:--[^\s]+\s+)*/;
const LEADING_SPACE = /^\s*/;

/** Index in `src.s` after leading whitespace and `--flag` words (RUN `--mount=…`). */
function skipFlags(src: Source, flags: boolean): number {
  return (flags ? LEADING_FLAGS : LEADING_SPACE).exec(src.s)![0].length;
}

/**
 * The shell commands of a RUN, CMD, ENTRYPOINT (or HEALTHCHECK CMD) instruction, shell or exec form.
 * Reads the text after the keyword itself; cached per instruction. Never throws.
 */
export function instructionScript(file: DockerfileFile, instruction: Instruction): ShellScript {
  return instruction.memo('shell', () => readScript(file, instruction));
}

function readScript(file: DockerfileFile, instruction: Instruction): ShellScript {
  const src = logical(file.text, instruction.keywordEnd, instruction.end, file.ast.escape);
  const from = skipFlags(src, instruction.getKeyword() === 'RUN');
  if (from >= src.s.length) return { form: 'shell', commands: [], heredoc: false, appendAt: null };
  const exec = execWords(file, instruction, src.s.slice(from));
  if (exec) return exec;
  const r = tokenize(src, from, src.s.length);
  return { form: 'shell', commands: r.commands, heredoc: r.heredoc, appendAt: r.appendAt };
}

function execWords(file: DockerfileFile, instruction: Instruction, text: string): ShellScript | undefined {
  const raw = text.trim();
  if (!raw.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) return undefined;
  } catch {
    return undefined;
  }
  const words: ShellWord[] = instruction.getJSONStrings().map((j) => {
    const { start, end } = j.span;
    return shellWord(jsonString(file.text.slice(start, end)), start, end, true, false);
  });
  const commands: ShellCommand[] = [shellCommand(words, [], null)];
  const first = words[0];
  const flag = words.findIndex((w, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
  const script = flag > 0 ? words[flag + 1] : undefined;
  if (first && SHELLS.has(basename(first.value)) && script) {
    const inner = file.text.slice(script.start + 1, script.end - 1);
    if (inner === script.value) append(commands, splitShell(inner, script.start + 1).commands.map((c, k) => (k === 0 ? shellCommand(c.words, c.redirects, ';') : c)));
  }
  return { form: 'exec', commands, heredoc: false, appendAt: null };
}

function jsonString(raw: string): string {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : raw;
  } catch {
    return raw;
  }
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'in', 'case', 'esac', '!', '{', '}', 'time', '[[', ']]']);
/** Programs that run another program (a Map: only these names, never Object's own keys such as `constructor`). */
const WRAPPERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sudo', new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-R', '-T', '-U', '--user', '--group'])],
  ['env', new Set(['-u', '-C', '-S', '--unset', '--chdir'])],
  ['exec', new Set(['-a'])],
  ['nohup', new Set()],
  ['command', new Set()],
  ['nice', new Set(['-n'])],
  ['time', new Set()],
  ['xargs', new Set(['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--eof', '--max-args', '--max-lines', '--max-procs', '--max-chars', '--process-slot-var'])],
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** A command with wrappers and assignments removed: `sudo -E FOO=1 apt-get install x` → `apt-get` + args. */
export interface ResolvedCommand {
  /** Lower-cased basename of the program. */
  readonly name: string;
  readonly nameWord: ShellWord;
  readonly args: readonly ShellWord[];
  readonly command: ShellCommand;
  /** Words skipped before the program (`sudo`, assignments …). */
  readonly prefix: readonly ShellWord[];
  /** Cache slot of the package-manager reading (rules/dockerfile/support/packages.ts), created empty with the command. */
  package: unknown;
}

/** A command with its resolutions cached on it (several rules resolve the same commands); the slots come from shellCommand. */
interface Resolvable extends ShellCommand {
  resolved: ResolvedCommand | null | undefined;
  resolvedPlain: ResolvedCommand | null | undefined;
}

/** Resolves the program a command runs, looking through reserved words, assignments, sudo/env/exec wrappers. Cached per command. */
export function resolveCommand(command: ShellCommand, unwrap = true): ResolvedCommand | undefined {
  const c = command as Resolvable;
  if (unwrap) return (c.resolved === undefined ? (c.resolved = readCommand(command, true) ?? null) : c.resolved) ?? undefined;
  return (c.resolvedPlain === undefined ? (c.resolvedPlain = readCommand(command, false) ?? null) : c.resolvedPlain) ?? undefined;
}

function readCommand(command: ShellCommand, unwrap: boolean): ResolvedCommand | undefined {
  const w = command.words;
  let k = 0;
  let name = '';
  while (k < w.length) {
    const v = w[k]!.value;
    if (RESERVED.has(v) || ASSIGNMENT.test(v)) {
      k++;
      continue;
    }
    name = basename(v);
    const wrapper = unwrap ? WRAPPERS.get(name) : undefined;
    if (!wrapper) break;
    k++;
    while (k < w.length && (w[k]!.value.startsWith('-') || ASSIGNMENT.test(w[k]!.value))) {
      if (wrapper.has(w[k]!.value)) k++;
      k++;
    }
  }
  const nameWord = w[k];
  if (!nameWord) return undefined;
  return new Resolved(name, nameWord, w.slice(k + 1), command, k === 0 ? NO_WORDS : w.slice(0, k));
}

/** A resolved command; a class for the reason given at shell-source.ts Word. */
class Resolved implements ResolvedCommand {
  package: unknown = undefined;
  constructor(
    readonly name: string,
    readonly nameWord: ShellWord,
    readonly args: readonly ShellWord[],
    readonly command: ShellCommand,
    readonly prefix: readonly ShellWord[],
  ) {}
}

/** The prefix of most commands (nothing before the program), shared. */
const NO_WORDS: readonly ShellWord[] = Object.freeze([]);

/** Every resolved command of a script, in order. */
export function resolvedCommands(script: ShellScript): ResolvedCommand[] {
  const out: ResolvedCommand[] = [];
  const commands = script.commands;
  for (let k = 0; k < commands.length; k++) {
    const r = resolveCommand(commands[k]!);
    if (r) out.push(r);
  }
  return out;
}
