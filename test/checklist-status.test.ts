import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checklistStatus } from '../shared/src/checklist/status';
import { ITEMS } from '../shared/src/checklist';
import { DEFAULT_CONFIG, type Config } from '../shared/src/config';
import { lintText } from '../shared/src/lint';
import { preferCopy } from '../shared/src/rules/dockerfile/prefer-copy';
import type { FileKind } from '../shared/src/types';

const rules = [preferCopy];
const statusOf = (text: string | undefined, kinds: FileKind[], config: Config = DEFAULT_CONFIG) => {
  const results = text === undefined ? [] : lintText('file:///w/Dockerfile', text, { rules, config }).results;
  return checklistStatus({ results, kinds: new Set(kinds), config, rules });
};
const find = (statuses: ReturnType<typeof checklistStatus>, id: string) => statuses.find((s) => s.id === id)!;
const manualId = ITEMS.find((i) => !i.checkable)!.id;

describe('checklistStatus', () => {
  it('lists every catalogue item once', () => {
    const s = statusOf(undefined, []);
    assert.equal(s.length, ITEMS.length);
    assert.equal(new Set(s.map((x) => x.id)).size, ITEMS.length);
  });
  it('fails an item whose rule has a finding, with the findings attached', () => {
    const s = find(statusOf('FROM alpine:3\nADD a /a\nADD b /b\n', ['dockerfile']), 'CSVS-3.11');
    assert.equal(s.state, 'failed');
    assert.equal(s.findings.length, 2);
    assert.deepEqual(s.rules, ['dockerfile/prefer-copy']);
  });
  it('passes an item whose rules ran without findings', () => {
    assert.equal(find(statusOf('FROM alpine:3\nCOPY a /a\n', ['dockerfile']), 'CSVS-3.11').state, 'passed');
  });
  it('is not applicable when no file of the rule kind was scanned, or the rule is off', () => {
    assert.equal(find(statusOf(undefined, ['kubernetes']), 'CSVS-3.11').state, 'not-applicable');
    const off: Config = { ...DEFAULT_CONFIG, rules: { 'dockerfile/prefer-copy': 'off' } };
    assert.equal(find(statusOf('FROM alpine:3\nADD a /a\n', ['dockerfile'], off), 'CSVS-3.11').state, 'not-applicable');
  });
  it('shows manual items, attested when the configuration records it', () => {
    assert.equal(find(statusOf(undefined, ['dockerfile']), manualId).state, 'manual');
    const config: Config = { ...DEFAULT_CONFIG, attestations: [{ item: manualId, by: 'Jana', date: '2026-11-02', note: 'drill done' }] };
    const s = find(statusOf(undefined, ['dockerfile'], config), manualId);
    assert.equal(s.state, 'attested');
    assert.equal(s.attestation?.by, 'Jana');
  });
});
