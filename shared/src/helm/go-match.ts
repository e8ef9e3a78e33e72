// Glob matching as Helm uses it: Go's path.Match (for .helmignore and --show-only) and the
// gobwas/glob syntax of `.Files.Glob` (where `**` crosses folders and `{a,b}` chooses).

/** A pattern that Go's path.Match rejects. */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

const escapeRe = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Translates a bracket class starting at `i` (after `[`); returns the regex class and the index after `]`. */
function bracket(p: string, i: number, negators: string): [string, number] {
  let out = '[';
  let j = i;
  if (j < p.length && negators.includes(p[j]!)) {
    out += '^';
    j++;
  }
  let first = true;
  while (j < p.length && (p[j] !== ']' || first)) {
    let c = p[j]!;
    if (c === '\\') {
      j++;
      if (j >= p.length) throw new BadPatternError();
      c = p[j]!;
    }
    first = false;
    out += c === '^' || c === '\\' || c === ']' || c === '[' ? `\\${c}` : c;
    j++;
  }
  if (j >= p.length) throw new BadPatternError();
  return [`${out}]`, j + 1];
}

const cache = new Map<string, RegExp>();

/** Go's path.Match(pattern, name): `*` and `?` stop at '/', classes use `^` to negate; a bad pattern throws. */
export function pathMatch(pattern: string, name: string): boolean {
  const key = `p:${pattern}`;
  let re = cache.get(key);
  if (!re) {
    let src = '^';
    for (let i = 0; i < pattern.length; ) {
      const c = pattern[i]!;
      if (c === '*') {
        src += '[^/]*';
        i++;
      } else if (c === '?') {
        src += '[^/]';
        i++;
      } else if (c === '[') {
        const [cls, next] = bracket(pattern, i + 1, '^');
        src += `(?!/)${cls}`;
        i = next;
      } else if (c === '\\') {
        if (i + 1 >= pattern.length) throw new BadPatternError();
        src += escapeRe(pattern[i + 1]!);
        i += 2;
      } else {
        src += escapeRe(c);
        i++;
      }
    }
    re = new RegExp(`${src}$`, 'su');
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re.test(name);
}

/** gobwas/glob with '/' as separator, as `.Files.Glob` compiles its pattern. */
export function globMatch(pattern: string, name: string): boolean {
  const key = `g:${pattern}`;
  let re = cache.get(key);
  if (!re) {
    let src = '^';
    let depth = 0;
    for (let i = 0; i < pattern.length; ) {
      const c = pattern[i]!;
      if (c === '*') {
        if (pattern[i + 1] === '*') {
          src += '.*';
          i += 2;
        } else {
          src += '[^/]*';
          i++;
        }
      } else if (c === '?') {
        src += '[^/]';
        i++;
      } else if (c === '[') {
        const [cls, next] = bracket(pattern, i + 1, '!');
        src += cls;
        i = next;
      } else if (c === '{') {
        src += '(?:';
        depth++;
        i++;
      } else if (c === '}' && depth > 0) {
        src += ')';
        depth--;
        i++;
      } else if (c === ',' && depth > 0) {
        src += '|';
        i++;
      } else if (c === '\\') {
        if (i + 1 >= pattern.length) throw new BadPatternError();
        src += escapeRe(pattern[i + 1]!);
        i += 2;
      } else {
        src += escapeRe(c);
        i++;
      }
    }
    if (depth !== 0) throw new BadPatternError();
    re = new RegExp(`${src}$`, 'su');
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re.test(name);
}
