import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Memo, MemoKey } from '../shared/src/memo';
import { parseDockerfile } from '../shared/src/parse/dockerfile';
import { runs } from '../shared/src/rules/dockerfile/support/stages';

describe('Memo', () => {
  it('computes a value once per key, undefined included, and keeps keys apart', () => {
    const memo = new Memo();
    const a = new MemoKey<number>('a');
    const b = new MemoKey<number | undefined>('b');
    let calls = 0;
    assert.equal(memo.get(a, () => ++calls), 1);
    assert.equal(memo.get(a, () => ++calls), 1);
    assert.equal(memo.get(b, () => (calls++, undefined)), undefined);
    assert.equal(memo.get(b, () => (calls++, 7)), undefined);
    assert.equal(calls, 2);
    assert.equal(new Memo().get(a, () => 5), 5, 'another object has caches of its own');
  });
  it('keeps what rules derive from a file with that file', () => {
    const text = 'FROM alpine:3.20\nRUN apk add curl\n';
    const file = parseDockerfile('file:///w/Dockerfile', text);
    assert.equal(runs(file), runs(file), 'the RUNs are read once per file');
    assert.notEqual(runs(parseDockerfile('file:///w/Dockerfile', text)), runs(file), 'a new parse reads them again');
  });
});
