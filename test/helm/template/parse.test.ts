// Cases ported from Go's src/text/template/parse/parse_test.go (numberTests, parseTests) and
// lex_test.go; Copyright 2011 The Go Authors, BSD licence (shared/src/helm/template/LICENSE-GO.md).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateError } from '../../../shared/src/helm/template/errors';
import { nodeString } from '../../../shared/src/helm/template/nodes';
import { parseNumber } from '../../../shared/src/helm/template/numbers';
import { parseTemplates } from '../../../shared/src/helm/template/parse';

const known = new Set(['printf', 'contains']);
const parse = (text: string, name = 'test') => parseTemplates(name, text, (f) => known.has(f));

describe('number constants (parse_test.go numberTests)', () => {
  // [text, isInt, isUint, isFloat, int, float]; complex constants are rejected by this renderer
  const ok: [string, boolean, boolean, boolean, bigint, number][] = [
    ['0', true, true, true, 0n, 0], ['-0', true, true, true, 0n, 0], ['73', true, true, true, 73n, 73],
    ['7_3', true, true, true, 73n, 73], ['0b10_010_01', true, true, true, 73n, 73], ['0B10_010_01', true, true, true, 73n, 73],
    ['073', true, true, true, 0o73n, 0o73], ['0o73', true, true, true, 0o73n, 0o73], ['0O73', true, true, true, 0o73n, 0o73],
    ['0x73', true, true, true, 0x73n, 0x73], ['0X73', true, true, true, 0x73n, 0x73], ['0x7_3', true, true, true, 0x73n, 0x73],
    ['-73', true, false, true, -73n, -73], ['+73', true, false, true, 73n, 73], ['100', true, true, true, 100n, 100],
    ['1e9', true, true, true, 1000000000n, 1e9], ['-1e9', true, false, true, -1000000000n, -1e9], ['-1.2', false, false, true, 0n, -1.2],
    ['1e19', false, true, true, 0n, 1e19], ['1e1_9', false, true, true, 0n, 1e19], ['1E19', false, true, true, 0n, 1e19],
    ['-1e19', false, false, true, 0n, -1e19], ['0x_1p4', true, true, true, 16n, 16], ['0X_1P4', true, true, true, 16n, 16],
    ['0x_1p-4', false, false, true, 0n, 1 / 16], ['0123', true, true, true, 0o123n, 0o123], ['-0x0', true, true, true, 0n, 0],
    ['0xdeadbeef', true, true, true, 0xdeadbeefn, 0xdeadbeef], ['0xef', true, true, true, 0xefn, 0xef],
    ["'a'", true, true, true, 97n, 97], ["'\\n'", true, true, true, 10n, 10], ["'\\\\'", true, true, true, 92n, 92],
    ["'\\''", true, true, true, 39n, 39], ["'\\xFF'", true, true, true, 255n, 255], ["'パ'", true, true, true, 0x30d1n, 0x30d1],
    ["'\\u30d1'", true, true, true, 0x30d1n, 0x30d1], ["'\\U000030d1'", true, true, true, 0x30d1n, 0x30d1],
  ];
  for (const [text, isInt, isUint, isFloat, int, float] of ok) {
    it(`parses ${text}`, () => {
      const n = parseNumber(text, text.startsWith("'") ? 'charConstant' : 'number');
      assert.notEqual(typeof n, 'string', String(n));
      if (typeof n === 'string') return;
      assert.deepEqual([n.isInt, n.isUint, n.isFloat], [isInt, isUint, isFloat]);
      if (isInt) assert.equal(n.int, int);
      assert.equal(n.float, float);
    });
  }
  for (const text of ['+-2', '0x123.', '1e.', '0xi.', '1+2.', "'x", "'xx'", "'433937734937734969526500969526500'", '4i', '-1.2+4.2i']) {
    it(`rejects ${text}`, () => assert.equal(typeof parseNumber(text, text.startsWith("'") ? 'charConstant' : text.includes('+') && text.endsWith('.') ? 'number' : 'number'), 'string'));
  }
});

