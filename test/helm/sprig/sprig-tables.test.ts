// Cases from Masterminds/sprig's own tests (strings_test.go, list_test.go, dict_test.go,
// defaults_test.go, numeric_test.go, regex_test.go; MIT licence, Copyright (C) 2013-2020
// Masterminds), run as sprig's `runt` does: template.New("test").Funcs(sprig).Parse(tpl), default
// missingkey, output compared exactly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sprigFuncs } from '../../../shared/src/helm/sprig/index';
import { TemplateSet } from '../../../shared/src/helm/template/index';

const funcs = sprigFuncs();

/** Renders a template as sprig's tests do. */
export function runt(tpl: string, data: unknown = null): string {
  const set = new TemplateSet(funcs);
  set.parse('test', tpl);
  return set.execute('test', data);
}

const map = (o: Record<string, unknown>): Record<string, unknown> => Object.assign(Object.create(null) as Record<string, unknown>, o);

type Case = [string, string, unknown?];

function table(name: string, cases: Case[]): void {
  describe(name, () => {
    for (const [tpl, want, data] of cases) it(tpl, () => assert.equal(runt(tpl, data ?? null), want));
  });
}

table('strings (strings_test.go)', [
  ['{{"fooo" | substr 0 3 }}', 'foo'], ['{{"foo" | substr 0 10 }}', 'foo'],
  ['{{ "foooooo" | trunc 3 }}', 'foo'], ['{{ "baaaaaar" | trunc -3 }}', 'aar'], ['{{ "baaaaaar" | trunc -999 }}', 'baaaaaar'], ['{{ "baaaaaz" | trunc 0 }}', ''],
  ['{{quote "a" "b" "c"}}', '"a" "b" "c"'], ['{{quote "\\"a\\"" "b" "c"}}', '"\\"a\\"" "b" "c"'], ['{{quote 1 2 3 }}', '"1" "2" "3"'],
  ['{{ .value | quote }}', '', map({ value: null })], ['{{squote "a" "b" "c"}}', "'a' 'b' 'c'"], ['{{squote 1 2 3 }}', "'1' '2' '3'"],
  ['{{ .value | squote }}', '', map({ value: null })],
  ['{{if contains "cat" "fair catch"}}1{{end}}', '1'], ['{{if hasPrefix "cat" "catch"}}1{{end}}', '1'], ['{{if hasSuffix "cat" "ducat"}}1{{end}}', '1'],
  ['{{trim "   5.00   "}}', '5.00'], ['{{trimAll "$" "$5.00$"}}', '5.00'], ['{{trimPrefix "$" "$5.00"}}', '5.00'], ['{{trimSuffix "$" "5.00$"}}', '5.00'],
  ['{{$v := "foo$bar$baz" | split "$"}}{{$v._0}}', 'foo'], ['{{$v := "foo$bar$baz" | splitn "$" 2}}{{$v._0}}', 'foo'],
  ['{{$v := "foo$bar$baz" | splitn "$" 2}}{{$v._1}}', 'bar$baz'],
  ['{{ toString .Value | kindOf }}', 'string', map({ Value: 'string' })], ['{{ toString .Value | kindOf }}', 'string', map({ Value: new TextEncoder().encode('bytes') })],
  ['{{ $s := list 1 2 3 | toStrings }}{{ index $s 1 | kindOf }}', 'string'], ['{{ list 1 .value 2 | toStrings }}', '[1 2]', map({ value: null })],
  ['{{ tuple "a" "b" "c" | join "-" }}', 'a-b-c'], ['{{ tuple 1 2 3 | join "-" }}', '1-2-3'], ['{{ join "-" .V }}', 'a-b-c', map({ V: ['a', 'b', 'c'] })],
  ['{{ join "-" .V }}', 'abc', map({ V: 'abc' })], ['{{ join "-" .V }}', '1-2-3', map({ V: [1n, 2n, 3n] })], ['{{ join "-" .value }}', '1-2', map({ value: ['1', null, '2'] })],
  ['{{ list "c" "a" "b" | sortAlpha | join "" }}', 'abc'], ['{{ list 2 1 4 3 | sortAlpha | join "" }}', '1234'],
  ['{{b64enc "coffee"}}', 'Y29mZmVl'], ['{{b64dec "Y29mZmVl"}}', 'coffee'], ['{{b32enc "coffee"}}', 'MNXWMZTFMU======'], ['{{b32dec "MNXWMZTFMU======"}}', 'coffee'],
  ['{{abbrev 5 "hello world"}}', 'he...'], ['{{abbrevboth 5 10 "1234 5678 9123"}}', '...5678...'], ['{{nospace "h e l l o "}}', 'hello'],
  ['{{untitle "First Try"}}', 'first try'], ['{{initials "First Try"}}', 'FT'], ['{{wrap 5 "Hello World"}}', 'Hello\nWorld'], ['{{wrapWith 5 "\\t" "Hello World"}}', 'Hello\tWorld'],
  ['{{$b := "b"}}{{"c" | cat "a" $b}}', 'a b c'], ['{{ .value | cat "a" "b"}}', 'a b', map({ value: null })],
  ['{{indent 4 "a\\nb\\nc"}}', '    a\n    b\n    c'], ['{{nindent 4 "a\\nb\\nc"}}', '\n    a\n    b\n    c'],
  ['{{"I Am Henry VIII" | replace " " "-"}}', 'I-Am-Henry-VIII'], ['{{$num := len "two"}}{{$num}} {{$num | plural "1 char" "chars"}}', '3 chars'],
  ['{{len "t" | plural "cheese" "%d chars"}}', 'cheese'],
  // functions_test.go and the xstrings cases Sprig's docs show
  ['{{ "hello" | upper }}', 'HELLO'], ['{{ "HELLO" | lower }}', 'hello'], ['{{ "hello world" | title }}', 'Hello World'], ['{{ "hello" | repeat 3 }}', 'hellohellohello'],
  ['{{ "This Is A.Test" | swapcase }}', 'tHIS iS a.tEST'], ['{{ snakecase "FirstName" }}', 'first_name'], ['{{ snakecase "HTTPServer" }}', 'http_server'],
  ['{{ snakecase "NoHTTPS" }}', 'no_https'], ['{{ snakecase "GO_PATH" }}', 'go_path'], ['{{ snakecase "GO PATH" }}', 'go_path'], ['{{ snakecase "GO-PATH" }}', 'go_path'],
  ['{{ snakecase "http2xx" }}', 'http_2xx'], ['{{ snakecase "HTTP20xOK" }}', 'http_20x_ok'], ['{{ snakecase "Duration2m3s" }}', 'duration_2m3s'],
  ['{{ snakecase "Bld4Floor3rd" }}', 'bld4_floor_3rd'], ['{{ kebabcase "FirstName" }}', 'first-name'], ['{{ camelcase "http_server" }}', 'HttpServer'],
  ['{{ camelcase "_camel_case" }}', '_CamelCase'], ['{{ camelcase "no_https" }}', 'NoHttps'], ['{{ camelcase "_complex__case_" }}', '_Complex_Case_'], ['{{ camelcase "all" }}', 'All'],
]);

