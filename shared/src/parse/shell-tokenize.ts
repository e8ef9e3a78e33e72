/**
 * The shell tokenizer behind parse/shell.ts: splits shell text (line continuations already removed)
 * into commands and words with document offsets. A class with small methods: the main loop stays
 * small, so the JIT compiles it quickly, and a rare construct (here-documents, `$(…)`) does not make
 * it recompile the whole tokenizer.
 */
import type { ShellCommand, ShellOperator, ShellWord } from './shell';
import { basename, indexOf, shellCommand, shellWord, SHELLS, skipBalanced, type Source } from './shell-source';
import { append } from '../append';

export type { Source } from './shell-source';

/** What a tokenizer run gives. */
export interface Tokens {
  readonly commands: ShellCommand[];
  readonly heredoc: boolean;
  readonly appendAt: number | null;
}

interface Pending {
  readonly delimiter: string;
  readonly strip: boolean;
  readonly script: boolean;
}

/** A run of characters that the tokenizer takes as they are. */
const PLAIN = /[^ \t\r\n;()&|<>'"\\$`]*/y;
/** The rest of a run of blanks. */
const BLANKS = /[ \t\r]*/y;
/** A run of characters inside double quotes that are taken as they are. */
const QUOTED = /[^"\\$`]+/y;
const REDIRECT = /^(<<-|<<<|<<|<>|<&|>>|>&|>\||&>>|&>|<|>)/;
const DELIMITER = /^(['"]?)([^\s'";&|<>()]+)\1/;
const SHELL_C = /^-[a-z]*c[a-z]*$/;
/**
 * What a character means to the tokenizer (`#` only at the start of a word). `special` switches on
 * these small numbers: V8 turns such a switch into one jump through a table, where a chain of
 * string comparisons costs a call per comparison until the scan's code is optimised.
 */
const enum Ch {
  Plain,
  Hash,
  Blank,
  Newline,
  Separator,
  Amp,
  Pipe,
  Angle,
  Single,
  Double,
  Backslash,
  Dollar,
  Backtick,
}
const CLASS = new Uint8Array(128);
const classes: [string, Ch][] = [
  ['#', Ch.Hash],
  [' \t\r', Ch.Blank],
  ['\n', Ch.Newline],
  [';()', Ch.Separator],
  ['&', Ch.Amp],
  ['|', Ch.Pipe],
  ['<>', Ch.Angle],
  ["'", Ch.Single],
  ['"', Ch.Double],
  ['\\', Ch.Backslash],
  ['$', Ch.Dollar],
  ['`', Ch.Backtick],
];
for (const [chars, ch] of classes) for (const c of chars) CLASS[c.charCodeAt(0)] = ch;

/** True when a here-document feeds a shell: `RUN <<EOF` or `RUN bash <<EOF`. */
function isScriptInput(head: readonly ShellWord[]): boolean {
  if (head.length === 0) return true;
  return SHELLS.has(basename(head[0]!.value)) && !head.some((w) => SHELL_C.test(w.value));
}

/** The commands of `sh -c '…'` when the script is one quoted string without escapes. */
function innerScript(src: Source, words: readonly ShellWord[]): ShellCommand[] | undefined {
  const first = words[0];
  // every shell's name ends in `sh`: most commands are ruled out without building their name
  if (!first || (first.value.charCodeAt(first.value.length - 1) | 0x20) !== 0x68 || !SHELLS.has(basename(first.value))) return undefined;
  const flag = words.findIndex((w, k) => k > 0 && SHELL_C.test(w.value));
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

/** Splits `src.s[from, to)` into commands. */
export function tokenize(src: Source, from: number, to: number): Tokens {
  return new Tokenizer(src, from, to).run();
}

class Tokenizer {
  readonly s: string;
  readonly commands: ShellCommand[] = [];
  readonly pending: Pending[] = [];
  words: ShellWord[] = [];
  redirects: ShellWord[] = [];
  op: ShellOperator | null = null;
  value = '';
  wStart = -1;
  quoted = false;
  dynamic = false;
  toRedirect = false;
  heredoc = false;
  /** End of the last word when nothing follows it on its line yet; -1 otherwise. */
  lastWordEnd = -1;
  i: number;
  /** Without line continuations the document offset is `shift + index`; -1 otherwise. */
  readonly shift: number;
  piece = 0;

  constructor(
    readonly src: Source,
    from: number,
    readonly to: number,
  ) {
    this.s = src.s;
    this.i = from;
    this.shift = src.at.length === 1 ? src.doc[0]! : -1;
  }

  run(): Tokens {
    const s = this.s;
    const to = this.to;
    while (this.i < to) {
      const code = s.charCodeAt(this.i);
      const ch: Ch = code < 128 ? CLASS[code]! : Ch.Plain;
      // the two commonest characters are dispatched here, the rest by special()
      if (ch === Ch.Plain) this.plain();
      else if (ch === Ch.Blank) this.blank();
      else this.special(ch);
    }
    this.endWord(to);
    const appendAt = this.pending.length === 0 && this.lastWordEnd >= 0 ? this.lastWordEnd : null;
    this.endCommand('\n');
    return { commands: this.commands, heredoc: this.heredoc || this.pending.length > 0, appendAt };
  }

  special(ch: Ch): void {
    const s = this.s;
    const i = this.i;
    const next = s[i + 1];
    switch (ch) {
      case Ch.Hash:
        if (this.wStart < 0) this.comment();
        else this.plain();
        return;
      case Ch.Newline:
        return this.newline();
      case Ch.Separator:
        return this.separator(s[i] as ';' | '(' | ')');
      case Ch.Amp:
        // `&>` redirects
        if (next === '>') return this.redirect();
        return this.operator(next === '&' ? '&&' : '&', next === '&' ? 2 : 1);
      case Ch.Pipe:
        return this.operator(next === '|' ? '||' : '|', next === '|' || next === '&' ? 2 : 1);
      case Ch.Angle:
        // `<(…)`, `>(…)`: process substitution
        if (next === '(') return this.balanced(skipBalanced(s, i + 1, '(', ')'));
        return this.redirect();
      case Ch.Single:
        return this.single();
      case Ch.Double:
        return this.double();
      case Ch.Backslash:
        return this.backslash();
      case Ch.Dollar:
        if (next === '(' || next === '{') return this.balanced(Math.min(next === '(' ? skipBalanced(s, i + 1, '(', ')') : skipBalanced(s, i + 1, '{', '}'), this.to));
        return this.dollar();
      case Ch.Backtick:
        return this.backtick();
    }
  }

  begin(): void {
    if (this.wStart < 0) this.wStart = this.i;
  }

  offsetAt(k: number): number {
    const { at, doc } = this.src;
    if (k < at[this.piece]!) this.piece = 0;
    while (this.piece + 1 < at.length && at[this.piece + 1]! <= k) this.piece++;
    return doc[this.piece]! + (k - at[this.piece]!);
  }

  endWord(i: number): void {
    if (this.wStart < 0) return;
    const { value, wStart, quoted, dynamic } = this;
    const word = this.shift >= 0 ? shellWord(value, this.shift + wStart, this.shift + i, quoted, dynamic) : shellWord(value, this.offsetAt(wStart), this.offsetAt(i - 1) + 1, quoted, dynamic);
    (this.toRedirect ? this.redirects : this.words).push(word);
    this.toRedirect = false;
    this.lastWordEnd = word.end;
    this.value = '';
    this.wStart = -1;
    this.quoted = false;
    this.dynamic = false;
  }

  endCommand(next: ShellOperator): void {
    const { words, redirects, commands } = this;
    if (words.length > 0 || redirects.length > 0) {
      commands.push(shellCommand(words, redirects, this.op));
      const inner = innerScript(this.src, words);
      if (inner) append(commands, inner.map((c, k) => (k === 0 ? shellCommand(c.words, c.redirects, ';') : c)));
      this.words = [];
      this.redirects = [];
      this.op = next;
    } else if (commands.length > 0) {
      const op = this.op;
      const keep = op !== null && op !== '\n' && op !== ';' && (next === '\n' || next === '(');
      if (!keep) this.op = next;
    }
    this.lastWordEnd = -1;
  }

  plain(): void {
    this.begin();
    PLAIN.lastIndex = this.i;
    PLAIN.test(this.s);
    const j = Math.min(Math.max(PLAIN.lastIndex, this.i + 1), this.to);
    this.value += this.s.slice(this.i, j);
    this.i = j;
  }

  comment(): void {
    const nl = this.s.indexOf('\n', this.i);
    this.i = nl < 0 || nl > this.to ? this.to : nl;
    this.lastWordEnd = -1;
  }

  blank(): void {
    this.endWord(this.i);
    BLANKS.lastIndex = this.i + 1;
    BLANKS.test(this.s);
    this.i = Math.min(BLANKS.lastIndex, this.to);
  }

  newline(): void {
    this.endWord(this.i);
    this.endCommand('\n');
    this.i++;
    while (this.pending.length > 0) this.heredocBody(this.pending.shift()!);
    this.lastWordEnd = -1;
  }

  heredocBody(d: Pending): void {
    const { s, to } = this;
    this.heredoc = true;
    const bodyStart = this.i;
    let bodyEnd = to;
    let i = this.i;
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
    this.i = Math.min(i, to);
    if (!d.script) return;
    const commands = this.commands;
    tokenize(this.src, bodyStart, bodyEnd).commands.forEach((cmd, k) => commands.push(k === 0 ? shellCommand(cmd.words, cmd.redirects, commands.length === 0 ? null : '\n') : cmd));
  }

  separator(c: ';' | '(' | ')'): void {
    if (c === '(' && this.wStart >= 0) {
      this.value += c;
      this.i++;
      return;
    }
    this.endWord(this.i);
    this.endCommand(c);
    this.i += c === ';' && this.s[this.i + 1] === ';' ? 2 : 1;
  }

  operator(op: ShellOperator, length: number): void {
    this.endWord(this.i);
    this.endCommand(op);
    this.i += length;
  }

  /** `<(…)`, `>(…)`, `$(…)`, `${…}`: kept as written in the word, up to the index `j`. */
  balanced(j: number): void {
    this.begin();
    this.value += this.s.slice(this.i, j);
    this.dynamic = true;
    this.i = j;
  }

  redirect(): void {
    const s = this.s;
    if (this.wStart >= 0 && /^\d+$/.test(this.value)) {
      this.value = '';
      this.wStart = -1;
    }
    this.endWord(this.i);
    const m = REDIRECT.exec(s.slice(this.i, this.i + 3))![0];
    this.i += m.length;
    if (m === '<<' || m === '<<-') {
      while (s[this.i] === ' ' || s[this.i] === '\t') this.i++;
      const dm = DELIMITER.exec(s.slice(this.i, this.to));
      if (dm) {
        this.pending.push({ delimiter: dm[2]!, strip: m === '<<-', script: isScriptInput(this.words) });
        this.i += dm[0].length;
        this.lastWordEnd = -1;
        return;
      }
    }
    this.toRedirect = true;
  }

  single(): void {
    this.begin();
    const j = this.s.indexOf("'", this.i + 1);
    const close = j < 0 || j >= this.to ? this.to : j;
    this.value += this.s.slice(this.i + 1, close);
    this.quoted = true;
    this.i = close + 1;
  }

  double(): void {
    const { s, to } = this;
    this.begin();
    this.quoted = true;
    let i = this.i + 1;
    while (i < to && s[i] !== '"') {
      const d = s[i]!;
      if (d === '\\' && i + 1 < to && '"\\$`\n'.includes(s[i + 1]!)) {
        this.value += s[i + 1];
        i += 2;
      } else if (d === '$' && s[i + 1] === '(') {
        const j = Math.min(skipBalanced(s, i + 1, '(', ')'), to);
        this.value += s.slice(i, j);
        this.dynamic = true;
        i = j;
      } else if (d === '$' || d === '`' || d === '\\') {
        if (d !== '\\') this.dynamic = true;
        this.value += d;
        i++;
      } else {
        QUOTED.lastIndex = i;
        QUOTED.test(s);
        const j = Math.min(QUOTED.lastIndex, to);
        this.value += s.slice(i, j);
        i = j;
      }
    }
    this.i = i + 1;
  }

  backslash(): void {
    this.begin();
    if (this.s[this.i + 1] === '\n') {
      this.i += 2;
      return;
    }
    this.value += this.s[this.i + 1] ?? '';
    this.quoted = true;
    this.i += 2;
  }

  backtick(): void {
    this.begin();
    const j = this.s.indexOf('`', this.i + 1);
    const close = j < 0 || j >= this.to ? this.to - 1 : j;
    this.value += this.s.slice(this.i, close + 1);
    this.dynamic = true;
    this.i = close + 1;
  }

  dollar(): void {
    this.begin();
    if (/[A-Za-z_0-9@*#?$!-]/.test(this.s[this.i + 1] ?? '')) this.dynamic = true;
    this.value += '$';
    this.i++;
  }
}
