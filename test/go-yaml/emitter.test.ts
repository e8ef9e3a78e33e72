// Helm's toYaml and kustomize's output both print through go-yaml v2 (sigs.k8s.io/yaml), and both
// write their scalars with go-yaml/emitter.ts: the same string gets the same text from either.
// Expected texts follow go-yaml v2's emitterc.go (yaml_emitter_analyze_scalar, select_scalar_style,
// the write_*_scalar functions) and yamlprivateh.go (is_printable: a character beyond the BMP or NEL
// is not printable, so the string is double-quoted with an escape).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toYaml } from '../../shared/src/helm/to-yaml';
import { writeYaml } from '../../shared/src/kustomize/yaml-write';

const CASES: readonly (readonly [string, string])[] = [
  ['plain', 'key: plain'],
  ['yes', 'key: "yes"'],
  ['123', 'key: "123"'],
  ['1:20', 'key: "1:20"'],
  ['', 'key: ""'],
  [' lead', "key: ' lead'"],
  ['trail ', "key: 'trail '"],
  ['a: b', "key: 'a: b'"],
  ['#x', "key: '#x'"],
  ["it's", "key: it's"],
  ['multi\nline\n', 'key: |\n  multi\n  line'],
  ['keep\n\n', 'key: |+\n  keep\n'],
  ['strip\nend', 'key: |-\n  strip\n  end'],
  ['tab\tx', 'key: "tab\\tx"'],
  ['cr\rx', 'key: "cr\\rx"'],
  ['nel\u0085x', 'key: "nel\\Nx"'],
  ['emoji \u{1F600}', 'key: "emoji \\U0001F600"'],
  // a plain scalar folds at the first single space past column 80, continuing indented under the key
  [`${'x'.repeat(50)} ${'y'.repeat(40)} z`, `key: ${'x'.repeat(50)} ${'y'.repeat(40)}\n  z`],
  [`'${'q'.repeat(80)} r`, `key: '''${'q'.repeat(80)}\n  r'`],
];

test('Helm toYaml and kustomize write a scalar the same, as go-yaml v2 does', () => {
  for (const [value, expected] of CASES) {
    assert.equal(toYaml({ key: value }), expected, `toYaml ${JSON.stringify(value)}`);
    assert.equal(writeYaml({ key: value }), `${expected}\n`, `writeYaml ${JSON.stringify(value)}`);
  }
});

test('a scalar nested in a sequence continues under its item', () => {
  const long = `${'w'.repeat(80)} tail`;
  const expected = `items:\n- ${'w'.repeat(80)}\n  tail\n`;
  assert.equal(writeYaml({ items: [long] }), expected);
  assert.equal(`${toYaml({ items: [long] })}\n`, expected);
});