table('lists (list_test.go)', [
  ['{{$t := tuple 1 "a" "foo"}}{{index $t 2}}{{index $t 0 }}{{index $t 1}}', 'foo1a'], ['{{$t := list 1 "a" "foo"}}{{index $t 2}}{{index $t 0 }}{{index $t 1}}', 'foo1a'],
  ['{{ $t := tuple 1 2 3  }}{{ append $t 4 | len }}', '4'], ['{{ $t := tuple 1 2 3 4  }}{{ append $t 5 | join "-" }}', '1-2-3-4-5'],
  ['{{ $t := regexSplit "/" "foo/bar/baz" -1 }}{{ append $t "qux" | join "-" }}', 'foo-bar-baz-qux'], ['{{ $t := tuple 1 2 3  }}{{ mustAppend $t 4 | len }}', '4'],
  ['{{ $t := regexSplit "/" "foo/bar/baz" -1 }}{{ mustPush $t "qux" | join "-" }}', 'foo-bar-baz-qux'], ['{{ $t := tuple 1 2 3 4  }}{{ prepend $t 0 | join "-" }}', '0-1-2-3-4'],
  ['{{ $t := regexSplit "/" "foo/bar/baz" -1 }}{{ prepend $t "qux" | join "-" }}', 'qux-foo-bar-baz'],
  ['{{ list 1 2 3 | first }}', '1'], ['{{ list | first }}', '<no value>'], ['{{ regexSplit "/src/" "foo/src/bar" -1 | first }}', 'foo'], ['{{ list | mustFirst }}', '<no value>'],
  ['{{ list 1 2 3 | last }}', '3'], ['{{ list | last }}', '<no value>'], ['{{ regexSplit "/src/" "foo/src/bar" -1 | last }}', 'bar'],
  ['{{ list 1 2 3 | initial | len }}', '2'], ['{{ list 1 2 3 | initial | last }}', '2'], ['{{ list 1 2 3 | initial | first }}', '1'], ['{{ list | initial }}', '[]'],
  ['{{ regexSplit "/" "foo/bar/baz" -1 | initial }}', '[foo bar]'], ['{{ list 1 2 3 | rest | len }}', '2'], ['{{ list 1 2 3 | rest | first }}', '2'], ['{{ list | rest }}', '[]'],
  ['{{ regexSplit "/" "foo/bar/baz" -1 | rest }}', '[bar baz]'], ['{{ list 1 2 3 | reverse | first }}', '3'], ['{{ list 1 2 3 4 | reverse }}', '[4 3 2 1]'],
  ['{{ list | reverse }}', '[]'], ['{{ regexSplit "/" "foo/bar/baz" -1 | reverse }}', '[baz bar foo]'],
  ['{{ list 1 0 "" "hello" | compact }}', '[1 hello]'], ['{{ list "" "" | compact }}', '[]'], ['{{ list | compact }}', '[]'], ['{{ regexSplit "/" "foo//bar" -1 | compact }}', '[foo bar]'],
  ['{{ list 1 2 3 4 | uniq }}', '[1 2 3 4]'], ['{{ list 1 1 1 1 2 2 2 2 | uniq }}', '[1 2]'], ['{{ list "foo" 1 1 1 1 "foo" "foo" | uniq }}', '[foo 1]'], ['{{ list | uniq }}', '[]'],
  ['{{ without (list 1 2 3 4) 1 }}', '[2 3 4]'], ['{{ without (list "a" "b" "c" "d") "a" }}', '[b c d]'], ['{{ without (list 1 1 1 1 2) 1 }}', '[2]'],
  ['{{ without (list) 1 }}', '[]'], ['{{ without (list 1 2 3) }}', '[1 2 3]'], ['{{ without list }}', '[]'],
  ['{{ list 1 2 3 | has 1 }}', 'true'], ['{{ list 1 2 3 | has 4 }}', 'false'], ['{{ regexSplit "/" "foo/bar/baz" -1 | has "bar" }}', 'true'], ['{{ has "bar" nil }}', 'false'],
  ['{{ slice (list 1 2 3) }}', '[1 2 3]'], ['{{ slice (list 1 2 3) 0 1 }}', '[1]'], ['{{ slice (list 1 2 3) 1 3 }}', '[2 3]'], ['{{ slice (list 1 2 3) 1 }}', '[2 3]'],
  ['{{ slice (regexSplit "/" "foo/bar/baz" -1) 1 2 }}', '[bar]'], ['{{ concat (list 1 2 3) }}', '[1 2 3]'], ['{{ concat (list 1 2 3) (list 4 5) }}', '[1 2 3 4 5]'],
  ['{{ concat (list 1 2 3) (list 4 5) (list) }}', '[1 2 3 4 5]'], ['{{ concat (list 1 2 3) (list 4 5) (list nil) }}', '[1 2 3 4 5 <nil>]'],
  ['{{ concat (list 1 2 3) (list 4 5) (list ( list "foo" ) ) }}', '[1 2 3 4 5 [foo]]'], ['{{ chunk 2 (list 1 2 3 4 5) }}', '[[1 2] [3 4] [5]]'],
]);

