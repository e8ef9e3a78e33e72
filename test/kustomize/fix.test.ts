// Kustomize findings: fixes in the base or the overlay's patch (kustomize/fix.ts) verified by
// building again, the overlays that fix a base finding as related places, and suppression comments
// in base and patch files. The expected texts are exact.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryTree, type FileTree } from '../../shared/src/file-tree';
import { lintKustomizations, type KustomizeFinding } from '../../shared/src/kustomize/lint';
import { documentedRules } from '../../shared/src/lint';
import { applyEdits } from '../../shared/src/text';

const KUST = (body: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const DEPLOY = (securityContext: string, head = ''): string =>
  `${head}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n      containers:\n        - name: web # the app\n          image: nginx:1.27\n          securityContext:\n${securityContext}`;
const PATCH = (securityContext: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n${securityContext}`;
const SECURE = '            runAsNonRoot: true\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n            seccompProfile:\n              type: RuntimeDefault\n';

const one = (fs: readonly KustomizeFinding[], rule: string): KustomizeFinding => {
  const hits = fs.filter((f) => f.ruleId === rule);
  assert.equal(hits.length, 1, `${rule}: ${fs.map((f) => `${f.ruleId} ${f.file}:${f.range.start.line + 1}`).join('\n')}`);
  return hits[0]!;
};
const fixed = (tree: FileTree, f: KustomizeFinding): string => {
  assert.ok(f.fix, `${f.ruleId} has no fix`);
  return applyEdits(new TextDecoder().decode(tree.readFile(f.file)), f.fix.edits);
};

describe('kustomize fixes', () => {
  it('a setting every overlay lacks is fixed in the base resource, comments kept', () => {
    const tree = memoryTree({
      'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
      'base/d.yaml': DEPLOY('            runAsNonRoot: true # the image user\n'),
      'o1/kustomization.yaml': KUST('resources:\n  - ../base\nnamePrefix: a-\n'),
      'o2/kustomization.yaml': KUST('resources:\n  - ../base\nnamespace: b\n'),
    });
    const f = one(lintKustomizations(tree, { fixes: true }).findings, 'k8s/read-only-root-filesystem');
    assert.equal(f.file, 'base/d.yaml');
    assert.deepEqual(f.units, ['o1', 'o2']);
    assert.equal(fixed(tree, f), DEPLOY('            runAsNonRoot: true # the image user\n            readOnlyRootFilesystem: true\n'));
  });

  it('with a predicate, only the findings it picks get a fix', () => {
    const tree = memoryTree({
      'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
      'base/d.yaml': DEPLOY('            runAsNonRoot: true\n'),
      'o/kustomization.yaml': KUST('resources:\n  - ../base\n'),
    });
    const asked: string[] = [];
    const { findings } = lintKustomizations(tree, { fixes: (f) => (asked.push(f.ruleId), f.ruleId === 'k8s/read-only-root-filesystem') });
    assert.ok(asked.includes('k8s/seccomp-restricted'), asked.join(', '));
    assert.deepEqual(findings.filter((f) => f.fix).map((f) => f.ruleId), ['k8s/read-only-root-filesystem']);
    assert.equal(fixed(tree, one(findings, 'k8s/read-only-root-filesystem')), DEPLOY('            runAsNonRoot: true\n            readOnlyRootFilesystem: true\n'));
    // with fixes for all, seccomp has one too: the predicate is what left it out
    assert.ok(one(lintKustomizations(tree, { fixes: true }).findings, 'k8s/seccomp-restricted').fix);
  });

  it('a value an overlay\'s patch introduced is fixed in that patch', () => {
    const tree = memoryTree({
      'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
      'base/d.yaml': DEPLOY(SECURE),
      'o/kustomization.yaml': KUST('resources:\n  - ../base\npatches:\n  - path: p.yaml\n'),
      'o/p.yaml': PATCH('            allowPrivilegeEscalation: true # for debugging\n'),
    });
    const f = one(lintKustomizations(tree, { fixes: true }).findings, 'k8s/allow-privilege-escalation');
    assert.equal(`${f.file}:${f.range.start.line + 1}`, 'o/p.yaml:11');
    assert.equal(f.cause, 'patch');
    assert.equal(fixed(tree, f), PATCH('            allowPrivilegeEscalation: false # for debugging\n'));
  });

  it('privileged: true in a patch is set to false there, though the escalation finding then says something else', () => {
    const tree = memoryTree({
      'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
      'base/d.yaml': DEPLOY('            runAsNonRoot: true\n'),
      'o/kustomization.yaml': KUST('resources:\n  - ../base\npatches:\n  - path: p.yaml\n'),
      'o/p.yaml': PATCH('            privileged: true\n'),
    });
    const before = lintKustomizations(tree, { fixes: true }).findings;
    const f = one(before, 'k8s/privileged');
    assert.equal(`${f.file}:${f.range.start.line + 1}`, 'o/p.yaml:11');
    assert.equal(fixed(tree, f), PATCH('            privileged: false\n'));
    const after = lintKustomizations(memoryTree({ ...Object.fromEntries(['base/kustomization.yaml', 'base/d.yaml', 'o/kustomization.yaml'].map((p) => [p, new TextDecoder().decode(tree.readFile(p))])), 'o/p.yaml': fixed(tree, f) })).findings;
    assert.ok(!after.some((x) => x.ruleId === 'k8s/privileged'));
    assert.equal(after.filter((x) => x.ruleId === 'k8s/allow-privilege-escalation').length, before.filter((x) => x.ruleId === 'k8s/allow-privilege-escalation').length);
  });

  it('a base finding that only some overlays fix names the others as related places and gets no base fix', () => {
    const tree = memoryTree({
      'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
      'base/d.yaml': DEPLOY('            allowPrivilegeEscalation: true\n'),
      'keeps/kustomization.yaml': KUST('resources:\n  - ../base\n'),
      'fixes/kustomization.yaml': KUST('resources:\n  - ../base\npatches:\n  - path: p.yaml\n'),
      'fixes/p.yaml': PATCH('            allowPrivilegeEscalation: false\n'),
    });
    const f = one(lintKustomizations(tree, { fixes: true }).findings, 'k8s/allow-privilege-escalation');
    assert.deepEqual(f.units, ['keeps']);
    assert.deepEqual(f.related.map((r) => `${r.file} ${r.message.en}`), ['keeps/kustomization.yaml deployed by /keeps', 'fixes/kustomization.yaml fixed in /fixes']);
    assert.match(f.message.en, /\(in \/keeps; fixed in \/fixes\)$/);
    assert.equal(f.fix, undefined);
  });

  it('offers no fix when building again shows the finding stays (a later patch sets the value back)', () => {
    const tree = memoryTree({
      'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
      'base/d.yaml': DEPLOY('            runAsNonRoot: true\n'),
      // the overlay's JSON patch writes readOnlyRootFilesystem: false over whatever the base says
      'o/kustomization.yaml': KUST('resources:\n  - ../base\npatches:\n  - path: p.yaml\n    target:\n      kind: Deployment\n'),
      'o/p.yaml': '- op: replace\n  path: /spec/template/spec/containers/0/securityContext\n  value:\n    runAsNonRoot: true\n',
    });
    const findings = lintKustomizations(tree, { fixes: true }).findings;
    const f = one(findings, 'k8s/read-only-root-filesystem');
    // reported on the base container, where a base edit would go, but the build overrides it
    assert.equal(`${f.file}:${f.range.start.line + 1}`, 'base/d.yaml:10');
    assert.equal(f.fix, undefined);
    // a pod-level setting the patch leaves alone is fixed in the base all the same
    assert.ok(one(findings, 'k8s/host-users').fix);
  });

  it('computes no fix unless asked', () => {
    const tree = memoryTree({ 'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'), 'base/d.yaml': DEPLOY('            runAsNonRoot: true\n') });
    assert.ok(lintKustomizations(tree).findings.every((f) => f.fix === undefined));
  });
});

describe('kustomize suppressions in base and patch files', () => {
  const tree = memoryTree({
    'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
    // above the object: applies to every finding of the object reported in this file
    'base/d.yaml': DEPLOY('            runAsNonRoot: true\n', '# bollwerk-ignore k8s/read-only-root-filesystem -- writes its cache to /\n'),
    'o/kustomization.yaml': KUST('resources:\n  - ../base\npatches:\n  - path: p.yaml\n'),
    'o/p.yaml': PATCH('            privileged: true # bollwerk-ignore k8s/privileged -- a node agent\n            allowPrivilegeEscalation: true\n'),
  });
  const findings = lintKustomizations(tree).findings;
  it('a comment above the base object suppresses its findings there; others stay', () => {
    assert.equal(findings.filter((f) => f.ruleId === 'k8s/read-only-root-filesystem').length, 0);
    assert.equal(one(findings, 'k8s/seccomp-restricted').file, 'base/d.yaml');
  });
  it('a comment on a patch line suppresses the finding reported there; the next line is not covered', () => {
    assert.equal(findings.filter((f) => f.ruleId === 'k8s/privileged').length, 0);
    assert.equal(`${one(findings, 'k8s/allow-privilege-escalation').file}:${one(findings, 'k8s/allow-privilege-escalation').range.start.line + 1}`, 'o/p.yaml:12');
  });
});

describe('kustomize/build-error and helm/render-error in the documented rules', () => {
  it('both are documented, with English and German texts', () => {
    for (const id of ['kustomize/build-error', 'helm/render-error']) {
      const rule = documentedRules().find((r) => r.id === id);
      assert.ok(rule, id);
      assert.ok(rule.docs.rationale.en && rule.docs.rationale.de && rule.title.de, id);
    }
  });
  it('the build error takes its severity from the configuration and can be turned off', async () => {
    const { normalizeConfig } = await import('../../shared/src/config');
    const tree = memoryTree({ 'o/kustomization.yaml': KUST('resources:\n  - missing.yaml\n') });
    const warn = lintKustomizations(tree, { config: normalizeConfig({ rules: { 'kustomize/build-error': 'warning' } }).config }).findings;
    assert.deepEqual(warn.map((f) => f.severity), ['warning']);
    assert.match(warn[0]!.message.en, /^The kustomization \/o does not build: /);
    assert.deepEqual(lintKustomizations(tree, { config: normalizeConfig({ rules: { 'kustomize/build-error': 'off' } }).config }).findings, []);
  });
});
