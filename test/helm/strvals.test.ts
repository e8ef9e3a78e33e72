// --set parsing, after the cases of Helm's pkg/strvals/parser_test.go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newMap, type GoMap } from '../../shared/src/helm/go-value';
import { parseSet, parseSetJson, parseSetString, StrvalsError } from '../../shared/src/helm/strvals';

const plain = (m: unknown): unknown => JSON.parse(JSON.stringify(m, (_k, v: unknown) => (typeof v === 'bigint' ? `int:${v}` : v)));
const set = (s: string, into: GoMap = newMap()): unknown => {
  parseSet(s, into);
  return plain(into);
};

describe('strvals', () => {
  it('types values as Helm does: int64 for integers not starting with 0, booleans and null in any case', () => {
    assert.deepEqual(set('a=1234567890,b=true,c=NULL,d=0,e=00009,f=1.5,g=False,h=-3'), { a: 'int:1234567890', b: true, c: null, d: 'int:0', e: '00009', f: '1.5', g: false, h: 'int:-3' });
  });
  it('nests by dots and lists by index, padding lists with nil', () => {
    assert.deepEqual(set('outer.inner=value,list[1]=foo,l2[0].a=b,l2[0].c=d,n[0][0]=1'), { outer: { inner: 'value' }, list: [null, 'foo'], l2: [{ a: 'b', c: 'd' }], n: [['int:1']] });
  });
  it('un-escapes commas, dots and backslashes', () => {
    assert.deepEqual(set('name=one\\,two,k\\.x=v,p=a\\\\b'), { name: 'one,two', 'k.x': 'v', p: 'a\\b' });
  });
  it('reads {a,b} as a list', () => {
    assert.deepEqual(set('name={a,b,c},x=1'), { name: ['a', 'b', 'c'], x: 'int:1' });
  });
  it('overwrites into an existing map', () => {
    const m = newMap();
    parseSet('a.b=1', m);
    parseSet('a.c=2', m);
    assert.deepEqual(plain(m), { a: { b: 'int:1', c: 'int:2' } });
  });
  it('keeps strings with --set-string and parses JSON with --set-json', () => {
    const m = newMap();
    parseSetString('a=true,b=10', m);
    assert.deepEqual(plain(m), { a: 'true', b: '10' });
    const j = newMap();
    parseSetJson('a={"x":[1,2]},b=', j);
    assert.deepEqual(plain(j), { a: { x: [1, 2] }, b: null });
  });
  it('gives Helm\'s errors for keys without values and bad indexes', () => {
    assert.throws(() => set('name1.name2'), (e: Error) => e instanceof StrvalsError && e.message === 'key "name2" has no value');
    assert.throws(() => set('name1,name2=x'), (e: Error) => e.message === 'key "name1" has no value (cannot end with ,)');
    assert.throws(() => set('list[-30].hello=foo'), (e: Error) => e.message === 'negative -30 index not allowed');
    assert.throws(() => set('list[65537]=x'), (e: Error) => e.message === 'index of 65537 is greater than maximum supported index of 65536');
    assert.throws(() => set('a={x,y'), (e: Error) => e.message === "list must terminate with '}'");
  });
});