table('dicts (dict_test.go)', [
  ['{{$t := dict "I" "shot" "the" "albatross"}}{{$t.the}} {{$t.I}}', 'albatross shot'],
  ['{{$d := dict 1 2 "three" "four" 5}}{{range $k, $v := $d}}{{$k}}{{$v}}{{end}}', '125threefour'],
  ['{{- $d := dict "one" 1 "two" 222222 -}}{{- $_ := unset $d "two" -}}{{- range $k, $v := $d}}{{$k}}{{$v}}{{- end -}}', 'one1'],
  ['{{- $d := dict "one" 1 "two" 222222 -}}{{- if hasKey $d "one" -}}1{{- end -}}', '1'],
  ['{{- $d := dict "one" 1 "two" 222222 -}}{{- $d2 := dict "one" 1 "two" 33333 -}}{{- $d3 := dict "one" 1 -}}{{- $d4 := dict "one" 1 "two" 4444 -}}{{- pluck "two" $d $d2 $d3 $d4 -}}', '[222222 33333 4444]'],
  ['{{ dict "foo" 1 "bar" 2 | keys | sortAlpha }}', '[bar foo]'], ['{{ dict | keys }}', '[]'], ['{{ keys (dict "foo" 1) (dict "bar" 2) (dict "bar" 3) | uniq | sortAlpha }}', '[bar foo]'],
  ['{{- $d := dict "one" 1 "two" 222222 }}{{ pick $d "two" | len -}}', '1'], ['{{- $d := dict "one" 1 "two" 222222 }}{{ pick $d "two" -}}', 'map[two:222222]'],
  ['{{- $d := dict "one" 1 "two" 222222 }}{{ pick $d "one" "two" "three" | len -}}', '2'], ['{{- $d := dict }}{{ pick $d "two" | len -}}', '0'],
  ['{{- $d := dict "one" 1 "two" 222222 }}{{ omit $d "one" -}}', 'map[two:222222]'], ['{{- $d := dict "one" 1 "two" 222222 }}{{ omit $d "two" "three" | len -}}', '1'],
  ['{{- $d := dict "one" 1 }}{{ get $d "one" -}}', '1'], ['{{- $d := dict "one" 1 "two" "2" }}{{ get $d "two" -}}', '2'], ['{{- $d := dict }}{{ get $d "two" -}}', ''],
  ['{{- $d := dict "one" 1 "two" 222222 -}}{{- $_ := set $d "two" 2 -}}{{- $_ := set $d "three" 3 -}}{{$d.one}}{{$d.two}}{{$d.three}}', '123'],
  ['{{- $d := dict "a" 1 "b" 2 }}{{ values $d | sortAlpha | join "," }}', '1,2'], ['{{- $d := dict "a" "first" "b" 2 }}{{ values $d | sortAlpha | join "," }}', '2,first'],
  ['{{ dig "a" "b" "c" "zz" (dict "a" (dict "b" (dict "c" "found"))) }}', 'found'], ['{{ dig "a" "x" "zz" (dict "a" (dict "b" 1)) }}', 'zz'],
  ['{{ $d := merge (dict "a" 1 "m" (dict "x" 1)) (dict "a" 2 "b" 3 "m" (dict "x" 9 "y" 2)) }}{{ toJson $d }}', '{"a":1,"b":3,"m":{"x":1,"y":2}}'],
  ['{{ $d := mergeOverwrite (dict "a" 1 "m" (dict "x" 1)) (dict "a" 2 "m" (dict "x" 9 "y" 2)) }}{{ toJson $d }}', '{"a":2,"m":{"x":9,"y":2}}'],
  ['{{ $d := merge (dict "a" "") (dict "a" "filled") }}{{ $d.a }}', 'filled'],
  ['{{ $d := mergeOverwrite (dict "a" 1 "b" 2) (dict "a" nil "b" "") }}{{ toJson $d }}', '{"a":null,"b":""}'],
  ['{{ $d := merge (dict "a" 1) (dict "a" nil "c" nil) }}{{ toJson $d }}', '{"a":1}'],
  ['{{ $d := mergeOverwrite (dict "l" (list 1 2)) (dict "l" (list)) }}{{ toJson $d }}', '{"l":[1,2]}'],
  ['{{ $d := mergeOverwrite (dict "l" (list 1 2)) (dict "l" (list 3)) }}{{ toJson $d }}', '{"l":[3]}'],
  ['{{ $d := merge (dict "l" (list)) (dict "l" (list 3)) }}{{ toJson $d }}', '{"l":[3]}'],
  ['{{ $a := dict "x" (list 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b "y" 2 }}{{ keys $a | len }} {{ keys $b | len }}', '1 2'],
]);

