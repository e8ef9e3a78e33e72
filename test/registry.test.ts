// The rule catalogue as a whole: ids, files, tests, translations, levels and its coverage of the
// checklists. The last two checks stay strict: an uncovered checkable item is a gap to close.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OWASP_K8S_TOP_10 } from '../shared/src/checklist/external';
import { ITEMS, itemById } from '../shared/src/checklist/index';
import { RULES } from '../shared/src/rules';
import type { FileKind, Localized, Rule } from '../shared/src/types';

const ROOT = join(__dirname, '..');
const DIR: Record<FileKind, string> = { dockerfile: 'dockerfile', compose: 'compose', kubernetes: 'kubernetes', pipeline: 'ci' };
const PREFIX: Record<FileKind, string> = { dockerfile: 'dockerfile/', compose: 'compose/', kubernetes: 'k8s/', pipeline: 'ci/' };

/** The file a rule must live in: shared/src/rules/<kind dir>/<name>.ts. */
const fileOf = (rule: Rule): string => join(ROOT, 'shared/src/rules', DIR[rule.kind], `${rule.id.slice(PREFIX[rule.kind].length)}.ts`);
const testOf = (rule: Rule): string => join(ROOT, 'test/rules', DIR[rule.kind], `${rule.id.slice(PREFIX[rule.kind].length)}.test.ts`);

const filled = (s: Localized | undefined): boolean => !!s && typeof s.en === 'string' && typeof s.de === 'string' && s.en.trim() !== '' && s.de.trim() !== '';

describe('rule registry', () => {
  it('has rules', () => assert.ok(RULES.length > 0));
  it('ids are unique', () => {
    const seen = new Set<string>();
    for (const r of RULES) {
      assert.equal(seen.has(r.id), false, `duplicate ${r.id}`);
      seen.add(r.id);
    }
  });
  it('each kind index lists its rules sorted by id', () => {
    for (const kind of Object.keys(DIR) as FileKind[]) {
      const ids = RULES.filter((r) => r.kind === kind).map((r) => r.id);
      assert.deepEqual(ids, [...ids].sort(), kind);
    }
  });
  for (const rule of RULES) {
    describe(rule.id, () => {
      it('id is <kind>/<kebab-name> and equals its file path', () => {
        assert.match(rule.id, /^(dockerfile|compose|k8s|ci)\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
        assert.ok(rule.id.startsWith(PREFIX[rule.kind]), `kind ${rule.kind} does not match ${rule.id}`);
        const file = fileOf(rule);
        assert.ok(existsSync(file), `missing ${file}`);
        assert.ok(readFileSync(file, 'utf8').includes(`id: '${rule.id}'`), `${file} does not declare id '${rule.id}'`);
      });
      it('has a test file', () => assert.ok(existsSync(testOf(rule)), `missing ${testOf(rule)}`));
      it('title, messages and docs exist in English and German', () => {
        assert.ok(filled(rule.title), 'title');
        const messages = Object.entries(rule.messages);
        assert.ok(messages.length > 0, 'at least one message');
        for (const [id, m] of messages) assert.ok(filled(m), `message ${id}`);
        assert.ok(filled(rule.docs.rationale), 'docs.rationale');
        assert.ok(filled(rule.docs.fix), 'docs.fix');
        assert.ok(rule.docs.bad.trim() !== '' && rule.docs.good.trim() !== '', 'docs.bad and docs.good');
      });
      it('levels are non-empty CSVS levels, severity is known', () => {
        assert.ok(rule.levels.length > 0);
        for (const l of rule.levels) assert.ok(['L1', 'L2', 'L3'].includes(l), l);
        assert.ok(['error', 'warning', 'info'].includes(rule.severity));
      });
      it('every reference is a checklist item', () => {
        assert.ok(rule.references.length > 0, 'cites at least one item');
        for (const ref of rule.references) assert.ok(itemById(ref), `unknown checklist item ${ref}`);
      });
      it('external references name a CIS Docker Benchmark section or an OWASP Kubernetes Top 10 2025 risk as written there', () => {
        for (const ref of rule.external ?? []) {
          if (ref.source === 'CIS Docker Benchmark') assert.match(ref.id, /^[1-7]\.\d{1,2}$/, ref.id);
          if (ref.source === 'OWASP Kubernetes Top 10') assert.ok(Object.keys(OWASP_K8S_TOP_10).map((k) => `${k}:2025`).includes(ref.id), ref.id);
        }
      });
      it('equivalents are tool:id', () => {
        for (const eq of rule.equivalents ?? []) assert.match(eq, /^(hadolint|checkov|kube-linter|trivy|kubescape|buildkit|pss|kics|kubesec|polaris|scorecard|zizmor):\S+$/, eq);
      });
    });
  }
  it('the OWASP Kubernetes Top 10 2025 is cited: every pod-security rule under K01, RBAC under K02, secrets under K03', () => {
    const cites = (id: string, risk: string): boolean => !!RULES.find((r) => r.id === id)?.external?.some((e) => e.source === 'OWASP Kubernetes Top 10' && e.id === risk);
    assert.ok(cites('k8s/privileged', 'K01:2025') && cites('k8s/rbac-wildcard', 'K02:2025') && cites('k8s/secret-literal-env', 'K03:2025') && cites('k8s/network-policy-coverage', 'K05:2025'));
  });
  it('every rule file in shared/src/rules is registered', () => {
    const registered = new Set(RULES.map((r) => fileOf(r)));
    for (const dir of Object.values(DIR)) {
      const folder = join(ROOT, 'shared/src/rules', dir);
      for (const name of readdirSync(folder)) {
        if (!name.endsWith('.ts')) continue;
        const file = join(folder, name);
        if (/define(?:Dockerfile|Yaml|Workspace)Rule\(/.test(readFileSync(file, 'utf8'))) assert.ok(registered.has(file), `${dir}/${name} defines a rule that is not in the index`);
      }
    }
  });
});

describe('checklist coverage', () => {
  it('every checkable checklist item is referenced by at least one rule', () => {
    const cited = new Set(RULES.flatMap((r) => r.references));
    const missing = ITEMS.filter((i) => i.checkable && !cited.has(i.id)).map((i) => i.id);
    assert.deepEqual(missing, [], `checkable items without a rule: ${missing.join(', ')}`);
  });
  it('every non-checkable item says why it is manual, in both languages', () => {
    const missing = ITEMS.filter((i) => !i.checkable && !filled(i.manual)).map((i) => i.id);
    assert.deepEqual(missing, [], `manual items without a reason: ${missing.join(', ')}`);
  });
});
