// Bad templates end with a TemplateError, never another exception, a hang or a stack overflow:
// random token soups through the parser and the executor, with Sprig's functions and Helm-like data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sprigFuncs } from '../../../shared/src/helm/sprig/index';
import { TemplateError, TemplateSet, goFunc, goStruct } from '../../../shared/src/helm/template/index';

const map = (o: Record<string, unknown>): Record<string, unknown> => Object.assign(Object.create(null) as Record<string, unknown>, o);
const data = map({
  Values: map({ a: map({ b: 1, c: 'x', l: [1, 'two', null, map({ k: true })] }), n: null, s: 'str', f: 1.5, i: 3, e: map({}), list: [] }),
  Release: goStruct('*release.Release', { Name: 'rel', Namespace: 'ns' }, { pointer: true }),
  Capabilities: goStruct('*chartutil.Capabilities', { APIVersions: goStruct('chartutil.VersionSet', { Has: goFunc(['string'], undefined, (v: string) => v === 'v1') }, { underlying: ['v1'] }) }),
});

const tokens = [
  '{{', '}}', '{{-', '-}}', ' ', '\n', '(', ')', '|', '.', '.Values', '.a', '.b', '.l', '.n', '.s', '.f', '$', '$x', ':=', '=', ',', '"str"', '`raw`', "'c'", '1', '-2',
  '3.5', '0x1F', '1e3', 'nil', 'true', 'if', 'else', 'end', 'range', 'with', 'define', '"t"', 'template', 'block', 'break', 'continue', '/*', '*/',
  'len', 'index', 'slice', 'printf', '"%d %s %v"', 'print', 'eq', 'lt', 'and', 'or', 'not', 'call', 'html', 'js', 'default', 'toJson', 'fromJson',
  'list', 'dict', 'first', 'merge', 'set', 'quote', 'upper', 'int', 'add', 'div', 'regexMatch', '"(["', 'semverCompare', 'b64dec', 'indent', 'trunc',
  'until', 'seq', 'repeat', 'dig', 'sortAlpha', 'uniq', 'tpl', 'include', '.Release', '.Name', '.Capabilities', '.APIVersions', '.Has', 'text', ':', 'ä',
];

const funcs = sprigFuncs();

function attempt(text: string): void {
  const set: TemplateSet = new TemplateSet({
    ...funcs,
    include: goFunc(['string', 'any'], undefined, (n: string, d: unknown) => set.execute(n, d)),
    tpl: goFunc(['string', 'any'], undefined, (t: string, d: unknown) => {
      const c = set.clone();
      c.parse('tpl', t);
      return c.execute('tpl', d);
    }),
  }, { missingKey: 'zero', maxSteps: 100_000, maxOutput: 1_000_000 });
  try {
    set.parse('t.yaml', text);
    set.execute('t.yaml', data);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    assert.match(e.message, /^template: /);
  }
}

describe('random templates', () => {
  it('end in output or a TemplateError', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 40 }), (parts) => attempt(parts.join(''))), { numRuns: 1500, seed: 20 });
  });
  it('end in output or a TemplateError for well-formed actions too', () => {
    const arg = fc.constantFrom('.Values.a', '.Values.a.l', '.Values.n', '.Values.s', '.Values.f', '.Values.i', '1', '"x"', 'nil', '.', '$', '(list 1 2)', '(dict "a" 1)', '.Release', '.Capabilities.APIVersions');
    const fn = fc.constantFrom('len', 'index', 'slice', 'printf "%v"', 'print', 'eq', 'lt', 'toJson', 'first', 'keys', 'quote', 'upper', 'int', 'add', 'div', 'default', 'empty', 'merge', 'dig "a"', 'b64enc', 'semverCompare', 'regexFind', 'join ","', 'kindOf', 'typeOf', 'include "t.yaml"', 'tpl');
    const action = fc.tuple(fn, fc.array(arg, { maxLength: 3 })).map(([f, a]) => `{{ ${f} ${a.join(' ')} }}`);
    fc.assert(fc.property(fc.array(action, { minLength: 1, maxLength: 6 }), (as) => attempt(as.join('\n'))), { numRuns: 1000, seed: 21 });
  });
  it('include and tpl that call themselves stop at the depth limit', () => {
    assert.throws(() => {
      const set: TemplateSet = new TemplateSet({ include: goFunc(['string', 'any'], undefined, (n: string, d: unknown) => set.execute(n, d)) });
      set.parse('t', '{{ include "t" . }}');
      set.execute('t', null);
    }, (e: unknown) => e instanceof TemplateError && /exceeded maximum template depth/.test(e.message));
  });
});