table('defaults (defaults_test.go)', [
  ['{{"" | default "foo"}}', 'foo'], ['{{default "foo" 234}}', '234'], ['{{default "foo" 2.34}}', '2.34'], ['{{ .Nothing | default "123" }}', '123'], ['{{ default "123" }}', '123'],
  ['{{if empty 1}}1{{else}}0{{end}}', '0'], ['{{if empty 0}}1{{else}}0{{end}}', '1'], ['{{if empty ""}}1{{else}}0{{end}}', '1'], ['{{if empty 0.0}}1{{else}}0{{end}}', '1'],
  ['{{if empty false}}1{{else}}0{{end}}', '1'], ['{{if empty .top.NoSuchThing}}1{{else}}0{{end}}', '1', map({ top: map({}) })],
  ['{{if empty .bottom.NoSuchThing}}1{{else}}0{{end}}', '1', map({ top: map({}) })],
  ['{{ coalesce 1 }}', '1'], ['{{ coalesce "" 0 nil 2 }}', '2'], ['{{ $two := 2 }}{{ coalesce "" 0 nil $two }}', '2'], ['{{ $two := 2 }}{{ coalesce "" $two 3 4 5 }}', '2'],
  ['{{ coalesce }}', '<no value>'], ['{{ coalesce .top.NoSuchThing .bottom .bottom.dollar "airplane"}}', 'airplane', map({ top: map({}) })],
  ['{{ all 1 }}', 'true'], ['{{ all "" 0 nil 2 }}', 'false'], ['{{ all }}', 'true'], ['{{ any 1 }}', 'true'], ['{{ any "" 0 nil 2 }}', 'true'],
  ['{{ $zero := 0 }}{{ any "" $zero 0 0 0 }}', 'false'], ['{{ any }}', 'false'],
  ['{{.Input | fromJson}}', 'map[foo:55]', map({ Input: '{"foo": 55}' })], ['{{(.Input | fromJson).foo}}', '55', map({ Input: '{"foo": 55}' })],
  ['{{.Top | toJson}}', '{"bool":true,"number":42,"string":"test"}', map({ Top: map({ bool: true, string: 'test', number: 42n }) })],
  ['{{.Top | toPrettyJson}}', '{\n  "bool": true,\n  "number": 42,\n  "string": "test"\n}', map({ Top: map({ bool: true, string: 'test', number: 42n }) })],
  ['{{.Top | toRawJson}}', '{"bool":true,"html":"<HEAD>","number":42,"string":"test"}', map({ Top: map({ bool: true, string: 'test', number: 42n, html: '<HEAD>' }) })],
  ['{{.Top | toJson}}', '{"html":"\\u003cHEAD\\u003e \\u0026"}', map({ Top: map({ html: '<HEAD> &' }) })],
  ['{{ toJson .f }}', '[1000000,1e+21,1e-7,0.5,-0]', map({ f: [1e6, 1e21, 1e-7, 0.5, -0] })],
  ['{{true | ternary "foo" "bar"}}', 'foo'], ['{{ternary "foo" "bar" true}}', 'foo'], ['{{false | ternary "foo" "bar"}}', 'bar'], ['{{ternary "foo" "bar" false}}', 'bar'],
]);

