import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { itemById } from '../../../shared/src/checklist';
import { COMPOSE_RULES } from '../../../shared/src/rules/compose';

const RULE_DIR = join(__dirname, '..', '..', '..', 'shared', 'src', 'rules', 'compose');
const HELPERS = new Set(['index.ts', 'common.ts', 'ports.ts']);

describe('compose rule catalogue', () => {
  it('lists every rule file once, sorted by id, each id equal to its path', () => {
    const files = readdirSync(RULE_DIR).filter((f) => f.endsWith('.ts') && !HELPERS.has(f)).map((f) => `compose/${f.slice(0, -3)}`).sort();
    const ids = COMPOSE_RULES.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort(), 'sorted by id');
    assert.deepEqual([...ids].sort(), files);
    assert.ok(COMPOSE_RULES.every((r) => r.kind === 'compose'));
  });

  for (const rule of COMPOSE_RULES) {
    it(`${rule.id}: references exist, levels follow the cited CSVS items, texts in en and de`, () => {
      assert.ok(rule.references.length > 0, 'cites at least one checklist item');
      for (const ref of rule.references) assert.ok(itemById(ref), `${ref} exists in items.json`);
      const csvs = rule.references.filter((r) => r.startsWith('CSVS-'));
      if (csvs.length > 0) {
        const levels = new Set(csvs.flatMap((r) => itemById(r)?.levels ?? []));
        assert.deepEqual([...rule.levels].sort(), [...levels].sort(), 'levels = the cited CSVS items\' levels');
      }
      assert.ok(rule.levels.length > 0);
      const texts = [rule.title, rule.docs.rationale, rule.docs.fix, ...Object.values(rule.messages)];
      for (const t of texts) assert.ok(t.en.trim() && t.de.trim() && t.en !== t.de, `en and de: ${t.en}`);
      assert.ok(rule.docs.bad.includes('services:') && rule.docs.good.includes('services:'), 'bad and good examples');
      assert.notEqual(rule.docs.bad, rule.docs.good);
      for (const m of Object.values(rule.messages)) {
        const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!.replace(/De$/, '')).sort();
        assert.deepEqual(placeholders(m.de), placeholders(m.en), `same placeholders in en and de: ${m.en}`);
      }
    });
  }
});
