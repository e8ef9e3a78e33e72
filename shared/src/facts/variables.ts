/**
 * Variable references in values: Dockerfile environment replacement (`$X`, `${X}`, `${X:-d}`;
 * `\$` is a literal dollar) and Compose interpolation (the same forms; `$$` is a literal dollar).
 */

/** Which file kind's rules apply: Dockerfile, Compose, or either (`$$X` and `\$X` still count as references). */
export type VariableSyntax = 'dockerfile' | 'compose' | 'any';

/** The operator of a braced reference (`${X:-d}`): '' for `$X` and `${X}`. */
export type VariableOp = '' | ':-' | '-' | ':?' | '?' | ':+' | '+';

/** A piece of a value: literal text or a reference `${name<op>word}`. */
export type VariablePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ref'; readonly name: string; readonly op: VariableOp; readonly word: string }
  | { readonly kind: 'unreadable' };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const BRACED = /\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^{}$]*(?:\$[A-Za-z_][A-Za-z0-9_]*[^{}$]*)*))?\}/y;

/** Splits a value into literal text and variable references; a `${` this cannot read is an `unreadable` part. */
export function variableParts(text: string, syntax: VariableSyntax): VariablePart[] {
  const parts: VariablePart[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
  };
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (syntax === 'dockerfile' && c === '\\' && text[k + 1] === '$') {
      literal += '$';
      k++;
      continue;
    }
    if (c !== '$') {
      literal += c;
      continue;
    }
    if (syntax === 'compose' && text[k + 1] === '$') {
      literal += '$';
      k++;
      continue;
    }
    BRACED.lastIndex = k + 1;
    NAME.lastIndex = k + 1;
    const braced = text[k + 1] === '{' ? BRACED.exec(text) : null;
    const bare = braced ? null : NAME.exec(text);
    if (braced) {
      flush();
      parts.push({ kind: 'ref', name: braced[1]!, op: (braced[2] ?? '') as VariableOp, word: braced[3] ?? '' });
      k = BRACED.lastIndex - 1;
    } else if (bare) {
      flush();
      parts.push({ kind: 'ref', name: bare[0], op: '', word: '' });
      k = NAME.lastIndex - 1;
    } else if (text[k + 1] === '{') {
      flush();
      parts.push({ kind: 'unreadable' });
      const close = text.indexOf('}', k);
      k = close < 0 ? text.length : close;
    } else literal += c;
  }
  flush();
  return parts;
}

/** True when the text holds a variable reference, which only a build or deploy step resolves. */
export function hasVariable(text: string, syntax: VariableSyntax = 'any'): boolean {
  if (!text.includes('$')) return false;
  return variableParts(text, syntax).some((p) => p.kind !== 'text');
}

/**
 * The value with its references replaced as the build or deploy step would replace them, where the
 * file decides it: `lookup` gives a variable's value, or undefined when the file does not set it.
 * A default (`${X:-root}`, `${X-root}`) stands for an unset variable; a bare `$X` or `${X:?…}` of an
 * unset variable, a `${X:+…}` and an unreadable reference make the whole value undefined (unknown).
 */
export function expandVariables(text: string, syntax: VariableSyntax, lookup: (name: string) => string | undefined): string | undefined {
  if (!text.includes('$')) return text;
  let out = '';
  for (const part of variableParts(text, syntax)) {
    if (part.kind === 'unreadable') return undefined;
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = lookup(part.name);
    const unset = value === undefined || (value === '' && part.op.startsWith(':'));
    if (part.op === ':-' || part.op === '-') {
      const chosen = unset ? expandVariables(part.word, syntax, lookup) : value;
      if (chosen === undefined) return undefined;
      out += chosen;
    } else if (unset || part.op === ':+' || part.op === '+') return undefined;
    else out += value;
  }
  return out;
}

/** No variable is set by the file: `${X:-d}` gives its default, anything else is unknown. */
export const nothingSet = (): undefined => undefined;
