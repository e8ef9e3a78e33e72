import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { itemById } from '../../../shared/src/checklist';
import { KUBERNETES_RULES } from '../../../shared/src/rules/kubernetes';
import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintText, lintWorkspace, parseFile } from '../../../shared/src/lint';

const root = join(__dirname, '..', '..', '..');
const ruleDir = join(root, 'shared', 'src', 'rules', 'kubernetes');

/** The levels a cited CSVS item demands, from items.json. */
const csvsLevels = (id: string): string | undefined => (id.startsWith('CSVS-') ? itemById(id)?.levels?.join(',') : undefined);

describe('Kubernetes catalogue', () => {
  it('lists every rule file, sorted by id, each id equal to its path', () => {
    const files = readdirSync(ruleDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => `k8s/${f.slice(0, -3)}`).sort();
    const ids = KUBERNETES_RULES.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort(), 'sorted by id');
    assert.deepEqual([...ids].sort(), files);
    console.log(`Kubernetes rules: ${ids.length}`);
  });

  for (const rule of KUBERNETES_RULES) {
    it(`${rule.id}: metadata, references, test file`, () => {
      assert.equal(rule.kind, 'kubernetes');
      assert.ok(existsSync(join(root, 'test', 'rules', 'kubernetes', `${rule.id.slice(4)}.test.ts`)), 'has a test file');
      for (const ref of rule.references) assert.ok(itemById(ref), `reference ${ref} exists in items.json`);
      for (const l of [rule.title, rule.docs.rationale, rule.docs.fix, ...Object.values(rule.messages)]) assert.ok(l.en.length > 0 && l.de.length > 0 && l.en !== l.de);
      const levels = rule.levels.join(',');
      const cited = rule.references.filter((r) => csvsLevels(r));
      // The broadest level set among the cited CSVS items wins (a rule serving L1 items runs at L1).
      if (cited.length > 0) assert.equal(levels, cited.map((r) => csvsLevels(r)!).sort((a, b) => b.length - a.length)[0], 'levels follow the cited CSVS items');
      const pss = (rule.equivalents ?? []).filter((e) => e.startsWith('pss:'));
      if (cited.length === 0 && pss.some((e) => e.startsWith('pss:baseline/'))) assert.equal(levels, 'L1,L2,L3', 'baseline controls run at every level');
      if (cited.length === 0 && pss.length > 0 && pss.every((e) => e.startsWith('pss:restricted/'))) assert.equal(levels, 'L2,L3', 'restricted controls run at L2 and L3');
      for (const e of rule.equivalents ?? []) assert.match(e, /^(?:pss:(?:baseline|restricted)\/\w+|kube-linter:[a-z-]+|checkov:CKV2?_K8S_\d+|trivy:KSV\d{3}|kubescape:C-\d{4})$/);
    });
  }
});

describe('Kubernetes rules on odd shapes', () => {
  const odd = [
    'apiVersion: v1\nkind: Pod\nspec: null\n',
    'apiVersion: v1\nkind: Pod\nspec: [1, 2]\n',
    'apiVersion: v1\nkind: Pod\nmetadata: "x"\nspec:\n  containers: "app"\n  volumes: {a: 1}\n  securityContext: [runAsNonRoot]\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - null\n  - [a]\n  - name: 1\n    image: 3\n    securityContext: true\n    ports: [null, {hostPort: null}, {containerPort: [22]}]\n    env: [{name: PASSWORD}, {name: TOKEN, value: {a: b}}]\n',
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata: {annotations: [x]}\n    spec:\n      containers: [{name: a, securityContext: {capabilities: {add: ALL, drop: "ALL"}, seccompProfile: Unconfined, seLinuxOptions: [1]}}]\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nrules: [null, {verbs: "*", resources: [[secrets]]}]\n',
    'apiVersion: v1\nkind: Secret\ndata: [a, b]\nstringData: null\n',
    'apiVersion: v1\nkind: Service\nspec: {type: [LoadBalancer], ports: "5432"}\n',
    'apiVersion: v1\nkind: Namespace\nmetadata: {labels: null}\n',
    'anchors: &a {x: 1}\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - &c {name: a, securityContext: {privileged: true}}\n  - *c\n',
  ];
  odd.forEach((code, i) => {
    it(`shape #${i} gives no internal error`, () => {
      const errors: string[] = [];
      const log = (m: string): void => {
        errors.push(m);
      };
      const report = lintText('file:///odd.yaml', code, { rules: KUBERNETES_RULES, kind: 'kubernetes', config: { ...DEFAULT_CONFIG, level: 'L3' }, log });
      assert.deepEqual(errors, []);
      assert.ok(report.results.every((r) => r.ruleId !== 'bollwerk/internal-error'));
      const files = [parseFile('file:///odd.yaml', code, 'kubernetes'), parseFile('file:///a/Dockerfile', 'FROM a\n', 'dockerfile')];
      assert.ok(lintWorkspace(files, { rules: KUBERNETES_RULES, config: { ...DEFAULT_CONFIG, level: 'L3' }, log }).every((r) => r.ruleId !== 'bollwerk/internal-error'));
      assert.deepEqual(errors, []);
    });
  });
});
