// Sprig's regular-expression functions (Masterminds/sprig v3 regex.go) over Go's regexp (RE2
// syntax). Patterns are translated to JavaScript (u flag): (?P<n>…) named groups, \A \z \Q…\E,
// POSIX classes, Go's ASCII \s, leading (?ims) flags, and literal braces and brackets that Go
// accepts. Syntax that RE2 rejects (look-around, back-references) fails with Go's message; syntax
// JavaScript cannot express here (inline flag groups, (?U)) fails with a clear message.
// Sprig: MIT licence, Copyright (C) 2013-2020 Masterminds; Go: BSD licence (LICENSE-GO.md).
import { fail } from '../template/exec';
import { type FuncMap, goFunc } from '../template/func';

class RegexError extends Error {}

const posixClasses: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

const jsSyntax = '^$\\.*+?()[]{}|/';

const cache = new Map<string, RegExp>();

/** \pL, \p{Greek}, \p{^Greek}: general categories as they are, scripts with JavaScript's Script= prefix. */
function unicodeClass(e: string, name: string): string {
  let negate = e === 'P';
  if (name.startsWith('^')) {
    negate = !negate;
    name = name.slice(1);
  }
  if (name === 'Any') return negate ? '[^\\s\\S]' : '[\\s\\S]';
  const property = /^[A-Z][a-z]?$/.test(name) ? name : `Script=${name}`;
  return `\\${negate ? 'P' : 'p'}{${property}}`;
}

/** Compiles a Go regexp; throws the error text Go's regexp.Compile would give (or a translation limit). */
export function compileGo(expr: string): RegExp {
  const hit = cache.get(expr);
  if (hit) return new RegExp(hit.source, hit.flags);
  const { source, flags } = translate(expr);
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (e) {
    throw new RegexError(`error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}: \`${expr}\``);
  }
  if (cache.size > 500) cache.clear();
  cache.set(expr, re);
  return new RegExp(re.source, re.flags);
}