table('numbers (numeric_test.go)', [
  ['{{range $i, $e := until 5}}{{$i}}{{$e}}{{end}}', '0011223344'], ['{{range $i, $e := until -5}}{{$i}}{{$e}} {{end}}', '00 1-1 2-2 3-3 4-4 '],
  ['{{range $i, $e := untilStep 0 5 1}}{{$i}}{{$e}}{{end}}', '0011223344'], ['{{range $i, $e := untilStep 3 6 1}}{{$i}}{{$e}}{{end}}', '031425'],
  ['{{range $i, $e := untilStep 0 -10 -2}}{{$i}}{{$e}} {{end}}', '00 1-2 2-4 3-6 4-8 '], ['{{range $i, $e := untilStep 3 0 1}}{{$i}}{{$e}}{{end}}', ''],
  ['{{range $i, $e := untilStep 3 99 0}}{{$i}}{{$e}}{{end}}', ''], ['{{range $i, $e := untilStep 3 99 -1}}{{$i}}{{$e}}{{end}}', ''],
  ['{{ biggest 1 2 3 345 5 6 7}}', '345'], ['{{ max 345}}', '345'], ['{{ maxf 1 2 3 345.7 5 6 7}}', '345.7'], ['{{ min 1 2 3 345 5 6 7}}', '1'],
  ['{{ minf 1.4 2 3 345.6 5 6 7}}', '1.4'], ['{{ minf 345 }}', '345'], ['{{ 3 | add1 }}', '4'], ['{{ 3.4 | add1f }}', '4.4'], ['{{ 3 | add 1 2}}', '6'],
  ['{{ 3 | addf 1.5 2.2}}', '6.7'], ['{{ 4 | div 5 }}', '1'], ['{{ 2 | divf 5 4 }}', '0.625'], ['{{ 1 | mul "2" 3 "4"}}', '24'], ['{{ 1.2 | mulf "2.4" 10 "4"}}', '115.2'],
  ['{{ 3 | sub 14 }}', '11'], ['{{ 3 | subf 4.5 1 }}', '0.5'], ['{{ ceil 123.01 }}', '124'], ['{{ ceil "123" }}', '123'], ['{{ floor 123.9999 }}', '123'],
  ['{{ floor "123.9999" }}', '123'], ['{{ round 123.5555 3 }}', '123.556'], ['{{ round "123.55555" 3 }}', '123.556'], ['{{ round 123.500001 0 }}', '124'],
  ['{{ round 123.49999999 0 }}', '123'], ['{{ round 123.2329999 2 .3 }}', '123.23'], ['{{ round 123.233 2 .3 }}', '123.24'],
  ['{{ toDecimal "777" }}', '511'], ['{{ toDecimal 770 }}', '504'], ['{{ int64 "102" }}', '102'], ['{{ int64 "frankie" }}', '0'], ['{{ int 102.1234 }}', '102'],
  ['{{ float64 "102" }}', '102'], ['{{ int true }}', '1'], ['{{ atoi "42" }}', '42'], ['{{ int "0x1F" }}', '31'], ['{{ int "12.0" }}', '12'],
  ['{{seq 0 1 3}}', '0 1 2 3'], ['{{seq 0 3 10}}', '0 3 6 9'], ['{{seq 3 3 2}}', ''], ['{{seq 3 -3 2}}', '3'], ['{{seq}}', ''], ['{{seq 0 4}}', '0 1 2 3 4'],
  ['{{seq 5}}', '1 2 3 4 5'], ['{{seq -5}}', '1 0 -1 -2 -3 -4 -5'], ['{{seq 0}}', '1 0'], ['{{seq 0 1 2 3}}', ''], ['{{seq 0 -4}}', '0 -1 -2 -3 -4'],
  ['{{ addf 0.1 0.2 }}', '0.3'], ['{{ .n | add 1 }}', '1000001', map({ n: 1e6 })], ['{{ typeOf (add 1 2) }}', 'int'],
]);

