import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../shared/src/config';
import { addAttestation, removeAttestation, type ConfigEditResult } from '../../shared/src/config-edit';

const a = { item: 'CL-6.1.1', by: 'Jana Berg', date: '2026-11-23', note: 'Schulung am 20.11.' };

const textOf = (r: ConfigEditResult): string => {
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.text;
};

describe('addAttestation', () => {
  it('creates the list in an empty file', () => {
    const out = textOf(addAttestation('', a));
    assert.equal(out, 'attestations:\n  - item: CL-6.1.1\n    by: Jana Berg\n    date: 2026-11-23\n    note: Schulung am 20.11.\n');
    assert.deepEqual(parseConfigText(out).config.attestations, [a]);
  });

  it('keeps comments, other keys and their order', () => {
    const src = '# team config\nlevel: L2 # stricter later\nrules:\n  dockerfile/prefer-copy: off # we need ADD\n';
    const out = textOf(addAttestation(src, a));
    assert.ok(out.startsWith(src), out);
    assert.match(out, /\nattestations:\n  - item: CL-6.1.1\n/);
    const parsed = parseConfigText(out);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.config.level, 'L2');
    assert.equal(parsed.config.rules['dockerfile/prefer-copy'], 'off');
  });

  it('appends to an existing list and replaces an earlier attestation of the same item', () => {
    const src = 'attestations:\n  # drills\n  - item: CSC-6.1.1\n    by: Max\n    date: 2026-01-02\n  - item: CL-6.1.1\n    by: Old\n    date: 2025-01-01\n';
    const out = textOf(addAttestation(src, a));
    assert.match(out, /# drills/);
    const list = parseConfigText(out).config.attestations;
    assert.deepEqual(list.map((x) => [x.item, x.by]), [['CSC-6.1.1', 'Max'], ['CL-6.1.1', 'Jana Berg']]);
  });

  it('keeps the file\'s unindented sequence style and its indentation width', () => {
    const src = 'trustedRegistries:\n- registry.example.com\nignorePaths:\n- vendor/\npinning:\n    enabled: false\n';
    const out = textOf(addAttestation(src, { item: 'X-1', by: 'me', date: '2026-11-23' }));
    assert.ok(out.startsWith('trustedRegistries:\n- registry.example.com\nignorePaths:\n- vendor/\npinning:\n    enabled: false\n'), out);
    assert.match(out, /\nattestations:\n- item: X-1\n  by: me\n  date: 2026-11-23\n$/);
  });

  it('fills `attestations:` with no value and an empty flow list', () => {
    assert.deepEqual(parseConfigText(textOf(addAttestation('attestations:\n', a))).config.attestations, [a]);
    const out = textOf(addAttestation('attestations: []\n', a));
    assert.deepEqual(parseConfigText(out).config.attestations, [a]);
    assert.match(out, /^attestations:\n  - item/);
  });

  it('omits the note when there is none and quotes values that need it', () => {
    const out = textOf(addAttestation('', { item: 'CL-7.1.1', by: 'root: admin', date: '2026-11-23' }));
    assert.doesNotMatch(out, /note/);
    assert.equal(parseConfigText(out).config.attestations[0]?.by, 'root: admin');
  });

  it('refuses invalid YAML and non-mapping files instead of overwriting them', () => {
    const bad = addAttestation('level: [L1\n', a);
    assert.equal(bad.ok, false);
    assert.equal(addAttestation('- a\n- b\n', a).ok, false);
    assert.equal(addAttestation('attestations: yes\n', a).ok, false);
  });
});

describe('removeAttestation', () => {
  it('removes the item and keeps the rest with its comments', () => {
    const src = 'level: L1\nattestations:\n  - item: CSC-6.1.1 # drill\n    by: Max\n    date: 2026-01-02\n  - item: CL-6.1.1\n    by: Jana\n    date: 2026-11-23\n';
    const out = textOf(removeAttestation(src, 'CL-6.1.1'));
    assert.equal(out, 'level: L1\nattestations:\n  - item: CSC-6.1.1 # drill\n    by: Max\n    date: 2026-01-02\n');
  });

  it('drops the key when the list becomes empty', () => {
    const out = textOf(removeAttestation('# config\nlevel: L1\nattestations:\n  - item: CL-6.1.1\n    by: Jana\n    date: 2026-11-23\n', 'CL-6.1.1'));
    assert.equal(out, '# config\nlevel: L1\n');
  });

  it('leaves the text untouched when the item is not attested', () => {
    const src = 'level: L1 # keep\n';
    const r = removeAttestation(src, 'CL-6.1.1');
    assert.deepEqual(r, { ok: true, text: src, changed: false });
  });

  it('round-trips: add then remove gives the original text back', () => {
    const src = '# Bollwerk\nlevel: L2\n\nrules:\n  k8s/read-only-root-filesystem: error\n';
    assert.equal(textOf(removeAttestation(textOf(addAttestation(src, a)), a.item)), src);
  });
});
