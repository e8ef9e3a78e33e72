// Cases ported from Go's src/text/template/exec_test.go (execTests, TestMissingMapKey,
// TestExecuteGivesExecError, the comparison tests) with the test data rebuilt as template values;
// Copyright 2011 The Go Authors, BSD licence (shared/src/helm/template/LICENSE-GO.md). Channel,
// complex-number and pointer-receiver cases are left out: template values have no such kinds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FuncError, TemplateError, TemplateSet, combineFuncs, goFunc, goStruct, isLimitError, signatureOf, type FuncMap, type TemplateOptions } from '../../../shared/src/helm/template/index';

const map = (o: Record<string, unknown>): Record<string, unknown> => Object.assign(Object.create(null) as Record<string, unknown>, o);
const uVal = goStruct('*template.U', { V: 'v', TrueFalse: goFunc(['bool'], undefined, (b: boolean) => (b ? 'true' : '')) }, { pointer: true });
const tVal = goStruct('template.T', {
  True: true, I: 17n, U16: 16n, X: 'x', S: 'xyz', U: uVal, FloatZero: 0, SI: [3n, 4n, 5n], SIEmpty: [], SB: [true, false],
  MSI: map({ one: 1n, two: 2n, three: 3n }), MSIone: map({ one: 1n }), MSIEmpty: map({}), MXI: map({}),
  SMSI: [map({ one: 1n, two: 2n }), map({ eleven: 11n, twelve: 12n })], Empty0: null, Empty3: [7n, 8n], Empty4: uVal,
  PSI: [21n, 22n, 23n], PS: 'a string', Str: goStruct('*bytes.Buffer', {}, { pointer: true, stringer: () => 'foozle' }),
  Method0: goFunc([], undefined, () => 'M0'),
  Method1: goFunc(['int'], undefined, (a: bigint) => a),
  Method2: goFunc(['int', 'string'], undefined, (a: bigint, b: string) => `Method2: ${a} ${b}`),
  MAdd: goFunc(['int', 'list'], undefined, (a: bigint, b: unknown[]) => b.map((x) => (x as bigint) + a)),
  GetU: goFunc([], undefined, () => uVal),
  MyError: goFunc(['bool'], undefined, (e: boolean) => {
    if (e) throw new FuncError('my error');
    return false;
  }),
});
// function values in a map are values, not methods: call invokes them
const fns = map({
  BinaryFunc: goFunc(['string', 'string'], undefined, (a: string, b: string) => `[${a}=${b}]`),
  VariadicFunc: goFunc([], 'string', (...s: string[]) => `<${s.join('+')}>`),
});

const funcs: FuncMap = {
  add: goFunc(['int', 'int'], undefined, (a: bigint, b: bigint) => a + b),
  count: goFunc(['int'], undefined, (n: bigint) => Array.from({ length: Number(n) }, (_, i) => 'abcdefghijklmnop'[i])),
  echo: goFunc(['any'], undefined, (a: unknown) => a),
  makemap: goFunc([], 'string', (...a: string[]) => {
    const m = map({});
    for (let i = 0; i + 1 < a.length; i += 2) m[a[i]!] = a[i + 1];
    return m;
  }),
  mapOfThree: goFunc([], undefined, () => map({ three: 3n })),
  oneArg: goFunc(['string'], undefined, (a: string) => `oneArg=${a}`),
  twoArgs: goFunc(['string', 'string'], undefined, (a: string, b: string) => `twoArgs=${a}${b}`),
  dddArg: goFunc(['int'], 'string', (a: bigint, ...b: string[]) => `${a} [${b.join(' ')}]\n`),
  zeroArgs: goFunc([], undefined, () => 'zeroArgs'),
  returnInt: goFunc([], undefined, () => 7n),
  valueString: goFunc(['string'], undefined, () => 'value is ignored'),
  stringer: goFunc(['any'], undefined, (s: unknown) => String((s as { options: { stringer: () => string } }).options.stringer())),
};

function run(text: string, data: unknown, options: TemplateOptions = {}): string {
  const set = new TemplateSet(funcs, options);
  set.parse('test', text);
  return set.execute('test', data);
}

/** [name, template, expected output (undefined: must fail), data]. */
type Case = [string, string, string | undefined, unknown?];