function translate(expr: string): { source: string; flags: string } {
  let flags = 'gu';
  let i = 0;
  // leading flag groups (?i) (?s) (?m) (?is)…
  for (let m = /^\(\?([imsU]+)\)/.exec(expr.slice(i)); m; m = /^\(\?([imsU]+)\)/.exec(expr.slice(i))) {
    for (const f of m[1]!) {
      if (f === 'U') throw new RegexError(`ungreedy flag (?U) is not supported: \`${expr}\``);
      if (!flags.includes(f)) flags += f;
    }
    i += m[0].length;
  }
  const out: string[] = [];
  let inClass = false;
  let groupDepth = 0;
  const unsupported = (what: string): never => {
    throw new RegexError(`error parsing regexp: invalid or unsupported Perl syntax: \`${what}\``);
  };
  // in a class, a '-' right after a class such as \w is a literal in RE2 ([\w-.]); JavaScript's u mode rejects it unescaped
  let afterClassEscape = false;
  while (i < expr.length) {
    const c = expr[i]!;
    const wasClassEscape = afterClassEscape;
    afterClassEscape = false;
    if (c === '\\') {
      afterClassEscape = inClass && 'dDwWsSpP'.includes(expr[i + 1] ?? '');
      const e = expr[i + 1];
      if (e === undefined) throw new RegexError('error parsing regexp: trailing backslash at end of expression: ``');
      if (e === 'Q') {
        const end = expr.indexOf('\\E', i + 2);
        const lit = expr.slice(i + 2, end < 0 ? expr.length : end);
        out.push(Array.from(lit, (r) => (jsSyntax.includes(r) || r === '-' ? `\\${r}` : r)).join(''));
        i = end < 0 ? expr.length : end + 2;
        continue;
      }
      // \1-\7 followed by an octal digit is an octal code; alone it would be a back-reference, which RE2 lacks
      const octal = /^[1-7][0-7]{1,2}/.exec(expr.slice(i + 1));
      if (octal) {
        out.push(`\\x${parseInt(octal[0], 8).toString(16).padStart(2, '0')}`);
        i += 1 + octal[0].length;
        continue;
      }
      if (e >= '1' && e <= '9') throw new RegexError(`error parsing regexp: invalid escape sequence: \`\\${e}\``);
      if (e === 'A') out.push(flags.includes('m') ? '(?<![\\s\\S])' : '^');
      else if (e === 'z') out.push(flags.includes('m') ? '(?![\\s\\S])' : '$');
      else if (e === 's') out.push(inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]');
      else if (e === 'S') out.push(inClass ? '\\S' : '[^\\t\\n\\f\\r ]');
      else if (e === 'a') out.push('\\x07');
      else if (e === 'C') unsupported('\\C');
      else if (e === 'p' || e === 'P') {
        let name = expr[i + 2] ?? '';
        let next = i + 3;
        if (name === '{') {
          const end = expr.indexOf('}', i + 3);
          if (end < 0) throw new RegexError(`error parsing regexp: invalid character class range: \`${expr.slice(i)}\``);
          name = expr.slice(i + 3, end);
          next = end + 1;
        }
        out.push(unicodeClass(e, name));
        i = next;
        continue;
      } else if (e === 'x' && expr[i + 2] === '{') {
        const end = expr.indexOf('}', i + 3);
        out.push(`\\u{${expr.slice(i + 3, end)}}`);
        i = end + 1;
        continue;
      } else if (e === '0') {
        const m = /^0[0-7]{0,2}/.exec(expr.slice(i + 1))!;
        out.push(`\\x${parseInt(m[0], 8).toString(16).padStart(2, '0')}`);
        i += 1 + m[0].length;
        continue;
      } else if (/[A-Za-z]/.test(e)) {
        if (!'dDwWbBnrtfvx'.includes(e)) throw new RegexError(`error parsing regexp: invalid escape sequence: \`\\${e}\``);
        out.push(`\\${e}`);
      } else if (jsSyntax.includes(e) || (inClass && e === '-')) out.push(`\\${e}`);
      else out.push(e);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[' && expr[i + 1] === ':') {
        const end = expr.indexOf(':]', i + 2);
        const name = end < 0 ? '' : expr.slice(i + 2, end);
        const key = name.replace(/^\^/, '');
        const cls = Object.prototype.hasOwnProperty.call(posixClasses, key) ? posixClasses[key] : undefined;
        if (cls === undefined || name.startsWith('^')) throw new RegexError(`error parsing regexp: invalid character class range: \`${expr.slice(i, end + 2)}\``);
        out.push(cls);
        i = end + 2;
        afterClassEscape = true;
        continue;
      }
      if (c === '-' && wasClassEscape && expr[i + 1] !== ']') {
        out.push('\\-');
        i++;
        continue;
      }
      if (c === ']') inClass = false;
      out.push(c === '[' ? '\\[' : c);
      i++;
      continue;
    }
    switch (c) {
      case '[': {
        inClass = true;
        out.push('[');
        i++;
        if (expr[i] === '^') {
          out.push('^');
          i++;
        }
        // a ']' right after '[' or '[^' is a literal
        if (expr[i] === ']') {
          out.push('\\]');
          i++;
        }
        continue;
      }
      case '(':
        if (expr[i + 1] === '?') {
          const rest = expr.slice(i + 2);
          if (rest.startsWith('P<')) {
            out.push('(?<');
            i += 4;
          } else if (rest.startsWith('<') && !rest.startsWith('<=') && !rest.startsWith('<!')) {
            out.push('(?<');
            i += 3;
          } else if (rest.startsWith(':')) {
            out.push('(?:');
            i += 3;
          } else if (/^[=!]|^<[=!]/.test(rest)) unsupported(`(?${rest.slice(0, rest[0] === '<' ? 2 : 1)}`);
          else throw new RegexError(`inline flag groups are not supported: \`${expr}\``);
          groupDepth++;
          continue;
        }
        groupDepth++;
        out.push('(');
        i++;
        continue;
      case ')':
        if (groupDepth === 0) throw new RegexError(`error parsing regexp: unexpected ): \`${expr}\``);
        groupDepth--;
        out.push(')');
        i++;
        continue;
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(expr.slice(i));
        if (m && out.length > 0) {
          if (Number(m[1]) > 1000 || (m[3] !== undefined && m[3] !== '' && Number(m[3]) > 1000)) throw new RegexError(`error parsing regexp: invalid repeat count: \`${m[0]}\``);
          out.push(m[0]);
          i += m[0].length;
        } else {
          out.push('\\{');
          i++;
        }
        continue;
      }
      case '}': out.push('\\}'); i++; continue;
      case ']': out.push('\\]'); i++; continue;
      case '/': out.push('\\/'); i++; continue;
    }
    out.push(c);
    i++;
  }
  if (inClass) throw new RegexError(`error parsing regexp: missing closing ]: \`${expr}\``);
  if (groupDepth > 0) throw new RegexError(`error parsing regexp: missing closing ): \`${expr}\``);
  return { source: out.join(''), flags };
}

/** Longest input a pattern with nested repetition is run on. */
const NESTED_REPETITION_LIMIT = 10_000;

/**
 * True when a group with a repetition inside is itself repeated ((a+)+, (x|y*)*): Go's RE2 runs
 * these in linear time, JavaScript's backtracking engine can take exponential time.
 */
export function hasNestedRepetition(expr: string): boolean {
  const stack: boolean[] = [];
  let inner = false;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // skip a bracket expression
      i++;
      if (expr[i] === '^') i++;
      if (expr[i] === ']') i++;
      while (i < expr.length && expr[i] !== ']') i += expr[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') {
      stack.push(inner);
      inner = false;
    } else if (c === ')') {
      const groupHasRepeat: boolean = inner;
      inner = stack.pop() ?? false;
      const next = expr[i + 1];
      const repeated = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}|^\{\d+\}/.test(expr.slice(i + 1)));
      if (groupHasRepeat && repeated) return true;
      inner ||= groupHasRepeat || repeated;
    } else if (c === '*' || c === '+' || c === '{') inner = true;
  }
  return false;
}

