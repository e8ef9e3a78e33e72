// Cases from Masterminds/sprig's semver_test.go, date_test.go and crypto_test.go, Masterminds/semver
// v3's constraints_test.go (MIT licences), and the stand-ins' own contract.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STAND_IN_NOW, sprigFuncs } from '../../../shared/src/helm/sprig/index';
import { hasNestedRepetition } from '../../../shared/src/helm/sprig/regex';
import { parseTime } from '../../../shared/src/helm/sprig/time';
import { timeStruct } from '../../../shared/src/helm/sprig/time';
import { TemplateSet, goFunc, goStruct } from '../../../shared/src/helm/template/index';

const map = (o: Record<string, unknown>): Record<string, unknown> => Object.assign(Object.create(null) as Record<string, unknown>, o);

function render(tpl: string, data: unknown = null, onStandIn?: (name: string) => void): string {
  const set = new TemplateSet(sprigFuncs(onStandIn ? { onStandIn } : {}));
  set.parse('test', tpl);
  return set.execute('test', data);
}

describe('semver (semver_test.go, Masterminds/semver constraints_test.go)', () => {
  const cases: [string, string][] = [
    ['{{ semverCompare "1.2.3" "1.2.3" }}', 'true'], ['{{ semverCompare "^1.2.0" "1.2.3" }}', 'true'], ['{{ semverCompare "^1.2.0" "2.2.3" }}', 'false'],
    ['{{ $s := semver "1.2.3-beta.1+c0ff33" }}{{ $s.Prerelease }}', 'beta.1'], ['{{ $s := semver "1.2.3-beta.1+c0ff33" }}{{ $s.Major}}', '1'],
    ['{{ semver "1.2.3" | (semver "1.2.3").Compare }}', '0'], ['{{ semver "1.2.3" | (semver "1.3.3").Compare }}', '1'], ['{{ semver "1.4.3" | (semver "1.2.3").Compare }}', '-1'],
    ['{{ semver "v1.2.3-rc.1+b5" }}', '1.2.3-rc.1+b5'], ['{{ (semver "1.2").Patch }}', '0'],
  ];
  for (const [tpl, want] of cases) it(tpl, () => assert.equal(render(tpl), want));
  const constraints: [string, string, boolean][] = [
    ['>=1.21.0-0', 'v1.25.3-gke.100', true], ['>=1.21.0', 'v1.25.3-gke.100', false], ['>=1.21.0-0', 'v1.20.15', false], ['<1.22.0-0', 'v1.21.14-eks-0389ca3', true],
    ['=2.0.0', '1.2.3', false], ['=2.0.0', '2.0.0', true], ['!=4.1.0', '4.1.0', false], ['!=4.1.0', '4.1.1', true], ['!=4.x', '5.1.0', true], ['!=4.x', '4.1.0', false],
    ['>1.1', '1.1.1', false], ['>1.1', '1.2.1', true], ['>11', '11.1.0', false], ['>11', '12.0.0', true], ['<1.1', '1.0.0', true], ['<1.1', '1.1.0', false],
    ['<=1.1', '1.1.1', true], ['<=1.1', '1.2.0', false], ['>=1.1', '1.1.0', true], ['>=1.1', '1.0.9', false],
    ['~1.2.3', '1.2.4', true], ['~1.2.3', '1.3.4', false], ['~1.2', '1.2.4', true], ['~1.2', '1.3.0', false], ['~1', '1.9.9', true], ['~1', '2.0.0', false],
    ['~0.0.0', '0.4.0', true], ['^1.2.3', '1.8.9', true], ['^1.2.3', '2.8.9', false], ['^1.2.3', '1.2.1', false], ['^0.2.3', '0.2.5', true], ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.3', true], ['^0.0.3', '0.0.4', false], ['^1.x', '1.1.1', true], ['^2.x', '1.1.1', false], ['1.2.x', '1.2.9', true], ['1.2.x', '1.3.0', false],
    ['*', '1.2.3', true], ['*', '1.2.3-alpha', false], ['2.x', '2.9.0', true], ['1.2 - 1.4.5', '1.3.9', true], ['1.2 - 1.4.5', '1.4.6', false],
    ['>=1.21.0-0 <1.30.0', 'v1.25.3-gke.100', true], ['>=1.21.0 <1.30.0-0', 'v1.25.3-gke.100', true], ['>=1.21.0 <1.30.0 || >=2.0.0-0', '1.25.3-gke.100', false],
    ['!=1.2.x', '1.2.0-beta', false], ['>= 1.1, < 2', '1.5.0', true], ['>= 1.1 < 2', '2.0.0', false], ['1.1 || 3.x', '3.4.0', true], ['1.1 || 3.x', '2.0.0', false], ['>1.0.0-beta', '1.0.0-rc', true],
  ];
  for (const [c, v, want] of constraints) {
    it(`${c} ${want ? 'matches' : 'does not match'} ${v}`, () => assert.equal(render(`{{ semverCompare ${JSON.stringify(c)} ${JSON.stringify(v)} }}`), String(want)));
  }
  it('bad constraints and versions are errors (TestSemverCompareErr)', () => {
    assert.throws(() => render('{{ semverCompare "badConstraint" "1.2.3" }}'), /error calling semverCompare: improper constraint: badConstraint/);
    assert.throws(() => render('{{ semverCompare "1.2.0" "badVersion" }}'), /error calling semverCompare: Invalid Semantic Version/);
  });
});

