import type { DockerfileFile, Instruction } from './dockerfile';

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

/** Shell text without line continuations, and where its pieces sit in the document. */
interface Source {
  readonly s: string;
  /** Index in `s` where each piece starts (ascending, the first is 0). */
  readonly at: readonly number[];
  /** Document offset of each piece's first character. */
  readonly doc: readonly number[];
}

/** Index in `src.s` of a document offset, or -1 when a continuation removed it. */
function indexOf(src: Source, offset: number): number {
  const { at, doc } = src;
  for (let k = 0; k < at.length; k++) {
    const len = (k + 1 < at.length ? at[k + 1]! : src.s.length) - at[k]!;
    if (offset >= doc[k]! && offset < doc[k]! + len) return at[k]! + (offset - doc[k]!);
  }
  return -1;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** A run of characters that the tokenizer takes as they are. */
const PLAIN = /[^ \t\r\n;()&|<>'"\\$`]*/y;

/** Removes Dockerfile line continuations (and the comment/blank lines Docker drops after them), keeping document offsets. */
function logical(text: string, start: number, end: number, escape: string): Source {
  const parts: string[] = [];
  const at: number[] = [0];
  const doc: number[] = [start];
  const continuation = /[ \t]*(\r?\n|\r)/y;
  const dropped = /[ \t]*(#[^\r\n]*)?(\r?\n|\r)/y;
  let length = 0;
  let from = start;
  let i = text.indexOf(escape, start);
  while (i !== -1 && i < end) {
    continuation.lastIndex = i + 1;
    if (!continuation.test(text) || continuation.lastIndex > end) {
      i = text.indexOf(escape, i + 1);
      continue;
    }
    parts.push(text.slice(from, i));
    length += i - from;
    i = continuation.lastIndex;
    for (;;) {
      dropped.lastIndex = i;
      if (!dropped.test(text) || dropped.lastIndex > end) break;
      i = dropped.lastIndex;
    }
    from = i;
    at.push(length);
    doc.push(from);
    i = text.indexOf(escape, i);
  }
  parts.push(text.slice(from, Math.max(from, end)));
  return { s: parts.length === 1 ? parts[0]! : parts.join(''), at, doc };
}

/** Index just after the closing character matching the opener at `i` (`(`, `{`), skipping quotes. */
function skipBalanced(s: string, i: number, open: string, close: string): number {
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

interface Pending {
  readonly delimiter: string;
  readonly strip: boolean;
  readonly script: boolean;
}

/** Splits shell text into commands, with the words' document offsets. */
function tokenize(src: Source, from: number, to: number): { commands: ShellCommand[]; heredoc: boolean; appendAt: number | null } {
  const { s } = src;
  // without line continuations, offsets are a shift; with them, a cursor over the pieces (words come in order)
  const shift = src.at.length === 1 ? src.doc[0]! : -1;
  const { at, doc } = src;
  let piece = 0;
  const offsetAt = (k: number): number => {
    if (k < at[piece]!) piece = 0;
    while (piece + 1 < at.length && at[piece + 1]! <= k) piece++;
    return doc[piece]! + (k - at[piece]!);
  };
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let redirects: ShellWord[] = [];
  let op: ShellOperator | null = null;
  let value = '';
  let wStart = -1;
  let quoted = false;
  let dynamic = false;
  let toRedirect = false;
  let heredoc = false;
  let lastWordEnd: number | null = null;
  const pending: Pending[] = [];
  const endWord = (i: number): void => {
    if (wStart < 0) return;
    const word: ShellWord = shift >= 0 ? { value, start: shift + wStart, end: shift + i, quoted, dynamic } : { value, start: offsetAt(wStart), end: offsetAt(i - 1) + 1, quoted, dynamic };
    (toRedirect ? redirects : words).push(word);
    toRedirect = false;
    lastWordEnd = word.end;
    value = '';
    wStart = -1;
    quoted = false;
    dynamic = false;
  };
  const endCommand = (next: ShellOperator): void => {
    if (words.length > 0 || redirects.length > 0) {
      commands.push(shellCommand(words, redirects, op));
      const inner = innerScript(src, words);
      if (inner) commands.push(...inner.map((c, k) => (k === 0 ? shellCommand(c.words, c.redirects, ';') : c)));
      words = [];
      redirects = [];
      op = next;
    } else if (commands.length > 0) {
      const keep = op !== null && op !== '\n' && op !== ';' && (next === '\n' || next === '(');
      if (!keep) op = next;
    }
    lastWordEnd = null;
  };
  const begin = (i: number): void => {
    if (wStart < 0) wStart = i;
  };
  let i = from;
  while (i < to) {
    const c = s[i]!;
    if (wStart < 0 && c === '#') {
      while (i < to && s[i] !== '\n') i++;
      lastWordEnd = null;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord(i);
      i++;
    } else if (c === '\n') {
      endWord(i);
      endCommand('\n');
      i++;
      while (pending.length > 0) {
        const d = pending.shift()!;
        heredoc = true;
        const bodyStart = i;
        let bodyEnd = to;
        while (i < to) {
          const nl = s.indexOf('\n', i);
          const lineEnd = nl < 0 || nl > to ? to : nl;
          const line = s.slice(i, lineEnd).replace(/\r$/, '');
          if ((d.strip ? line.replace(/^\t+/, '') : line) === d.delimiter) {
            bodyEnd = i;
            i = Math.min(to, lineEnd + 1);
            break;
          }
          i = lineEnd + 1;
        }
        if (i > to) i = to;
        if (d.script) {
          const body = tokenize(src, bodyStart, bodyEnd);
          body.commands.forEach((cmd, k) => commands.push(k === 0 ? shellCommand(cmd.words, cmd.redirects, commands.length === 0 ? null : '\n') : cmd));
        }
      }
      lastWordEnd = null;
    } else if (c === ';' || c === '(' || c === ')') {
      if (c === '(' && wStart >= 0) {
        begin(i);
        value += c;
        i++;
        continue;
      }
      endWord(i);
      endCommand(c === ';' ? ';' : c);
      i += c === ';' && s[i + 1] === ';' ? 2 : 1;
    } else if (c === '&' && s[i + 1] !== '>') {
      endWord(i);
      const two = s[i + 1] === '&';
      endCommand(two ? '&&' : '&');
      i += two ? 2 : 1;
    } else if (c === '|') {
      endWord(i);
      const two = s[i + 1] === '|';
      endCommand(two ? '||' : '|');
      i += two || s[i + 1] === '&' ? 2 : 1;
    } else if ((c === '<' || c === '>') && s[i + 1] === '(') {
      begin(i);
      const j = skipBalanced(s, i + 1, '(', ')');
      value += s.slice(i, j);
      dynamic = true;
      i = j;
    } else if (c === '<' || c === '>' || c === '&') {
      if (wStart >= 0 && /^\d+$/.test(value)) {
        value = '';
        wStart = -1;
      }
      endWord(i);
      const m = /^(<<-|<<<|<<|<>|<&|>>|>&|>\||&>>|&>|<|>)/.exec(s.slice(i, i + 3))!;
      i += m[0].length;
      if (m[0] === '<<' || m[0] === '<<-') {
        while (s[i] === ' ' || s[i] === '\t') i++;
        const dm = /^(['"]?)([^\s'";&|<>()]+)\1/.exec(s.slice(i, to));
        if (dm) {
          pending.push({ delimiter: dm[2]!, strip: m[0] === '<<-', script: isScriptInput(words) });
          i += dm[0].length;
          lastWordEnd = null;
          continue;
        }
      }
      toRedirect = true;
    } else if (c === "'") {
      begin(i);
      const j = s.indexOf("'", i + 1);
      const close = j < 0 || j >= to ? to : j;
      value += s.slice(i + 1, close);
      quoted = true;
      i = close + 1;
    } else if (c === '"') {
      begin(i);
      quoted = true;
      i++;
      while (i < to && s[i] !== '"') {
        const d = s[i]!;
        if (d === '\\' && i + 1 < to && '"\\$`\n'.includes(s[i + 1]!)) {
          value += s[i + 1];
          i += 2;
        } else if (d === '$' && s[i + 1] === '(') {
          const j = Math.min(skipBalanced(s, i + 1, '(', ')'), to);
          value += s.slice(i, j);
          dynamic = true;
          i = j;
        } else {
          if (d === '$' || d === '`') dynamic = true;
          value += d;
          i++;
        }
      }
      i++;
    } else if (c === '\\') {
      begin(i);
      if (s[i + 1] === '\n') {
        i += 2;
        continue;
      }
      value += s[i + 1] ?? '';
      quoted = true;
      i += 2;
    } else if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      begin(i);
      const j = Math.min(s[i + 1] === '(' ? skipBalanced(s, i + 1, '(', ')') : skipBalanced(s, i + 1, '{', '}'), to);
      value += s.slice(i, j);
      dynamic = true;
      i = j;
    } else if (c === '`') {
      begin(i);
      const j = s.indexOf('`', i + 1);
      const close = j < 0 || j >= to ? to - 1 : j;
      value += s.slice(i, close + 1);
      dynamic = true;
      i = close + 1;
    } else if (c === '$') {
      begin(i);
      if (/[A-Za-z_0-9@*#?$!-]/.test(s[i + 1] ?? '')) dynamic = true;
      value += c;
      i++;
    } else {
      begin(i);
      PLAIN.lastIndex = i;
      PLAIN.test(s);
      const j = Math.min(Math.max(PLAIN.lastIndex, i + 1), to);
      value += j === i + 1 ? c : s.slice(i, j);
      i = j;
    }
  }
  endWord(to);
  const appendAt = pending.length === 0 ? lastWordEnd : null;
  endCommand('\n');
  return { commands, heredoc: heredoc || pending.length > 0, appendAt };
}

/** True when a here-document feeds a shell: `RUN <<EOF` or `RUN bash <<EOF`. */
function isScriptInput(head: readonly ShellWord[]): boolean {
  if (head.length === 0) return true;
  const name = basename(head[0]!.value);
  return SHELLS.has(name) && !head.some((w) => /^-[a-z]*c[a-z]*$/.test(w.value));
}

/** The commands of `sh -c '…'` when the script is one quoted string without escapes. */
function innerScript(src: Source, words: readonly ShellWord[]): ShellCommand[] | undefined {
  const first = words[0];
  if (!first || !SHELLS.has(basename(first.value))) return undefined;
  const flag = words.findIndex((w, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
  const script = flag > 0 ? words[flag + 1] : undefined;
  if (!script) return undefined;
  const a = indexOf(src, script.start);
  const b = indexOf(src, script.end - 1);
  if (a < 0 || b < 0) return undefined;
  const raw = src.s.slice(a, b + 1);
  const q = raw[0];
  if ((q !== "'" && q !== '"') || raw[raw.length - 1] !== q || raw.length - 2 !== script.value.length) return undefined;
  return tokenize(src, a + 1, b).commands;
}

/** The command name of a path (`/usr/bin/apt-get` → `apt-get`), lower-cased. */
export function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1).toLowerCase();
}

/** Splits shell text that starts at document offset `base` into commands (for tests and CMD/ENTRYPOINT). */
export function splitShell(text: string, base = 0): ShellScript {
  const src = logical(text, 0, text.length, '\0');
  const shifted: Source = { s: src.s, at: src.at, doc: src.doc.map((o) => o + base) };
  const r = tokenize(shifted, 0, shifted.s.length);
  return { form: 'shell', commands: r.commands, heredoc: r.heredoc, appendAt: r.appendAt };
}

/** Index in `src.s` after leading whitespace and `--flag` words (RUN `--mount=…`). */
function skipFlags(src: Source, flags: boolean): number {
  const m = (flags ? /^\s*(?:--[^\s]+\s+)*/ : /^\s*/).exec(src.s)!;
  return m[0].length;
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
    return { value: jsonString(file.text.slice(start, end)), start, end, quoted: true, dynamic: false };
  });
  const commands: ShellCommand[] = [shellCommand(words, [], null)];
  const first = words[0];
  const flag = words.findIndex((w, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
  const script = flag > 0 ? words[flag + 1] : undefined;
  if (first && SHELLS.has(basename(first.value)) && script) {
    const inner = file.text.slice(script.start + 1, script.end - 1);
    if (inner === script.value) commands.push(...splitShell(inner, script.start + 1).commands.map((c, k) => (k === 0 ? shellCommand(c.words, c.redirects, ';') : c)));
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
const WRAPPERS: Readonly<Record<string, ReadonlySet<string>>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-R', '-T', '-U', '--user', '--group']),
  env: new Set(['-u', '-C', '-S', '--unset', '--chdir']),
  exec: new Set(['-a']),
  nohup: new Set(),
  command: new Set(),
  nice: new Set(['-n']),
  time: new Set(),
};

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

/** A command with its resolutions cached on it (several rules resolve the same commands). */
interface Resolvable extends ShellCommand {
  resolved: ResolvedCommand | null | undefined;
  resolvedPlain: ResolvedCommand | null | undefined;
}

/** A new command; the cache slots are created with it so that every command has one shape. */
function shellCommand(words: readonly ShellWord[], redirects: readonly ShellWord[], op: ShellOperator | null): ShellCommand {
  const c: Resolvable = { words, redirects, op, resolved: undefined, resolvedPlain: undefined };
  return c;
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
  while (k < w.length) {
    const v = w[k]!.value;
    if (RESERVED.has(v) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      k++;
      continue;
    }
    const wrapper = unwrap ? WRAPPERS[basename(v)] : undefined;
    if (!wrapper) break;
    k++;
    while (k < w.length && (w[k]!.value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[k]!.value))) {
      if (wrapper.has(w[k]!.value)) k++;
      k++;
    }
  }
  const nameWord = w[k];
  if (!nameWord) return undefined;
  return { name: basename(nameWord.value), nameWord, args: w.slice(k + 1), command, prefix: w.slice(0, k), package: undefined };
}

/** Every resolved command of a script, in order. */
export function resolvedCommands(script: ShellScript): ResolvedCommand[] {
  return script.commands.flatMap((c) => {
    const r = resolveCommand(c);
    return r ? [r] : [];
  });
}