const cases: Case[] = [
  // fields and variables
  ['dot int', '<{{.}}>', '<17>', 17n], ['dot string', '<{{.}}>', '<hello>', 'hello'], ['dot map', '<{{.}}>', '<map[one:1 three:3 two:2]>', tVal.fields['MSI']],
  ['.X', '-{{.X}}-', '-x-'], ['.U.V', '-{{.U.V}}-', '-v-'], ['.unexported', '{{.unexported}}', undefined], ['map .one', '{{.MSI.one}}', '1'],
  ['map .two', '{{.MSI.two}}', '2'], ['map .NO', '{{.MSI.NO}}', '<no value>'], ['map .one interface', '{{.MXI.one}}', '<no value>'],
  ['map .WRONG args', '{{.MSI.one 1}}', undefined], ['map .WRONG type', '{{.MII.one}}', undefined],
  ['dot in template', '{{with .U}}{{.V}}{{end}}', 'v'], ['$ int', '{{$}}', '123', 123n], ['$.I', '{{$.I}}', '17'], ['$.U.V', '{{$.U.V}}', 'v'],
  ['declare in action', '{{$x := $.U.V}}{{$x}}', 'v'], ['simple assignment', '{{$x := 2}}{{$x = 3}}{{$x}}', '3'],
  ['nested assignment', '{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}', '3'],
  ['nested assignment changes the last declaration', '{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}', '1'],
  ['V{6666}.String()', '-{{.Str}}-', '-foozle-'],
  // methods
  ['.Method0', '-{{.Method0}}-', '-M0-'], ['.Method1(1234)', '-{{.Method1 1234}}-', '-1234-'], ['.Method1(.I)', '-{{.Method1 .I}}-', '-17-'],
  ['.Method2(3, .X)', '-{{.Method2 3 .X}}-', '-Method2: 3 x-'], ['.Method2(.U16, `str`)', '-{{.Method2 .U16 `str`}}-', '-Method2: 16 str-'],
  ['.Method2(.U16, $x)', '{{if $x := .X}}-{{.Method2 .U16 $x}}{{end}}-', '-Method2: 16 x-'],
  ['method on var', '{{if $x := .}}-{{$x.Method2 .U16 $x.X}}{{end}}-', '-Method2: 16 x-'],
  ['method on chained var', '{{range .MSIone}}{{if $.U.TrueFalse $.True}}{{$.U.TrueFalse $.True}}{{else}}WRONG{{end}}{{end}}', 'true'],
  ['chained method', '{{range .MSIone}}{{if $.GetU.TrueFalse $.True}}{{$.U.TrueFalse $.True}}{{else}}WRONG{{end}}{{end}}', 'true'],
  ['chained method on variable', '{{with $x := .}}{{with .SI}}{{$.GetU.TrueFalse $.True}}{{end}}{{end}}', 'true'],
  // call
  ['.BinaryFunc', '{{call .BinaryFunc `1` `2`}}', '[1=2]', fns], ['.VariadicFunc0', '{{call .VariadicFunc}}', '<>', fns],
  ['.VariadicFunc2', '{{call .VariadicFunc `he` `llo`}}', '<he+llo>', fns], ['call nil', '{{call nil}}', undefined],
  ['if .BinaryFunc call', '{{ if .BinaryFunc}}{{call .BinaryFunc `1` `2`}}{{end}}', '[1=2]', fns],
  ['call of a non-function', '{{call .X}}', undefined],
  // pipelines and parentheses
  ['pipeline', '-{{.Method0 | .Method2 .U16}}-', '-Method2: 16 M0-'],
  ['parens in pipeline', '{{printf `%d %d %d` (1) (2 | add 3) (add 4 (add 5 6))}}', '1 5 15'],
  ['parens: $ in paren', '{{($).X}}', 'x'], ['parens: $.GetU in paren', '{{($.GetU).V}}', 'v'], ['parens: $ in paren in pipe', '{{($ | echo).X}}', 'x'],
  ['parens: spaces and args', '{{(makemap "up" "down" "left" "right").left}}', 'right'],
  // if
  ['if true', '{{if true}}TRUE{{end}}', 'TRUE'], ['if false', '{{if false}}TRUE{{else}}FALSE{{end}}', 'FALSE'], ['if nil', '{{if nil}}TRUE{{end}}', undefined],
  ['if 1', '{{if 1}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO'], ['if 0', '{{if 0}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'],
  ['if 1.5', '{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO'], ['if 0.0', '{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'],
  ['if emptystring', '{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'], ['if string', '{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
  ['if emptyslice', '{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'], ['if slice', '{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
  ['if emptymap', '{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'], ['if map', '{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
  ['if map unset', '{{if .MXI.none}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'], ['if map not unset', '{{if not .MXI.none}}ZERO{{else}}NON-ZERO{{end}}', 'ZERO'],
  ['if $x with $y int', '{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}', 'true,17'],
  ['if $x with $x int', '{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}', '17,true'],
  ['if else if', '{{if false}}FALSE{{else if true}}TRUE{{end}}', 'TRUE'], ['if else chain', '{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}', '3'],
  // print
  ['print', '{{print "hello, print"}}', 'hello, print'], ['print 123', '{{print 1 2 3}}', '1 2 3'], ['print nil', '{{print nil}}', '<nil>'],
  ['println', '{{println 1 2 3}}', '1 2 3\n'], ['printf int', '{{printf "%04x" 127}}', '007f'], ['printf float', '{{printf "%g" 3.5}}', '3.5'],
  ['printf string', '{{printf "%s" "hello"}}', 'hello'], ['printf function', '{{printf "%#q" zeroArgs}}', '`zeroArgs`'],
  ['printf field', '{{printf "%s" .U.V}}', 'v'], ['printf method', '{{printf "%s" .Method0}}', 'M0'], ['printf dot', '{{with .I}}{{printf "%d" .}}{{end}}', '17'],
  ['printf var', '{{with $x := .I}}{{printf "%d" $x}}{{end}}', '17'],
  // html, js, urlquery
  ['html', '{{html "<script>alert(\\"XSS\\");</script>"}}', '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;'],
  ['html pipeline', '{{printf "<script>alert(\\"XSS\\");</script>" | html}}', '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;'],
  ['html field', '{{html .PS}}', 'a string'], ['js', '{{js .}}', "It\\'d be nice.", "It'd be nice."],
  ['urlquery', '{{"http://www.example.org/"|urlquery}}', 'http%3A%2F%2Fwww.example.org%2F'],
  // booleans
  ['not', '{{not true}} {{not false}}', 'false true'], ['and', '{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}', 'false 0 0 1'],
  ['or', '{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}', '0 1 true 1'], ['boolean if', '{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}', 'TRUE'],
  ['boolean if not', '{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}', 'FALSE'],
  ['and short-circuits', '{{and false (index .SI 10)}}', 'false'], ['or short-circuits', '{{or true (index .SI 10)}}', 'true'],
  // index, slice, len
  ['slice[0]', '{{index .SI 0}}', '3'], ['slice[1]', '{{index .SI 1}}', '4'], ['slice[HUGE]', '{{index .SI 10}}', undefined],
  ['slice[WRONG]', '{{index .SI `hello`}}', undefined], ['slice[nil]', '{{index .SI nil}}', undefined], ['map[one]', '{{index .MSI `one`}}', '1'],
  ['map[two]', '{{index .MSI `two`}}', '2'], ['map[NO]', '{{index .MSI `XXX`}}', '<no value>'], ['map[nil]', '{{index .MSI nil}}', undefined],
  ['map[WRONG]', '{{index .MSI 10}}', undefined], ['double index', '{{index .SMSI 1 `eleven`}}', '11'], ['nil[1]', '{{index nil 1}}', undefined],
  ['string index', '{{index "hello" 1}}', '101'], ['slice[1:2]', '{{slice .SI 1 2}}', '[4]'], ['slice[:]', '{{slice .SI}}', '[3 4 5]'],
  ['slice string', '{{slice "hello" 1 3}}', 'el'], ['slice[2:1]', '{{slice .SI 2 1}}', undefined], ['3-index string', '{{slice "hello" 1 2 3}}', undefined],
  ['len slice', '{{len .SI}}', '3'], ['len map', '{{len .MSI }}', '3'], ['len of int', '{{len 3}}', undefined], ['len of nothing', '{{len .Empty0}}', undefined],
  ['len of string counts bytes', '{{len "ä"}}', '2'],
  // with
  ['with true', '{{with true}}{{.}}{{end}}', 'true'], ['with false', '{{with false}}{{.}}{{else}}FALSE{{end}}', 'FALSE'],
  ['with 1', '{{with 1}}{{.}}{{else}}ZERO{{end}}', '1'], ['with 0', '{{with 0}}{{.}}{{else}}ZERO{{end}}', 'ZERO'], ['with 1.5', '{{with 1.5}}{{.}}{{else}}ZERO{{end}}', '1.5'],
  ['with emptystring', '{{with ``}}{{.}}{{else}}EMPTY{{end}}', 'EMPTY'], ['with string', '{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}', 'notempty'],
  ['with slice', '{{with .SI}}{{.}}{{else}}EMPTY{{end}}', '[3 4 5]'], ['with map', '{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}', 'map[one:1]'],
  ['with struct field', '{{with .Empty4}}{{.V}}{{end}}', 'v'], ['with $x int', '{{with $x := .I}}{{$x}}{{end}}', '17'],
  ['with $x struct.U.V', '{{with $x := $}}{{$x.U.V}}{{end}}', 'v'], ['with variable and action', '{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}', 'v'],
  ['else with', '{{with 0}}{{.}}{{else with .X}}{{.}}{{end}}', 'x'], ['else with chain', '{{with 0}}a{{else with ""}}b{{else with 3}}{{.}}{{end}}', '3'],
  // range
  ['range []int', '{{range .SI}}-{{.}}-{{end}}', '-3--4--5-'], ['range empty no else', '{{range .SIEmpty}}-{{.}}-{{end}}', ''],
  ['range []int else', '{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}', '-3--4--5-'], ['range empty else', '{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}', 'EMPTY'],
  ['range []bool', '{{range .SB}}-{{.}}-{{end}}', '-true--false-'], ['range []int method', '{{range .SI | .MAdd .I}}-{{.}}-{{end}}', '-20--21--22-'],
  ['range map', '{{range .MSI}}-{{.}}-{{end}}', '-1--3--2-'], ['range empty map no else', '{{range .MSIEmpty}}-{{.}}-{{end}}', ''],
  ['range map else', '{{range .MSI}}-{{.}}-{{else}}EMPTY{{end}}', '-1--3--2-'], ['range empty map else', '{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}', 'EMPTY'],
  ['range empty interface', '{{range .Empty3}}-{{.}}-{{else}}EMPTY{{end}}', '-7--8-'], ['range empty nil', '{{range .Empty0}}-{{.}}-{{end}}', ''],
  ['range $x SI', '{{range $x := .SI}}<{{$x}}>{{end}}', '<3><4><5>'], ['range $x $y SI', '{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}', '<0=3><1=4><2=5>'],
  ['range $x MSIone', '{{range $x := .MSIone}}<{{$x}}>{{end}}', '<1>'], ['range $x $y MSIone', '{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}', '<one=1>'],
  ['range $x PSI', '{{range $x := .PSI}}<{{$x}}>{{end}}', '<21><22><23>'], ['declare in range', '{{range $x := .PSI}}<{{$foo:=$x}}{{$x}}>{{end}}', '<21><22><23>'],
  ['range count', '{{range $i, $x := count 5}}[{{$i}}]{{$x}}{{end}}', '[0]a[1]b[2]c[3]d[4]e'], ['range nil count', '{{range $i, $x := count 0}}{{else}}empty{{end}}', 'empty'],
  ['range int', '{{range 5}}{{.}}{{end}}', '01234'], ['range $i := int', '{{range $i := 3}}{{$i}}{{end}}', '012'], ['range 0 else', '{{range 0}}x{{else}}none{{end}}', 'none'],
  ['range int two vars', '{{range $i, $e := 3}}{{end}}', undefined], ['range string', '{{range "abc"}}{{.}}{{end}}', undefined], ['range float', '{{range 1.5}}{{end}}', undefined],
  ['range break', '{{range .SI}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}', '3'], ['range continue', '{{range .SI}}{{if eq . 4}}{{continue}}{{end}}{{.}}{{end}}', '35'],
  ['range assign', '{{$i := 0}}{{$e := 0}}{{range $i, $e = .SI}}{{end}}{{$i}} {{$e}}', '2 5'],
  // cute examples, errors, fixed bugs
  ['or as if true', '{{or .SI "slice is empty"}}', '[3 4 5]'], ['or as if false', '{{or .SIEmpty "slice is empty"}}', 'slice is empty'],
  ['error method, error', '{{.MyError true}}', undefined], ['error method, no error', '{{.MyError false}}', 'false'],
  ['bug0', '{{range .MSIone}}{{if $.Method1 .}}X{{end}}{{end}}', 'X'], ['bug3', '{{with $}}{{.Method0}}{{end}}', 'M0'],
  ['bug4', '{{if .Empty0}}non-nil{{else}}nil{{end}}', 'nil'], ['bug5', '{{.Str}}', 'foozle'], ['bug7a', '{{3 2}}', undefined],
  ['bug7b', '{{$x := 1}}{{$x 2}}', undefined], ['bug7c', '{{$x := 1}}{{3 | $x}}', undefined], ['bug8a', '{{3|oneArg}}', undefined],
  ['bug8b', '{{4|dddArg 3}}', undefined], ['bug9', '{{.cause}}', 'neglect', map({ cause: 'neglect' })], ['bug10', '{{mapOfThree.three}}-{{(mapOfThree).three}}', '3-3'],
  ['hex float', '{{ 0x1p-2 }} {{printf `%T` 0x1p4}}', '0.25 float64'], ['hex int with e', '{{ 0x1e }}', '30'], ['float literal', '{{printf `%T %v` 1e3 1e3}}', 'float64 1000'],
  ['bug12xe', '{{printf `%T` 0xef}}', 'int'], ['bug12XE', '{{printf `%T` 0XEE}}', 'int'], ['bug14a', '{{(nil).True}}', undefined],
  ['bug14b', '{{$x := nil}}{{$x.anything}}', undefined], ['bug14c', '{{$x := (1.0)}}{{$y := ("hello")}}{{$x.anything}}{{$y.true}}', undefined],
  ['bug15', '{{valueString returnInt}}', undefined], ['bug16a', '{{true|printf}}', undefined], ['bug16b', '{{1|printf}}', undefined],
  ['bug16c', '{{1.1|printf}}', undefined], ['bug16d', "{{'x'|printf}}", undefined], ['bug16f', '{{true|twoArgs "xxx"}}', undefined],
  ['bug16g', '{{"aaa" |twoArgs "bbb"}}', 'twoArgs=bbbaaa'], ['bug16h', '{{1|oneArg}}', undefined], ['bug16i', '{{"aaa"|oneArg}}', 'oneArg=aaa'],
  ['bug16k', '{{"aaa"|printf }}', 'aaa'],
  // comparisons (exec_test.go cmpTests)
  ['eq true true', '{{eq true true}}', 'true'], ['eq true false', '{{eq true false}}', 'false'], ['eq 1.5 1.5', '{{eq 1.5 1.5}}', 'true'],
  ['eq 1 1', '{{eq 1 1}}', 'true'], ['eq 1 2', '{{eq 1 2}}', 'false'], ['eq `xy` `xy`', '{{eq `xy` `xy`}}', 'true'], ['eq `xy` `xyz`', '{{eq `xy` `xyz`}}', 'false'],
  ['eq .Uthree .Ufour', '{{eq .U16 .I}}', 'false'], ['eq multiple', '{{eq 3 4 5 6 3}}', 'true'], ['eq multiple none', '{{eq 3 4 5 6 7}}', 'false'],
  ['ne true true', '{{ne true true}}', 'false'], ['ne 1 2', '{{ne 1 2}}', 'true'], ['lt 1.5 1.5', '{{lt 1.5 1.5}}', 'false'], ['lt 1.5 2.5', '{{lt 1.5 2.5}}', 'true'],
  ['lt 1 2', '{{lt 1 2}}', 'true'], ['lt `xy` `xyz`', '{{lt `xy` `xyz`}}', 'true'], ['le 1 1', '{{le 1 1}}', 'true'], ['le 2 1', '{{le 2 1}}', 'false'],
  ['gt 2 1', '{{gt 2 1}}', 'true'], ['ge 1 1', '{{ge 1 1}}', 'true'], ['ge 1 2', '{{ge 1 2}}', 'false'],
  ['eq int float', '{{eq 1 1.0}}', undefined], ['lt bool', '{{lt true true}}', undefined], ['lt int float', '{{lt 1 1.5}}', undefined],
  ['eq missing', '{{eq .MXI.none "x"}}', 'false'], ['eq slice', '{{eq .SI .SI}}', undefined], ['eq nil nil map', '{{eq .Empty0 .MXI.none}}', 'true'],
  ['eq no args', '{{eq 1}}', undefined], ['lt missing', '{{lt .MXI.none 1}}', undefined],
];

describe('execution (exec_test.go execTests)', () => {
  for (const [name, text, want, data] of cases) {
    it(name, () => {
      if (want === undefined) assert.throws(() => run(text, data ?? tVal), (e: unknown) => e instanceof TemplateError);
      else assert.equal(run(text, data ?? tVal), want);
    });
  }
});

describe('missing keys (exec_test.go TestMissingMapKey) and Helm values', () => {
  const data = map({ x: 99n, values: map({ a: map({ b: 1 }), n: null, s: 'str' }) });
  it('default prints "<no value>", zero gives nil, error fails', () => {
    assert.equal(run('{{.x}} {{.y}}', data), '99 <no value>');
    assert.equal(run('{{.x}} {{.y}}', data, { missingKey: 'zero' }), '99 <no value>');
    assert.throws(() => run('{{.x}} {{.y}}', data, { missingKey: 'error' }), { message: 'template: test:1:9: executing "test" at <.y>: map has no entry for key "y"' });
  });
  it('a field of a missing key is no value by default and a nil pointer with missingkey=zero, as Helm reports it', () => {
    assert.equal(run('{{ .values.x.y }}', data), '<no value>');
    assert.throws(() => run('a\nb: {{ .values.x.y }}', data, { missingKey: 'zero' }), {
      message: 'template: test:2:13: executing "test" at <.values.x.y>: nil pointer evaluating interface {}.y',
    });
    assert.throws(() => run('{{ .values.n.y }}', data), { message: 'template: test:1:10: executing "test" at <.values.n.y>: nil pointer evaluating interface {}.y' });
  });
  it('a field of a map element names interface {} as its type, of a variable its own type', () => {
    assert.throws(() => run('{{ .values.s.y }}', data), { message: 'template: test:1:10: executing "test" at <.values.s.y>: can\'t evaluate field y in type interface {}' });
    assert.throws(() => run('{{ $s := .values.s }}{{ $s.y }}', data), /can't evaluate field y in type string/);
    assert.throws(() => run('{{ range .l }}{{ .y }}{{ end }}', map({ l: ['a'] })), /can't evaluate field y in type interface \{\}/);
    assert.throws(() => run('{{ with .values.s }}{{ .y }}{{ end }}', data), /can't evaluate field y in type string/);
  });
  it('nil data with missingkey=error', () => {
    assert.throws(() => run('{{ .x }}', undefined, { missingKey: 'error' }), /nil data; no entry for key "x"/);
  });
  it('a struct reports a missing field; a function field is a method called with the arguments', () => {
    const release = goStruct('*release.Release', { Name: 'rel', Has: goFunc(['string'], undefined, (s: string) => s === 'v1') }, { pointer: true });
    assert.equal(run('{{ .R.Name }} {{ .R.Has "v1" }} {{ .R.Has "v2" }}', map({ R: release })), 'rel true false');
    // a struct held in a map is an interface{} to Go's error message; as dot it has its own type
    assert.throws(() => run('{{ .R.Nope }}', map({ R: release })), { message: 'template: test:1:5: executing "test" at <.R.Nope>: can\'t evaluate field Nope in type interface {}' });
    assert.throws(() => run('{{ .Nope }}', release), { message: 'template: test:1:3: executing "test" at <.Nope>: can\'t evaluate field Nope in type *release.Release' });
    assert.throws(() => run('{{ .R.Name "x" }}', map({ R: release })), /Name has arguments but cannot be invoked as function/);
    assert.throws(() => run('{{ .R.Has }}', map({ R: release })), /wrong number of args for Has: want 1 got 0/);
  });
  it('function errors are wrapped with the command as context', () => {
    const set = new TemplateSet({ fail: goFunc(['string'], undefined, (m: string) => { throw new FuncError(m); }) });
    set.parse('x.yaml', 'a: 1\nb: {{ fail "boom" }}');
    assert.throws(() => set.execute('x.yaml', null), (e: unknown) => e instanceof TemplateError
      && e.message === 'template: x.yaml:2:6: executing "x.yaml" at <fail "boom">: error calling fail: boom' && e.line === 2 && e.column === 6 && e.templateName === 'x.yaml');
  });
  it('typed parameters reject wrong values as Go does', () => {
    const set = new TemplateSet({ upper: goFunc(['string'], undefined, (s: string) => s.toUpperCase()), rep: goFunc(['int', 'string'], undefined, (n: bigint, s: string) => s.repeat(Number(n))) });
    set.parse('t', '{{ .missing | upper }}|{{ upper .n }}|{{ rep .f "x" }}|{{ upper 5 }}');
    const msg = (text: string): string => {
      const s = new TemplateSet({ upper: goFunc(['string'], undefined, (x: string) => x), rep: goFunc(['int', 'string'], undefined, () => '') }, { missingKey: 'zero' });
      s.parse('t', text);
      try {
        s.execute('t', map({ n: null, f: 3 }));
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    assert.equal(msg('{{ .missing | upper }}'), 'template: t:1:14: executing "t" at <upper>: invalid value; expected string');
    assert.equal(msg('{{ upper .n }}'), 'template: t:1:9: executing "t" at <.n>: wrong type for value; expected string; got interface {}');
    assert.equal(msg('{{ rep .f "x" }}'), 'template: t:1:7: executing "t" at <.f>: wrong type for value; expected int; got float64');
    assert.equal(msg('{{ upper 5 }}'), 'template: t:1:9: executing "t" at <5>: expected string; found 5');
  });
});

describe('template sets', () => {
  it('defines are shared across files; a later definition replaces an earlier one, an empty one does not', () => {
    const set = new TemplateSet();
    set.parse('a.tpl', '{{ define "x" }}one{{ end }}{{ define "y" }}Y{{ end }}');
    set.parse('b.yaml', '{{ template "x" }}-{{ template "y" }}');
    assert.equal(set.execute('b.yaml', null), 'one-Y');
    set.parse('c.tpl', '{{ define "x" }}two{{ end }}{{ define "y" }}  {{ end }}');
    assert.equal(set.execute('b.yaml', null), 'two-Y');
    assert.deepEqual(set.names(), ['a.tpl', 'b.yaml', 'c.tpl', 'x', 'y']);
    assert.ok(set.has('x') && !set.has('z'));
  });
  it('a clone takes new definitions without changing the original', () => {
    const set = new TemplateSet();
    set.parse('a', '{{ define "x" }}one{{ end }}');
    const copy = set.clone();
    copy.parse('b', '{{ define "x" }}two{{ end }}{{ template "x" }}');
    assert.equal(copy.execute('b', null), 'two');
    set.parse('c', '{{ template "x" }}');
    assert.equal(set.execute('c', null), 'one');
    assert.ok(!set.has('b'));
  });
  it('clones stand apart: later parses and functions of either side stay on that side, also for clones of clones', () => {
    const set = new TemplateSet({ f: goFunc([], undefined, () => 'f1') });
    set.parse('a', '{{ define "x" }}one{{ end }}');
    const c1 = set.clone();
    set.parse('b', '{{ define "x" }}parent{{ end }}');
    c1.addFuncs({ f: goFunc([], undefined, () => 'f2') });
    c1.parse('c', '{{ template "x" }} {{ f }}');
    assert.equal(c1.execute('c', null), 'one f2');
    const c2 = c1.clone();
    c2.parse('d', '{{ define "x" }}two{{ end }}{{ template "x" }} {{ f }}');
    assert.equal(c2.execute('d', null), 'two f2');
    assert.equal(c1.execute('c', null), 'one f2');
    set.parse('e', '{{ template "x" }} {{ f }}');
    assert.equal(set.execute('e', null), 'parent f1');
    assert.ok(!set.has('c') && !c1.has('b') && c2.has('c'));
    assert.deepEqual(c1.names(), ['a', 'c', 'x']);
  });
  it('block defines a template and calls it', () => {
    const set = new TemplateSet();
    set.parse('a', '[{{ block "b" . }}default {{ . }}{{ end }}]');
    assert.equal(set.execute('a', 'x'), '[default x]');
  });
  it('unknown template names fail as Go words it', () => {
    const set = new TemplateSet();
    set.parse('a', '{{ template "nope" }}');
    assert.throws(() => set.execute('a', null), { message: 'template: a:1:12: executing "a" at <{{template "nope"}}>: template "nope" not defined' });
    assert.throws(() => set.execute('zzz', null), { message: 'template: no template "zzz" associated with template "gotpl"' });
  });
  it('errors inside a called template name that template and its file', () => {
    const set = new TemplateSet();
    set.parse('_helpers.tpl', '{{ define "h" }}\n  {{ .a.b }}{{ end }}');
    set.parse('t.yaml', '{{ template "h" . }}');
    assert.throws(() => set.execute('t.yaml', map({ a: null })), (e: unknown) => e instanceof TemplateError
      && e.message === 'template: _helpers.tpl:2:7: executing "h" at <.a.b>: nil pointer evaluating interface {}.b' && e.templateName === '_helpers.tpl' && e.line === 2);
  });
  it('nested executions from functions (include) share the depth limit and are wrapped', () => {
    const set: TemplateSet = new TemplateSet({ include: goFunc(['string', 'any'], undefined, (name: string, data: unknown) => set.execute(name, data)) }, { maxDepth: 50 });
    set.parse('a', '{{ define "loop" }}{{ include "loop" . }}{{ end }}{{ define "ok" }}[{{ . }}]{{ end }}{{ include "ok" 1 }}');
    set.parse('b', '{{ include "loop" . }}');
    assert.equal(set.execute('a', null), '[1]');
    assert.throws(() => set.execute('b', null), (e: unknown) => e instanceof TemplateError && isLimitError(e) && /exceeded maximum template depth \(50\)/.test(e.message)
      && e.message.startsWith('template: b:1:3: executing "b" at <include "loop" .>: error calling include: '));
  });
});

describe('function maps', () => {
  it('combineFuncs lets later maps win; user functions shadow builtins and lose short-circuiting', () => {
    const a = { f: goFunc([], undefined, () => 'a'), g: goFunc([], undefined, () => 'g') };
    const b = { f: goFunc([], undefined, () => 'b') };
    const m = combineFuncs(a, b);
    assert.deepEqual(Object.keys(m).sort(), ['f', 'g']);
    const set = new TemplateSet({ ...m, len: goFunc(['any'], undefined, () => 'mine') });
    set.parse('t', '{{ f }}{{ g }} {{ len "abc" }} {{ or 1 0 }}');
    assert.equal(set.execute('t', null), 'bg mine 1');
    assert.deepEqual(signatureOf(b.f), { params: [] });
    assert.deepEqual(signatureOf(() => 1), { params: [], variadic: 'any' });
  });
  it('a plain JavaScript function takes any arguments; undefined results are nil', () => {
    const set = new TemplateSet({ j: (...a: unknown[]) => a.length, u: () => undefined });
    set.parse('t', '{{ j 1 "x" nil }} {{ u }} {{ if u }}y{{ else }}n{{ end }}');
    assert.equal(set.execute('t', null), '3 <no value> n');
  });
  it('a function that throws something other than FuncError still fails the template cleanly', () => {
    const set = new TemplateSet({ boom: () => { throw new TypeError('bad thing'); } });
    set.parse('t', '{{ boom }}');
    assert.throws(() => set.execute('t', null), { message: 'template: t:1:3: executing "t" at <boom>: error calling boom: bad thing' });
  });
});

describe('limits', () => {
  it('stops endless template recursion with a clear error', () => {
    const set = new TemplateSet();
    set.parse('main', '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}');
    assert.throws(() => set.execute('main', null), (e: unknown) => isLimitError(e) && /exceeded maximum template depth \(1000\)/.test((e as Error).message));
  });
  it('stops recursion deeper than the JavaScript stack allows', () => {
    const set = new TemplateSet({}, { maxDepth: 1_000_000 });
    set.parse('main', '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}');
    assert.throws(() => set.execute('main', null), (e: unknown) => isLimitError(e) && /exceeded maximum template depth/.test((e as Error).message));
  });
  it('stops long loops and large output', () => {
    const loops = new TemplateSet({}, { maxSteps: 10_000 });
    loops.parse('l', '{{ range 100000 }}x{{ end }}');
    assert.throws(() => loops.execute('l', null), (e: unknown) => isLimitError(e) && /exceeded maximum template steps \(10000\)/.test((e as Error).message));
    const big = new TemplateSet({}, { maxOutput: 1000 });
    big.parse('b', '{{ range 2000 }}x{{ end }}');
    assert.throws(() => big.execute('b', null), (e: unknown) => isLimitError(e) && /exceeded maximum output size/.test((e as Error).message));
  });
});