describe('dates (date_test.go) on the stand-in clock', () => {
  const tm = parseTime('02 Jan 06 15:04:05 MST', '13 Jun 19 20:39:39 GMT');
  it('parses and formats Go layouts', () => {
    assert.equal(render('{{toDate "2006-01-02" "2017-12-31" | date "02/01/2006"}}'), '31/12/2017');
    assert.equal(render('{{unixEpoch .Time}}', map({ Time: timeStruct(tm) })), '1560458379');
    assert.equal(render('{{ date_in_zone "02 Jan 06 15:04 -0700" .Time "UTC" }}', map({ Time: timeStruct(tm) })), '13 Jun 19 20:39 +0000');
    assert.equal(render('{{ date_in_zone "02 Jan 06 15:04 -0700" .Time "UTC" }}', map({ Time: 1560458379n })), '13 Jun 19 20:39 +0000');
    assert.equal(render('{{ date "Monday, January 2, 2006 3:04:05 PM MST" .Time }}', map({ Time: timeStruct(tm) })), 'Thursday, June 13, 2019 8:39:39 PM UTC');
    assert.equal(render('{{ htmlDate 0 }}'), '1970-01-01');
    assert.equal(render('{{ date "2006.01.02 15:04:05.000" .T }}', map({ T: timeStruct(Date.UTC(2020, 4, 6, 7, 8, 9, 120)) })), '2020.05.06 07:08:09.120');
    assert.equal(render('{{ date "15:04:05.999" .T }}|{{ date "Jan _2 002" .T }}', map({ T: timeStruct(Date.UTC(2020, 0, 5, 7, 8, 9, 100)) })), '07:08:09.1|Jan  5 005');
    assert.equal(render('{{ now }}'), '2025-01-01 00:00:00 +0000 UTC');
    assert.equal(render('{{ now | date "2006-01-02T15:04:05Z07:00" }}'), '2025-01-01T00:00:00Z');
    assert.equal(render('{{ (now).Year }} {{ now | unixEpoch }}'), `2025 ${STAND_IN_NOW / 1000}`);
    assert.equal(render('{{ now | dateModify "-1.5h" | date "2006-01-02 15:04" }}'), '2024-12-31 22:30');
  });
  it('ago, duration and durationRound', () => {
    assert.equal(render('{{ ago .Time }}', map({ Time: timeStruct(STAND_IN_NOW - 125_000) })), '2m5s');
    assert.equal(render('{{ ago .Time }}', map({ Time: timeStruct(STAND_IN_NOW - (2 * 3600 + 34 * 60 + 17) * 1000) })), '2h34m17s');
    assert.equal(render('{{ ago .Time }}', map({ Time: timeStruct(STAND_IN_NOW + 5000) })), '-5s');
    assert.equal(render('{{ durationRound .Time }}', map({ Time: '2h5s' })), '2h');
    assert.equal(render('{{ durationRound .Time }}', map({ Time: '24h5s' })), '1d');
    assert.equal(render('{{ durationRound .Time }}', map({ Time: '2400h5s' })), '3m');
    assert.equal(render('{{ duration 95 }}'), '1m35s');
    assert.throws(() => render('{{ mustToDate "2006-01-02" "nope" }}'), /parsing time "nope"/);
  });
});

