/** Shared pieces of the shell parser: the continuation-free source text, commands, command names. */
import type { ShellCommand, ShellOperator, ShellWord } from './shell';

/** Shell text without line continuations, and where its pieces sit in the document. */
export interface Source {
  readonly s: string;
  /** Index in `s` where each piece starts (ascending, the first is 0). */
  readonly at: readonly number[];
  /** Document offset of each piece's first character. */
  readonly doc: readonly number[];
}

/** The shells whose `-c` script and here-document input are read as commands. */
export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** The command name of a path (`/usr/bin/apt-get` → `apt-get`), lower-cased. */
export function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1).toLowerCase();
}

/** A command that also holds the cache slots of resolveCommand (parse/shell.ts). */
interface Resolvable extends ShellCommand {
  resolved: unknown;
  resolvedPlain: unknown;
}

/** A new command; the cache slots are created with it so that every command has one shape. */
export function shellCommand(words: readonly ShellWord[], redirects: readonly ShellWord[], op: ShellOperator | null): ShellCommand {
  const c: Resolvable = { words, redirects, op, resolved: undefined, resolvedPlain: undefined };
  return c;
}

/** Index in `src.s` of a document offset, or -1 when a continuation removed it. */
export function indexOf(src: Source, offset: number): number {
  const { at, doc } = src;
  for (let k = 0; k < at.length; k++) {
    const len = (k + 1 < at.length ? at[k + 1]! : src.s.length) - at[k]!;
    if (offset >= doc[k]! && offset < doc[k]! + len) return at[k]! + (offset - doc[k]!);
  }
  return -1;
}

/** Index just after the closing character matching the opener at `i` (`(`, `{`), skipping quotes. */
export function skipBalanced(s: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === "'") j = s.indexOf("'", j + 1) < 0 ? s.length : s.indexOf("'", j + 1);
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  return s.length;
}
