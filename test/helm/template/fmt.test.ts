// Cases from Go's src/fmt/fmt_test.go (fmtTests, the reorder and width-from-argument tests) for the
// verbs templates reach through print, printf and println; Copyright 2009 The Go Authors, BSD
// licence (shared/src/helm/template/LICENSE-GO.md). Values are template values: bigint is int,
// number is float64.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sprint, sprintf, sprintln } from '../../../shared/src/helm/template/fmt';
import { goStruct } from '../../../shared/src/helm/template/values';

const map = (o: Record<string, unknown>): Record<string, unknown> => Object.assign(Object.create(null) as Record<string, unknown>, o);

const cases: [string, unknown[], string][] = [
  ['%d', [12345n], '12345'], ['%v', [12345n], '12345'], ['%t', [true], 'true'], ['%v', [false], 'false'], ['%s', ['abc'], 'abc'], ['%q', ['abc'], '"abc"'],
  ['%x', ['abc'], '616263'], ['% x', ['xyz'], '78 79 7a'], ['%#x', ['xyz'], '0x78797a'], ['%# x', ['xyz'], '0x78 0x79 0x7a'], ['%X', ['xyz'], '78797A'],
  ['%q', ['"'], '"\\""'], ['%#q', ['abc'], '`abc`'], ['%#q', ['`'], '"`"'], ['%+q', ['日本語'], '"\\u65e5\\u672c\\u8a9e"'], ['%q', ['\u263a'], '"☺"'],
  ['%q', ['\n'], '"\\n"'], ['%q', ['\x00'], '"\\x00"'], ['%5s', ['abc'], '  abc'], ['%-5s', ['abc'], 'abc  '], ['%05s', ['abc'], '00abc'],
  ['%.5s', ['abcdefghijklmnopqrstuvwxyz'], 'abcde'], ['%.0s', ['日本語日本語'], ''], ['%.3s', ['日本語日本語'], '日本語'], ['%.3q', ['日本語日本語'], '"日本語"'],
  ['%5.2s', ['abc'], '   ab'], ['%c', [120n], 'x'], ['%q', [120n], "'x'"], ['%U', [0x1234n], 'U+1234'], ['%#U', [0x2318n], "U+2318 '⌘'"],
  ['%d', [-12345n], '-12345'], ['%+d', [12345n], '+12345'], ['% d', [12345n], ' 12345'], ['%.3d', [7n], '007'], ['%6.2d', [7n], '    07'], ['%-6.2d', [7n], '07    '],
  ['%08d', [-12n], '-0000012'], ['%+08d', [12n], '+0000012'], ['%.0d', [0n], ''], ['%5.0d', [0n], '     '], ['%x', [255n], 'ff'], ['%X', [255n], 'FF'], ['%#x', [255n], '0xff'],
  ['%o', [8n], '10'], ['%#o', [8n], '010'], ['%O', [8n], '0o10'], ['%b', [5n], '101'], ['%#b', [5n], '0b101'], ['%x', [-255n], '-ff'],
  ['%e', [1.0], '1.000000e+00'], ['%f', [1.0], '1.000000'], ['%g', [1.0], '1'], ['%g', [100000.0], '100000'], ['%g', [1e6], '1e+06'], ['%v', [1e6], '1e+06'],
  ['%.3e', [1234.5678], '1.235e+03'], ['%.3f', [1234.5678], '1234.568'], ['%.3g', [1234.5678], '1.23e+03'], ['%8.3f', [-1.0], '  -1.000'], ['%08.3f', [-1.0], '-001.000'],
  ['%+.3e', [0.0], '+0.000e+00'], ['%v', [1e21], '1e+21'], ['%v', [0.0001], '0.0001'], ['%v', [0.00001], '1e-05'], ['%g', [0.0], '0'], ['%.2g', [1234.0], '1.2e+03'],
  ['%G', [1e-10], '1E-10'], ['%E', [1e10], '1.000000E+10'], ['%v', [123456789.0], '1.23456789e+08'], ['%v', [3.5], '3.5'], ['%v', [-0.5], '-0.5'], ['%f', [0.1], '0.100000'],
  ['%.1f', [0.25], '0.2'], ['%.2f', [2.675], '2.67'], ['%10.4f', [3.14159], '    3.1416'], ['%-10.2f|', [3.14159], '3.14      |'], ['% .2f', [1.5], ' 1.50'],
  ['%f', [NaN], 'NaN'], ['%+f', [NaN], '+NaN'], ['%v', [Infinity], '+Inf'], ['%f', [-Infinity], '-Inf'], ['%5.2f', [Infinity], ' +Inf'], ['%05f', [-Infinity], ' -Inf'],
  ['%d', ['hi'], '%!d(string=hi)'], ['%z', [5n], '%!z(int=5)'], ['%s', [5n], '%!s(int=5)'], ['%d', [1.5], '%!d(float64=1.5)'], ['%t', [1n], '%!t(int=1)'],
  ['%d', [], '%!d(MISSING)'], ['%d %d', [1n], '1 %!d(MISSING)'], ['hi', [1n], 'hi%!(EXTRA int=1)'], ['hi', [1n, 'x'], 'hi%!(EXTRA int=1, string=x)'], ['%', [], '%!(NOVERB)'],
  ['%[2]d %[1]d', [1n, 2n], '2 1'], ['%[5]d', [1n], '%!d(BADINDEX)'], ['%[2]*[1]d', [12n, 5n], '   12'], ['%*d', [4n, 5n], '   5'], ['%-*d', [4n, 5n], '5   '],
  ['%*d', [-4n, 5n], '5   '], ['%.*d', [3n, 5n], '005'], ['%*d', ['x', 5n], '%!(BADWIDTH)5'], ['%.*d', ['x', 5n], '%!(BADPREC)5'], ['%%', [], '%'], ['%5%', [], '%'],
  ['%d', [null], '%!d(<nil>)'], ['%v', [null], '<nil>'], ['%s', [null], '%!s(<nil>)'], ['%T', [1n], 'int'], ['%T', ['s'], 'string'], ['%T', [1.5], 'float64'],
  ['%T', [null], '<nil>'], ['%T', [[1n]], '[]interface {}'], ['%T', [map({})], 'map[string]interface {}'],
  ['%v', [[1n, 2n]], '[1 2]'], ['%d', [[1n, 2n]], '[1 2]'], ['%s', [[1n, 2n]], '[%!s(int=1) %!s(int=2)]'], ['%q', [['a', 'b']], '["a" "b"]'], ['%v', [[null, 'x']], '[<nil> x]'],
  ['%v', [map({ b: 2n, a: 1n })], 'map[a:1 b:2]'], ['%v', [map({ a: [1n], b: map({ c: 'd' }) })], 'map[a:[1] b:map[c:d]]'], ['%v', [[]], '[]'], ['%v', [map({})], 'map[]'],
  ['%x', [[1n, 255n]], '[1 ff]'], ['%s', [new TextEncoder().encode('hi')], 'hi'], ['%v', [new TextEncoder().encode('hi')], '[104 105]'], ['%x', [new TextEncoder().encode('hi')], '6869'],
  ['%v', [goStruct('T', { A: 1n, B: 'x' })], '{1 x}'], ['%+v', [goStruct('T', { A: 1n, B: 'x' })], '{A:1 B:x}'], ['%v', [goStruct('*T', { A: 1n }, { pointer: true })], '&{1}'],
  ['%s', [goStruct('V', {}, { stringer: () => 'str' })], 'str'], ['%v', [[goStruct('V', {}, { stringer: () => 'in' })]], '[in]'], ['%d', [goStruct('V', {}, { stringer: () => 's' })], '{}'],
];