describe('parse trees (parse_test.go parseTests)', () => {
  const ok: [string, string, string][] = [
    ['empty', '', ''], ['comment', '{{/*\n\n\n*/}}', ''], ['spaces', ' \t\n', '" \\t\\n"'], ['text', 'some text', '"some text"'],
    ['field', '{{.X}}', '{{.X}}'], ['simple command', '{{printf}}', '{{printf}}'], ['$ invocation', '{{$}}', '{{$}}'],
    ['variable invocation', '{{with $x := 3}}{{$x 23}}{{end}}', '{{with $x := 3}}{{$x 23}}{{end}}'],
    ['variable with fields', '{{$.I}}', '{{$.I}}'], ['multi-word command', '{{printf `%d` 23}}', '{{printf `%d` 23}}'],
    ['pipeline', '{{.X|.Y}}', '{{.X | .Y}}'], ['pipeline with decl', '{{$x := .X|.Y}}', '{{$x := .X | .Y}}'],
    ['nested pipeline', '{{.X (.Y .Z) (.A | .B .C) (.E)}}', '{{.X (.Y .Z) (.A | .B .C) (.E)}}'],
    ['field applied to parentheses', '{{(.Y .Z).Field}}', '{{(.Y .Z).Field}}'],
    ['simple if', '{{if .X}}hello{{end}}', '{{if .X}}"hello"{{end}}'],
    ['if with else', '{{if .X}}true{{else}}false{{end}}', '{{if .X}}"true"{{else}}"false"{{end}}'],
    ['if with else if', '{{if .X}}true{{else if .Y}}false{{end}}', '{{if .X}}"true"{{else}}{{if .Y}}"false"{{end}}{{end}}'],
    ['if else chain', '+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+', '"+"{{if .X}}"X"{{else}}{{if .Y}}"Y"{{else}}{{if .Z}}"Z"{{end}}{{end}}{{end}}"+"'],
    ['simple range', '{{range .X}}hello{{end}}', '{{range .X}}"hello"{{end}}'],
    ['chained field range', '{{range .X.Y.Z}}hello{{end}}', '{{range .X.Y.Z}}"hello"{{end}}'],
    ['nested range', '{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}', '{{range .X}}"hello"{{range .Y}}"goodbye"{{end}}{{end}}'],
    ['range with else', '{{range .X}}true{{else}}false{{end}}', '{{range .X}}"true"{{else}}"false"{{end}}'],
    ['range over pipeline', '{{range .X|.M}}true{{else}}false{{end}}', '{{range .X | .M}}"true"{{else}}"false"{{end}}'],
    ['range []int', '{{range .SI}}{{.}}{{end}}', '{{range .SI}}{{.}}{{end}}'],
    ['range 1 var', '{{range $x := .SI}}{{.}}{{end}}', '{{range $x := .SI}}{{.}}{{end}}'],
    ['range 2 vars', '{{range $x, $y := .SI}}{{.}}{{end}}', '{{range $x, $y := .SI}}{{.}}{{end}}'],
    ['range with break', '{{range .SI}}{{.}}{{break}}{{end}}', '{{range .SI}}{{.}}{{break}}{{end}}'],
    ['range with continue', '{{range .SI}}{{.}}{{continue}}{{end}}', '{{range .SI}}{{.}}{{continue}}{{end}}'],
    ['constants', "{{range .SI 1 -3.2 true false 'a' nil}}{{end}}", "{{range .SI 1 -3.2 true false 'a' nil}}{{end}}"],
    ['template', '{{template `x`}}', '{{template "x"}}'], ['template with arg', '{{template `x` .Y}}', '{{template "x" .Y}}'],
    ['with', '{{with .X}}hello{{end}}', '{{with .X}}"hello"{{end}}'],
    ['with with else', '{{with .X}}hello{{else}}goodbye{{end}}', '{{with .X}}"hello"{{else}}"goodbye"{{end}}'],
    ['with with else with', '{{with .X}}hello{{else with .Y}}goodbye{{end}}', '{{with .X}}"hello"{{else}}{{with .Y}}"goodbye"{{end}}{{end}}'],
    ['with else chain', '{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}', '{{with .X}}"X"{{else}}{{with .Y}}"Y"{{else}}{{with .Z}}"Z"{{end}}{{end}}{{end}}'],
    ['trim left', 'x \r\n\t{{- 3}}', '"x"{{3}}'], ['trim right', '{{3 -}}\n\n\ty', '{{3}}"y"'],
    ['trim left and right', 'x \r\n\t{{- 3 -}}\n\n\ty', '"x"{{3}}"y"'], ['trim with extra spaces', 'x\n{{-  3   -}}\ny', '"x"{{3}}"y"'],
    ['comment trim left', 'x \r\n\t{{- /* hi */}}', '"x"'], ['comment trim right', '{{/* hi */ -}}\n\n\ty', '"y"'],
    ['comment trim left and right', 'x \r\n\t{{- /* */ -}}\n\n\ty', '"x""y"'],
    ['block definition', '{{block "foo" .}}hello{{end}}', '{{template "foo" .}}'],
    ['newline in assignment', '{{ $x \n := \n 1 \n }}', '{{$x := 1}}'], ['newline in pipeline', '{{\n"x"\n|\nprintf\n}}', '{{"x" | printf}}'],
    ['newline in comment', '{{/*\nhello\n*/}}', ''], ['newline in trimmed comment', '{{-\n/*\nhello\n*/\n-}}', ''],
    ['spaces around continue', '{{range .SI}}{{.}}{{ continue }}{{end}}', '{{range .SI}}{{.}}{{continue}}{{end}}'],
    ['spaces around break', '{{range .SI}}{{.}}{{ break }}{{end}}', '{{range .SI}}{{.}}{{break}}{{end}}'],
    ['bug0a', '{{$x := 0}}{{$x}}', '{{$x := 0}}{{$x}}'], ['bug1c', '{{$x:=.}}{{$x +2}}', '{{$x := .}}{{$x +2}}'],
    ['bug2a', '{{range $x := 0}}{{$x}}{{end}}', '{{range $x := 0}}{{$x}}{{end}}'], ['bug2b', '{{range $x = 0}}{{$x}}{{end}}', '{{range $x = 0}}{{$x}}{{end}}'],
    ['paren nesting normal', '{{ (( 1 )) }}', '{{((1))}}'], ['paren nesting in pipeline', '{{ ((( 1 ))) | printf }}', '{{(((1))) | printf}}'],
    ['control structure nesting', '{{if .X}}{{with .Y}}{{range .Z}}x{{end}}{{end}}{{end}}', '{{if .X}}{{with .Y}}{{range .Z}}"x"{{end}}{{end}}{{end}}'],
  ];
  for (const [name, input, result] of ok) {
    it(name, () => {
      const trees = parse(input);
      assert.equal(nodeString(trees.get('test')!.root, true), result);
    });
  }
  const bad: [string, string][] = [
    ['emptyAction', '{{}}'], ['newline in empty action', '{{\n}}'], ['unclosed action', 'hello{{range'], ['unmatched end', '{{end}}'],
    ['unmatched else', '{{else}}'], ['unmatched else after if', '{{if .X}}hello{{end}}{{else}}'], ['multiple else', '{{if .X}}1{{else}}2{{else}}3{{end}}'],
    ['missing end', 'hello{{range .x}}'], ['missing end after else', 'hello{{range .x}}{{else}}'], ['undefined function', 'hello{{undefined}}'],
    ['undefined variable', '{{$x}}'], ['variable undefined after end', '{{with $x := 4}}{{end}}{{$x}}'], ['variable undefined in template', '{{template $v}}'],
    ['declare with field', '{{with $x.Y := 4}}{{end}}'], ['template with field ref', '{{template .X}}'], ['invalid punctuation', '{{printf 3, 4}}'],
    ['multidecl outside range', '{{with $v, $u := 3}}{{end}}'], ['too many decls in range', '{{range $u, $v, $w := 3}}{{end}}'],
    ['dot applied to parentheses', '{{printf (printf .).}}'], ['adjacent args', '{{printf 3`x`}}'], ['adjacent args with .', '{{printf `x`.}}'],
    ['extra end after if', '{{if .X}}a{{else if .Y}}b{{end}}{{end}}'], ['break outside range', '{{range .}}{{end}} {{break}}'],
    ['continue outside range', '{{range .}}{{end}} {{continue}}'], ['break in range else', '{{range .}}{{else}}{{break}}{{end}}'],
    ['continue in range else', '{{range .}}{{else}}{{continue}}{{end}}'], ['bug0b', '{{$x += 1}}{{$x}}'], ['bug0c', '{{$x ! 2}}{{$x}}'],
    ['bug0d', '{{$x % 3}}{{$x}}'], ['bug0e', '{{range $x := $y := 3}}{{end}}'], ['bug1a', '{{$x:=.}}{{$x!2}}'], ['bug1b', '{{$x:=.}}{{$x+2}}'],
    ['dot after integer', '{{1.E}}'], ['dot after float', '{{0.1.E}}'], ['dot after boolean', '{{true.E}}'], ['dot after char', "{{'a'.any}}"],
    ['dot after string', '{{"hello".guys}}'], ['dot after dot', '{{..E}}'], ['dot after nil', '{{nil.E}}'], ['wrong pipeline dot', '{{12|.}}'],
    ['wrong pipeline number', '{{.|12|printf}}'], ['wrong pipeline string', '{{.|printf|"error"}}'], ['wrong pipeline char', "{{12|printf|'e'}}"],
    ['wrong pipeline boolean', '{{.|true}}'], ['wrong pipeline nil', "{{'c'|nil}}"], ['empty pipeline', '{{printf "%d" ( ) }}'],
    ['block without pipeline', '{{block "foo"}}hello{{end}}'],
  ];
  for (const [name, input] of bad) {
    it(`fails: ${name}`, () => assert.throws(() => parse(input), (e: unknown) => e instanceof TemplateError && e.kind === 'parse' && e.message.startsWith('template: test:')));
  }
  it('stops at the maximum expression depth instead of overflowing the stack', () => {
    const deep = `{{ ${'('.repeat(20000)}1${')'.repeat(20000)} }}`;
    assert.throws(() => parse(deep), /template: test:1: max expression depth exceeded/);
  });
});

