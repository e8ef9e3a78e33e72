// toYaml must write what sigs.k8s.io/yaml over go-yaml v2 writes; the expectations follow go-yaml
// v2's encode_test.go and outputs of Helm's toYaml.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toGo } from '../../shared/src/helm/go-value';
import { keyLess, toYaml } from '../../shared/src/helm/to-yaml';

const y = (v: unknown): string => toYaml(toGo(v));

describe('toYaml', () => {
  it('writes block mappings with sorted keys and sequences not indented under their key', () => {
    assert.equal(y({ b: [1, 2], a: { c: 'x' } }), 'a:\n  c: x\nb:\n- 1\n- 2');
  });
  it('writes maps inside sequences on the dash line and nested sequences as "- -"', () => {
    assert.equal(y([{ a: 1, b: 2 }, [1, 2]]), '- a: 1\n  b: 2\n- - 1\n  - 2');
  });
  it('writes empty collections in flow style and nil as null', () => {
    assert.equal(y({ m: {}, l: [], n: null }), 'l: []\nm: {}\n"n": null');
  });
  it('double-quotes strings that would read back as another type (YAML 1.1 booleans, numbers, dates, null)', () => {
    assert.equal(y({ a: 'yes', b: 'y', c: '1.0', d: '0777', e: '2020-01-01', f: 'null', g: '', h: '1e3', i: '12:30' }), 'a: "yes"\nb: "y"\nc: "1.0"\nd: "0777"\ne: "2020-01-01"\nf: "null"\ng: ""\nh: "1e3"\ni: "12:30"');
  });
  it('single-quotes strings with indicators and double-quotes strings with tabs or control characters', () => {
    assert.equal(y({ a: 'x: y', b: "it's", c: ' lead', d: 'tab\there', e: '*star', f: '- item', g: 'a #b', h: 'x\u0001' }), "a: 'x: y'\nb: it's\nc: ' lead'\nd: \"tab\\there\"\ne: '*star'\nf: '- item'\ng: 'a #b'\nh: \"x\\x01\"");
  });
  it('writes multi-line strings as literal blocks with chomping indicators', () => {
    assert.equal(y({ a: 'x\ny\n', b: 'x\ny', c: 'x\n\n' }), 'a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n');
    assert.equal(y({ a: '  indented\nline' }), 'a: |2-\n    indented\n  line');
  });
  it('falls back to double quotes for multi-line strings with trailing spaces', () => {
    assert.equal(y({ a: 'x \ny' }), 'a: "x \\ny"');
  });
  it('folds long plain strings after column 80 at a space', () => {
    const long = `${'a'.repeat(50)} ${'b'.repeat(40)} ccc`;
    assert.equal(y({ k: long }), `k: ${'a'.repeat(50)} ${'b'.repeat(40)}\n  ccc`);
  });
  it('prints float64 values as Go does through JSON: integers plain, others with %g', () => {
    assert.equal(y({ a: 1, b: 1.5, c: 1e6, d: 1234567.5, e: 0.00001, f: 1e21 }), 'a: 1\nb: 1.5\nc: 1000000\nd: 1.2345675e+06\ne: 1e-05\nf: 1e+21');
    assert.equal(y({ i: 9007199254740993n }), 'i: 9007199254740993');
  });
  it('returns "null" for nil and a bare scalar for strings', () => {
    assert.equal(y(null), 'null');
    assert.equal(y('plain'), 'plain');
  });
  it('escapes characters beyond the BMP in double quotes, as go-yaml v2 does', () => {
    assert.equal(y({ e: 'smile 😀' }), 'e: "smile \\U0001F600"');
    assert.equal(y({ u: 'grüße' }), 'u: grüße');
  });
});

describe('go-yaml key order', () => {
  it('compares digit runs as numbers and puts non-letters before letters', () => {
    assert.equal(keyLess('a2', 'a10'), true);
    assert.equal(keyLess('a10', 'a2'), false);
    assert.equal(keyLess('_a', 'A_'), true);
    assert.equal(keyLess('ab', 'abc'), true);
  });
});
