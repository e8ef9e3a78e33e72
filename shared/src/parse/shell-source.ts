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

/**
 * A shell word as the tokenizer makes it. A class, not an object literal: literals that begin with
 * `value`, `start`, `end` share V8's hidden classes with the Dockerfile parser's words, and each
 * change to those made V8 throw away the tokenizer's optimised code (twice in a cold scan).
 */
class Word implements ShellWord {
  constructor(
    readonly value: string,
    readonly start: number,
    readonly end: number,
    readonly quoted: boolean,
    readonly dynamic: boolean,
  ) {}
}

/** A new shell word. */
export function shellWord(value: string, start: number, end: number, quoted: boolean, dynamic: boolean): ShellWord {
  return new Word(value, start, end, quoted, dynamic);
}

/** A command that also holds the cache slots of resolveCommand (parse/shell.ts). */
interface Resolvable extends ShellCommand {
  resolved: unknown;
  resolvedPlain: unknown;
}

/** A command; a class for the reason given at Word, with the cache slots created with it so that every command has one shape. */
class Command implements Resolvable {
  resolved: unknown = undefined;
  resolvedPlain: unknown = undefined;
  constructor(
    readonly words: readonly ShellWord[],
    readonly redirects: readonly ShellWord[],
    readonly op: ShellOperator | null,
  ) {}
}

/** A new command. */
export function shellCommand(words: readonly ShellWord[], redirects: readonly ShellWord[], op: ShellOperator | null): ShellCommand {
  return new Command(words, redirects, op);
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
