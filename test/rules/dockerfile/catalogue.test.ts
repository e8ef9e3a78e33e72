import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { itemById } from '../../../shared/src/checklist';
import { DOCKERFILE_RULES } from '../../../shared/src/rules/dockerfile';

const rulesDir = join(__dirname, '../../../shared/src/rules/dockerfile');
const strings = (l: { en: string; de: string }): string[] => [l.en, l.de];

describe('Dockerfile rule catalogue', () => {
  it('is sorted by id, ids are unique and match their files and tests', () => {
    const ids = DOCKERFILE_RULES.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      const name = id.replace(/^dockerfile\//, '');
      assert.ok(existsSync(join(rulesDir, `${name}.ts`)), `${id}: rule file`);
      assert.ok(existsSync(join(__dirname, `${name}.test.ts`)), `${id}: test file`);
    }
  });

  for (const rule of DOCKERFILE_RULES) {
    it(`${rule.id}: metadata complete in English and German`, () => {
      assert.equal(rule.kind, 'dockerfile');
      const texts = [rule.title, rule.docs.rationale, rule.docs.fix, ...Object.values(rule.messages)].flatMap(strings);
      assert.ok(texts.every((t) => t.trim().length > 0));
      assert.ok(Object.values(rule.messages).every((m) => m.en !== m.de), 'German differs from English');
      assert.ok(rule.docs.bad.length > 0 && rule.docs.good.length > 0 && rule.docs.bad !== rule.docs.good);
      for (const m of Object.values(rule.messages)) {
        const names = (t: string): string[] => [...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!).sort();
        assert.deepEqual(names(m.en), names(m.de), 'same placeholders in en and de');
      }
      for (const ref of rule.references) assert.ok(itemById(ref), `${ref} exists in the checklist`);
      assert.ok(rule.levels.length > 0);
      const csvsLevels = new Set(rule.references.flatMap((r) => itemById(r)?.levels ?? []));
      if (csvsLevels.size > 0) assert.deepEqual([...rule.levels].sort(), [...csvsLevels].sort(), 'levels follow the cited CSVS items');
      for (const eq of rule.equivalents ?? []) assert.match(eq, /^(hadolint:(?:DL|SC)\d{4}|checkov:CKV2?_DOCKER_\d+|trivy:DS\d{3}|buildkit:[A-Za-z]+)$/);
    });
  }
});