table('regular expressions (regex_test.go)', [
  ['{{ regexMatch "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,}" "test@acme.com" }}', 'true'], ['{{ regexMatch "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,}" "test@acme" }}', 'false'],
  ['{{ regexFindAll "a{2}" "aa" -1 | len }}', '1'], ['{{ regexFindAll "a{2}" "aaaaaaaa" 1 | len }}', '1'], ['{{ regexFindAll "a{2}" "aaaa" -1 | len }}', '2'],
  ['{{ regexFindAll "a{2}" "none" -1 | len }}', '0'], ['{{ regexFind "fo.?" "foorbar" }}', 'foo'], ['{{ regexFind "fo.?" "foo foe fome" }}', 'foo'], ['{{ regexFind "fo.?" "none" }}', ''],
  ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "T" }}', '-T-T-'], ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1" }}', '--xx-'], ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}', '---'],
  ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}', '-W-xxW-'], ['{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "$1" }}', '-$1-$1-'],
  ['{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}', '-${1}-${1}-'], ['{{ regexSplit "a" "banana" -1 | len }}', '4'], ['{{ regexSplit "a" "banana" 0 | len }}', '0'],
  ['{{ regexSplit "a" "banana" 1 | len }}', '1'], ['{{ regexSplit "a" "banana" 2 | len }}', '2'], ['{{ regexSplit "z+" "pizza" -1 | len }}', '2'], ['{{ regexSplit "z+" "pizza" 2 }}', '[pi a]'],
  ['{{ regexQuoteMeta "1.2.3" }}', '1\\.2\\.3'], ['{{ regexQuoteMeta "pretzel" }}', 'pretzel'],
  // RE2 syntax that JavaScript reads differently
  ['{{ regexReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "Ada Lovelace" "${last}, ${first}" }}', 'Lovelace, Ada'], ['{{ regexMatch "(?i)^abc$" "ABC" }}', 'true'],
  ['{{ regexMatch "^[[:digit:]]+\\\\z" "123" }}', 'true'], ['{{ regexMatch "\\\\Aa.b\\\\z" "a.b" }}', 'true'], ['{{ regexMatch "\\\\Qa.b\\\\E" "axb" }}', 'false'],
  ['{{ regexFindAll "a*" "baaab" -1 }}', '[ aaa ]'], ['{{ regexMatch "^[\\\\w-\\\\.]+$" "my-master.x" }}', 'true'], ['{{ regexMatch "^[\\\\w-\\\\.]+$" "a b" }}', 'false'],
  ['{{ regexMatch "^[[:alpha:]-x]+$" "ab-x" }}', 'true'], ['{{ regexMatch "^[\\\\d-]+$" "1-2" }}', 'true'], ['{{ regexMatch "^[\\\\_\\\\#]+$" "_#" }}', 'true'], ['{{ regexMatch "x{" "x{" }}', 'true'],
  ['{{ regexMatch "^\\\\p{Greek}+$" "αβγ" }}', 'true'], ['{{ regexMatch "^\\\\pL+$" "ab" }}', 'true'], ['{{ regexMatch "^\\\\p{^Greek}+$" "ab" }}', 'true'], ['{{ regexMatch "^\\\\P{Greek}$" "α" }}', 'false'], ['{{ regexMatch "^a\\\\101$" "aA" }}', 'true'], ['{{ regexMatch "(?=a)" "a" }}', 'false'],
]);