/** Compiles a pattern for one input; a nested repetition over a long input is refused rather than risk a hang. */
function compileFor(expr: string, input: string): RegExp {
  const re = compileGo(expr);
  if (input.length > NESTED_REPETITION_LIMIT && hasNestedRepetition(expr)) {
    throw new RegexError(`regular expression with nested repetition not run on ${input.length} characters (over ${NESTED_REPETITION_LIMIT}): \`${expr}\``);
  }
  return re;
}

/** Regexp.FindAllStringSubmatchIndex semantics: non-overlapping, an empty match right after the previous one skipped. */
function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n === 0) return out;
  re.lastIndex = 0;
  let prevEnd = -1;
  while (n < 0 || out.length < n) {
    const m = re.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      if (m.index !== prevEnd) out.push(m);
      re.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
      if (m.index >= s.length) break;
    } else out.push(m);
    prevEnd = end;
  }
  return out;
}

/** Regexp.Expand of a template: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (all, _x: string, braced?: string, bare?: string) => {
    if (all === '$$') return '$';
    const name = braced ?? bare;
    if (name === undefined) return all;
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

function replaceAll(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  const out: string[] = [];
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out.push(s.slice(last, m.index), repl(m));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out.join('');
}

/** Regexp.Split. */
function split(re: RegExp, expr: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (expr.length > 0 && s.length === 0) return [''];
  const parts: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAll(re, s, n)) {
    if (n > 0 && parts.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) parts.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) parts.push(s.slice(beg));
  return parts;
}

/** Go's regexp.QuoteMeta. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * Runs a regex function: a bad pattern gives `onError` (regexMatch: false), or fails as Go's
 * MustCompile panics (plain forms) or as regexp.Compile's error (must- forms).
 */
function wrap<T>(f: () => T, onError: T | undefined, expr: string, mustForm: boolean): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof RegexError)) throw e;
    if (onError !== undefined) return onError;
    if (mustForm) fail(e.message);
    const quoted = /^[^`\x00-\x08\x0a-\x1f\x7f]*$/.test(expr) ? `\`${expr}\`` : JSON.stringify(expr);
    fail(`regexp: Compile(${quoted}): ${e.message}`);
  }
}

const S = 'string' as const;
const I = 'int' as const;

/** Sprig's regex functions: the plain forms fail on a bad pattern (as Go's MustCompile panics), regexMatch gives false. */
export function regexFuncs(): FuncMap {
  const match = (r: string, s: string): boolean => {
    const re = compileFor(r, s);
    re.lastIndex = 0;
    return re.test(s);
  };
  const findAllFn = (r: string, s: string, n: bigint): string[] => findAll(compileFor(r, s), s, Number(n)).map((m) => m[0]);
  const find = (r: string, s: string): string => findAll(compileFor(r, s), s, 1)[0]?.[0] ?? '';
  const replaceFn = (r: string, s: string, repl: string): string => replaceAll(compileFor(r, s), s, (m) => expand(repl, m));
  const replaceLiteral = (r: string, s: string, repl: string): string => replaceAll(compileFor(r, s), s, () => repl);
  const splitFn = (r: string, s: string, n: bigint): string[] => split(compileFor(r, s), r, s, Number(n));
  return {
    regexMatch: goFunc([S, S], undefined, (r: string, s: string) => wrap(() => match(r, s), false, r, false)),
    mustRegexMatch: goFunc([S, S], undefined, (r: string, s: string) => wrap(() => match(r, s), undefined, r, true)),
    regexFindAll: goFunc([S, S, I], undefined, (r: string, s: string, n: bigint) => wrap(() => findAllFn(r, s, n), undefined, r, false)),
    mustRegexFindAll: goFunc([S, S, I], undefined, (r: string, s: string, n: bigint) => wrap(() => findAllFn(r, s, n), undefined, r, true)),
    regexFind: goFunc([S, S], undefined, (r: string, s: string) => wrap(() => find(r, s), undefined, r, false)),
    mustRegexFind: goFunc([S, S], undefined, (r: string, s: string) => wrap(() => find(r, s), undefined, r, true)),
    regexReplaceAll: goFunc([S, S, S], undefined, (r: string, s: string, x: string) => wrap(() => replaceFn(r, s, x), undefined, r, false)),
    mustRegexReplaceAll: goFunc([S, S, S], undefined, (r: string, s: string, x: string) => wrap(() => replaceFn(r, s, x), undefined, r, true)),
    regexReplaceAllLiteral: goFunc([S, S, S], undefined, (r: string, s: string, x: string) => wrap(() => replaceLiteral(r, s, x), undefined, r, false)),
    mustRegexReplaceAllLiteral: goFunc([S, S, S], undefined, (r: string, s: string, x: string) => wrap(() => replaceLiteral(r, s, x), undefined, r, true)),
    regexSplit: goFunc([S, S, I], undefined, (r: string, s: string, n: bigint) => wrap(() => splitFn(r, s, n), undefined, r, false)),
    mustRegexSplit: goFunc([S, S, I], undefined, (r: string, s: string, n: bigint) => wrap(() => splitFn(r, s, n), undefined, r, true)),
    regexQuoteMeta: goFunc([S], undefined, quoteMeta),
  };
}
