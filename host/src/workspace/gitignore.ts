// A .gitignore matcher for the syntax git documents (gitignore(5)): comments, escapes, trailing
// spaces, `!` negation, `/`-suffixed directory-only patterns, anchored patterns (a slash at the
// start or in the middle), `*`, `?`, `[...]` classes and the `**` forms. Pure string code.

/** One compiled pattern of an ignore file. */
export interface IgnoreRule {
  readonly pattern: string;
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly regex: RegExp;
}

/** The rules of one ignore file, relative to the directory `base` ('' for the scan root). */
export interface IgnoreFile {
  readonly base: string;
  readonly rules: readonly IgnoreRule[];
}

/** Strips unescaped trailing spaces (`foo\ ` keeps one space). */
function trimTrailing(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) {
    if (end >= 2 && line[end - 2] === '\\') break;
    end--;
  }
  return line.slice(0, end);
}

const escapeRe = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** Translates a `[...]` class starting at `i`; returns the regex part and the index after it, or undefined if unclosed. */
function bracket(glob: string, i: number): { re: string; next: number } | undefined {
  let j = i + 1;
  let negate = false;
  if (glob[j] === '!' || glob[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  for (; j < glob.length; j++) {
    const c = glob[j]!;
    if (c === ']' && !first) return { re: `[${negate ? '^' : ''}${body}]`, next: j + 1 };
    first = false;
    if (c === '\\' && j + 1 < glob.length) {
      body += escapeRe(glob[++j]!);
    } else if (c === '[' && glob[j + 1] === ':') {
      const close = glob.indexOf(':]', j + 2);
      if (close < 0) return undefined;
      const name = glob.slice(j + 2, close);
      const cls: Record<string, string> = { alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', xdigit: '0-9a-fA-F', punct: '!-\\/:-@\\[-`{-~' };
      body += cls[name] ?? '';
      j = close + 1;
    } else if (c === '/') {
      return undefined; // a class never matches a slash
    } else body += c === '-' ? '-' : escapeRe(c);
  }
  return undefined;
}

/** Translates the glob of one path segment-aware pattern to a regex source (no anchors). */
function globToRegex(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === glob.length) {
            re += '.*'; // trailing `/**`: everything inside
          } else {
            re += '(?:.*/)?'; // `**/`: zero or more directories
            i++; // skip the slash after `**`
          }
          i++;
          continue;
        }
        i++; // other `**` act like `*`
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const b = bracket(glob, i);
      if (b) {
        re += b.re;
        i = b.next - 1;
      } else re += '\\[';
    } else if (c === '\\' && i + 1 < glob.length) re += escapeRe(glob[++i]!);
    else re += escapeRe(c);
  }
  return re;
}

/** Compiles one line of an ignore file; undefined for blanks and comments. */
export function compileIgnoreLine(raw: string): IgnoreRule | undefined {
  let line = trimTrailing(raw.replace(/\r$/, ''));
  if (line === '' || line.startsWith('#')) return undefined;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
  let dirOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  const anchored = line.includes('/');
  const body = line.startsWith('/') ? line.slice(1) : line;
  const prefix = anchored ? '' : '(?:.*/)?';
  const source = `^${prefix}${globToRegex(body)}$`;
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch {
    return undefined;
  }
  return { pattern: raw, negate, dirOnly, regex };
}

/** Parses the text of an ignore file whose directory is `base` (relative, '/'-separated, '' for the root). */
export function parseIgnoreFile(text: string, base: string): IgnoreFile {
  const rules: IgnoreRule[] = [];
  for (const line of text.split('\n')) {
    const rule = compileIgnoreLine(line);
    if (rule) rules.push(rule);
  }
  return { base, rules };
}

/**
 * Decides whether a path (relative to the scan root, '/'-separated) is ignored by the given
 * ignore files, ordered from the shallowest to the deepest directory. The last matching rule
 * wins; deeper files override shallower ones. Parents are not checked: a walker that never
 * enters an ignored directory gets git's rule that nothing below it can be re-included.
 */
export function isIgnored(files: readonly IgnoreFile[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const file of files) {
    let rel: string;
    if (file.base === '') rel = path;
    else if (path.startsWith(file.base + '/')) rel = path.slice(file.base.length + 1);
    else continue;
    for (const rule of file.rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.negate === ignored) {
        // only a rule that would change the verdict needs testing
        if (rule.regex.test(rel)) ignored = !rule.negate;
      }
    }
  }
  return ignored;
}