describe('errors of Sprig functions', () => {
  const fails = (tpl: string, message: string): void => {
    it(tpl, () => assert.throws(() => runt(tpl), (e: unknown) => e instanceof Error && e.message.endsWith(message)));
  };
  fails('{{ first "abc" }}', 'error calling first: Cannot find first on type string');
  fails('{{ last (dict) }}', 'error calling last: Cannot find last on type map');
  fails('{{ concat (list 1) 2 }}', 'error calling concat: Cannot concat type int as list');
  fails('{{ first nil }}', 'error calling first: runtime error: invalid memory address or nil pointer dereference');
  fails('{{ regexFind "(" "x" }}', 'error calling regexFind: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`');
  fails('{{ mustRegexFind "a(?=b)" "x" }}', 'error calling mustRegexFind: error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  fails('{{ mustRegexMatch "\\\\1" "x" }}', 'error calling mustRegexMatch: error parsing regexp: invalid escape sequence: `\\1`');
  fails('{{ div 1 0 }}', 'error calling div: runtime error: integer divide by zero');
  fails('{{ indent -2 "x" }}', 'error calling indent: strings: negative Repeat count');
  fails('{{ b64enc 5 }}', 'expected string; found 5');
  fails('{{ mustFromJson "{" }}', 'error calling mustFromJson: unexpected end of JSON input');
  fails('{{ semverCompare "" "1.0.0" }}', 'error calling semverCompare: improper constraint: ');
  fails('{{ semverCompare ">1" "x.y" }}', 'error calling semverCompare: Invalid Semantic Version');
  fails('{{ fail "stop here" }}', 'error calling fail: stop here');
  it('b64dec of bad input gives Go\'s error text, as Sprig does', () => assert.equal(runt('{{ b64dec "a" }}'), 'illegal base64 data at input byte 0'));
  it('env and expandenv are not there (Helm removes them)', () => assert.throws(() => runt('{{ env "HOME" }}'), /function "env" not defined/));
});