describe('parse error messages as Go words them', () => {
  const cases: [string, string][] = [
    ['{{ foo }}', 'template: t.yaml:1: function "foo" not defined'],
    ['a\n{{ if .X }}\nb', 'template: t.yaml:3: unexpected EOF'],
    ['{{ end }}', 'template: t.yaml:1: unexpected {{end}}'],
    ['x\n{{ .X ', 'template: t.yaml:2: unclosed action'],
    ['{{ .X\n\n', 'template: t.yaml:3: unclosed action started at t.yaml:1'],
    ['{{ "abc }}', 'template: t.yaml:1: unterminated quoted string'],
    ['{{ $x }}', 'template: t.yaml:1: undefined variable "$x"'],
    ['{{ if }}{{ end }}', 'template: t.yaml:1: missing value for if'],
    ['{{ .X | 3 }}', 'template: t.yaml:1: non executable command in pipeline stage 2'],
    ['{{ printf 3, 4 }}', 'template: t.yaml:1: unexpected "," in operand'],
    ['{{ printf "aaaaaaaaaaaaaaa" ) }}', 'template: t.yaml:1: unexpected right paren'],
    ['{{/* x }}', 'template: t.yaml:1: unclosed comment'],
    ['{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}', 'template: t.yaml:1: template: multiple definition of template "a"'],
    ['{{ range . }}{{ else }}{{ else }}{{ end }}', 'template: t.yaml:1: expected end; found {{else}}'],
    ['{{ 3 | printf ,}}', 'template: t.yaml:1: unexpected "," in operand'],
  ];
  for (const [input, message] of cases) {
    it(message, () => assert.throws(() => parse(input, 't.yaml'), (e: unknown) => e instanceof TemplateError && e.message === message));
  }
});