describe('Sprintf (fmt_test.go)', () => {
  for (const [format, args, want] of cases) it(`${JSON.stringify(format)} → ${JSON.stringify(want)}`, () => assert.equal(sprintf(format, args), want));
});

describe('Sprint and Sprintln', () => {
  it('adds spaces between operands when neither is a string', () => {
    assert.equal(sprint([1n, 2n, 'a', 3n, null]), '1 2a3 <nil>');
    assert.equal(sprint(['a', 'b']), 'ab');
    assert.equal(sprint([1.5, true]), '1.5 true');
    assert.equal(sprintln(['a', 1n, 'b']), 'a 1 b\n');
    assert.equal(sprintln([]), '\n');
  });
});

describe('rounding of exact ties to even, as strconv does', () => {
  const ties: [string, number, string][] = [['%.1f', 0.25, '0.2'], ['%.1f', 0.35, '0.3'], ['%.0f', 2.5, '2'], ['%.0f', 3.5, '4'], ['%.2f', 0.125, '0.12'], ['%.2e', 1.125, '1.12e+00'], ['%.3g', 2.0625, '2.06'], ['%.1f', 0.75, '0.8']];
  for (const [format, v, want] of ties) it(`${format} ${v} → ${want}`, () => assert.equal(sprintf(format, [v]), want));
});

describe('float formatting properties', () => {
  it('%v gives the shortest text that reads back as the same float64 (strconv.FormatFloat(f, g, -1))', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const s = sprintf('%v', [x]);
      assert.equal(Number(s), x);
      // exponent form exactly when the decimal exponent is below -4 or at least 21 digits… of Go's rule: < -4 or >= 6
      const exp = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(Number(Math.abs(x).toExponential()))));
      if (x !== 0 && Number.isFinite(exp)) assert.equal(/e[+-]\d\d/.test(s), exp < -4 || exp >= 6, s);
    }), { numRuns: 3000, seed: 7 });
  });
  it('%.Ne agrees with JavaScript except that Go writes at least two exponent digits', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), fc.integer({ min: 0, max: 12 }), (x, p) => {
      // JavaScript drops the sign of -0, Go keeps it
      const js = (Object.is(x, -0) ? '-' : '') + x.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
      const go = sprintf(`%.${p}e`, [x]);
      // exact decimal ties round to even in Go and up in JavaScript: only then may they differ, by one unit in the last place
      if (go !== js) assert.equal(go.length, js.length, `${go} vs ${js}`);
    }), { numRuns: 3000, seed: 8 });
  });
});