describe('hashes and encodings (crypto_test.go)', () => {
  const cases: [string, string][] = [
    ['{{"abc" | sha1sum}}', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['{{"abc" | sha256sum}}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['{{"abc" | sha512sum}}', 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'],
    ['{{"abc" | adler32sum}}', '38600999'],
  ];
  for (const [tpl, want] of cases) it(tpl, () => assert.equal(render(tpl), want));
});

describe('paths, URLs and reflection', () => {
  const cases: [string, string][] = [
    ['{{ base "foo/bar/baz.txt" }}', 'baz.txt'], ['{{ dir "foo/bar/baz" }}', 'foo/bar'], ['{{ clean "foo/../bar/./baz" }}', 'bar/baz'], ['{{ ext "foo.bar" }}', '.bar'],
    ['{{ isAbs "/foo" }} {{ isAbs "foo" }}', 'true false'], ['{{ base "" }}{{ dir "" }}{{ clean "" }}', '...'], ['{{ base "/" }}', '/'],
    ['{{ $u := urlParse "proto://auth@host:80/path?query#fragment" }}{{ $u.scheme }}|{{ $u.host }}|{{ $u.hostname }}|{{ $u.path }}|{{ $u.query }}|{{ $u.fragment }}|{{ $u.userinfo }}', 'proto|host:80|host|/path|query|fragment|auth'],
    ['{{ urlJoin (dict "fragment" "fragment" "host" "host:80" "path" "/path" "query" "query" "scheme" "proto") }}', 'proto://host:80/path?query#fragment'],
    ['{{ urlJoin (dict "host" "host:80" "path" "/path" "query" "query" "scheme" "proto" "userinfo" "ASDJKJSD") }}', 'proto://ASDJKJSD@host:80/path?query'],
    ['{{ kindOf 1 }} {{ kindOf 1.5 }} {{ kindOf "a" }} {{ kindOf (list) }} {{ kindOf (dict) }} {{ kindOf nil }} {{ kindOf true }}', 'int float64 string slice map invalid bool'],
    ['{{ typeOf 1 }} {{ typeOf 1.5 }} {{ typeOf (list) }} {{ typeOf (dict) }} {{ typeOf nil }}', 'int float64 []interface {} map[string]interface {} <nil>'],
    ['{{ kindIs "map" (dict) }} {{ typeIs "string" "x" }} {{ typeIsLike "string" "x" }}', 'true true true'],
    ['{{ deepEqual (list 1 (dict "a" 1)) (list 1 (dict "a" 1)) }} {{ deepEqual (list 1) (list 2) }}', 'true false'],
  ];
  for (const [tpl, want] of cases) it(tpl, () => assert.equal(render(tpl), want));
});

describe('stand-ins for random, time and certificate functions', () => {
  it('give the same output on every run and report each use', () => {
    const tpl = '{{ randAlphaNum 10 }}|{{ randAlpha 4 }}|{{ randNumeric 6 }}|{{ randAscii 3 }}|{{ uuidv4 }}|{{ randBytes 4 }}|{{ shuffle "abcdef" }}|{{ randInt 3 9 }}';
    const used: string[] = [];
    const first = render(tpl, null, (n) => used.push(n));
    assert.equal(render(tpl), first);
    const [an, a, num, ascii, uuid, bytes, shuffled, int] = first.split('|') as [string, string, string, string, string, string, string, string];
    assert.match(an, /^[A-Za-z0-9]{10}$/);
    assert.match(a, /^[A-Za-z]{4}$/);
    assert.match(num, /^[0-9]{6}$/);
    assert.equal(ascii.length, 3);
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(bytes, /^[A-Za-z0-9+/]{6}==$/);
    assert.deepEqual([...shuffled].sort().join(''), 'abcdef');
    assert.equal(int, '3');
    assert.deepEqual(used, ['randAlphaNum', 'randAlpha', 'randNumeric', 'randAscii', 'uuidv4', 'randBytes', 'shuffle', 'randInt']);
  });
  it('certificates have Cert and Key in PEM form, the same for the same arguments', () => {
    const used: string[] = [];
    const out = render('{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc" nil (list "svc.ns") 365 $ca }}{{ $ca.Cert }}{{ $c.Key }}{{ genPrivateKey "ecdsa" }}', null, (n) => used.push(n));
    assert.match(out, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+-----END RSA PRIVATE KEY-----\n-----BEGIN EC PRIVATE KEY-----\n[\s\S]+-----END EC PRIVATE KEY-----\n$/);
    assert.equal(render('{{ (genCA "my-ca" 365).Cert }}'), render('{{ (genCA "my-ca" 365).Cert }}'));
    assert.notEqual(render('{{ (genCA "a" 365).Cert }}'), render('{{ (genCA "b" 365).Cert }}'));
    assert.deepEqual(used, ['genCA', 'genSignedCert', 'genPrivateKey']);
  });
  it('encryptAES and decryptAES round-trip; htpasswd has the user and a bcrypt-shaped hash', () => {
    assert.equal(render('{{ encryptAES "secretkey" "plaintext" | decryptAES "secretkey" }}'), 'plaintext');
    assert.match(render('{{ htpasswd "myUser" "myPassword" }}'), /^myUser:\$2a\$10\$[A-Za-z0-9./]{53}$/);
    assert.equal(render('{{ htpasswd "my:User" "p" }}'), 'invalid username: my:User');
    assert.match(render('{{ derivePassword 1 "long" "password" "user" "example.com" }}'), /^[A-Za-z0-9]{20}$/);
  });
  it('the clock is reported when a template reads it', () => {
    const used: string[] = [];
    render('{{ now | date "2006" }}{{ date "2006" 0 }}', null, (n) => used.push(n));
    assert.deepEqual(used, ['now']);
  });
});

describe('regular expressions that JavaScript could run for ever', () => {
  it('are refused over long inputs, with a message, and run over short ones', () => {
    const long = `${'a'.repeat(20_000)}!`;
    assert.equal(render('{{ regexMatch "^(a+)+$" .s }}', map({ s: 'aaaa' })), 'true');
    assert.throws(() => render('{{ mustRegexMatch "^(a+)+$" .s }}', map({ s: long })), /nested repetition not run on 20001 characters/);
    assert.equal(render('{{ regexMatch "^(a+)+$" .s }}', map({ s: long })), 'false');
    assert.equal(render('{{ regexMatch "^a+$" .s }}', map({ s: long })), 'false');
    assert.ok(hasNestedRepetition('(x|y*)*') && hasNestedRepetition('((ab)+c)*') && hasNestedRepetition('(a{2,})+'));
    assert.ok(!hasNestedRepetition('(ab)+c*') && !hasNestedRepetition('[(a+)]+') && !hasNestedRepetition('\\(a+\\)+'));
  });
});

describe('JSON of structs', () => {
  it('writes the fields by Go name, or what toJSON gives (json tags)', () => {
    const plain = goStruct('T', { Name: 'n', Skip: goFunc([], undefined, () => 1n) });
    const tagged = goStruct('*chart.Metadata', { Name: 'n' }, { pointer: true, toJSON: () => map({ name: 'n', apiVersion: 'v2' }) });
    assert.equal(render('{{ toJson .a }} {{ toJson .b }}', map({ a: plain, b: tagged })), '{"Name":"n"} {"apiVersion":"v2","name":"n"}');
  });
});

describe('the function map', () => {
  // Sprig v3's genericMap (functions.go) without env and expandenv, which Helm's engine deletes
  const names = [
    'hello', 'ago', 'date', 'date_in_zone', 'date_modify', 'dateInZone', 'dateModify', 'duration', 'durationRound', 'htmlDate', 'htmlDateInZone',
    'must_date_modify', 'mustDateModify', 'mustToDate', 'now', 'toDate', 'unixEpoch', 'abbrev', 'abbrevboth', 'trunc', 'trim', 'upper', 'lower',
    'title', 'untitle', 'substr', 'repeat', 'trimall', 'trimAll', 'trimSuffix', 'trimPrefix', 'nospace', 'initials', 'randAlphaNum', 'randAlpha',
    'randAscii', 'randNumeric', 'swapcase', 'shuffle', 'snakecase', 'camelcase', 'kebabcase', 'wrap', 'wrapWith', 'contains', 'hasPrefix',
    'hasSuffix', 'quote', 'squote', 'cat', 'indent', 'nindent', 'replace', 'plural', 'sha1sum', 'sha256sum', 'adler32sum', 'toString', 'atoi',
    'int64', 'int', 'float64', 'seq', 'toDecimal', 'split', 'splitList', 'splitn', 'toStrings', 'until', 'untilStep', 'add1', 'add', 'sub', 'div',
    'mod', 'mul', 'randInt', 'add1f', 'addf', 'subf', 'divf', 'mulf', 'biggest', 'max', 'min', 'maxf', 'minf', 'ceil', 'floor', 'round', 'join',
    'sortAlpha', 'default', 'empty', 'coalesce', 'all', 'any', 'compact', 'mustCompact', 'fromJson', 'toJson', 'toPrettyJson', 'toRawJson',
    'mustFromJson', 'mustToJson', 'mustToPrettyJson', 'mustToRawJson', 'ternary', 'deepCopy', 'mustDeepCopy', 'typeOf', 'typeIs', 'typeIsLike',
    'kindOf', 'kindIs', 'deepEqual', 'getHostByName', 'base', 'dir', 'clean', 'ext', 'isAbs', 'osBase', 'osClean', 'osDir', 'osExt', 'osIsAbs',
    'b64enc', 'b64dec', 'b32enc', 'b32dec', 'tuple', 'list', 'dict', 'get', 'set', 'unset', 'hasKey', 'pluck', 'keys', 'pick', 'omit', 'merge',
    'mergeOverwrite', 'mustMerge', 'mustMergeOverwrite', 'values', 'append', 'push', 'mustAppend', 'mustPush', 'prepend', 'mustPrepend', 'first',
    'mustFirst', 'rest', 'mustRest', 'last', 'mustLast', 'initial', 'mustInitial', 'reverse', 'mustReverse', 'uniq', 'mustUniq', 'without',
    'mustWithout', 'has', 'mustHas', 'slice', 'mustSlice', 'concat', 'dig', 'chunk', 'mustChunk', 'bcrypt', 'htpasswd', 'genPrivateKey',
    'derivePassword', 'buildCustomCert', 'genCA', 'genCAWithKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert',
    'genSignedCertWithKey', 'encryptAES', 'decryptAES', 'randBytes', 'uuidv4', 'semver', 'semverCompare', 'fail', 'regexMatch', 'mustRegexMatch',
    'regexFindAll', 'mustRegexFindAll', 'regexFind', 'mustRegexFind', 'regexReplaceAll', 'mustRegexReplaceAll', 'regexReplaceAllLiteral',
    'mustRegexReplaceAllLiteral', 'regexSplit', 'mustRegexSplit', 'regexQuoteMeta', 'urlParse', 'urlJoin',
  ];
  it('has every function Helm gets from Sprig, and no env or expandenv', () => {
    const f = sprigFuncs();
    assert.deepEqual(names.filter((n) => !Object.prototype.hasOwnProperty.call(f, n)), []);
    assert.ok(!('env' in f) && !('expandenv' in f));
  });
  it('trimall and must_date_modify are the old spellings', () => {
    assert.equal(render('{{ trimall "$" "$5$" }}'), '5');
    assert.equal(render('{{ now | must_date_modify "1h" | date "15" }}'), '01');
  });
});
