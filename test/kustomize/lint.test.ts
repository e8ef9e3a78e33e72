import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { memoryTree } from '../../shared/src/file-tree';
import { deployableUnits, findKustomizationDirs, lintKustomizations, type KustomizeFinding } from '../../shared/src/kustomize/lint';
import { diskTree } from '../../host/src/workspace/file-tree';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'kustomize', 'app');
/** rule, file, 1-based line, start and end column. */
const at = (f: KustomizeFinding): string => `${f.ruleId} ${f.file}:${f.range.start.line + 1}:${f.range.start.character}-${f.range.end.character}`;
const find = (fs: readonly KustomizeFinding[], rule: string): KustomizeFinding[] => fs.filter((f) => f.ruleId === rule);

const DEPLOY = (extra = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n${extra}`;
const KUST = (body: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

describe('kustomize lint: the fixture tree (base, two overlays, a component, a generator)', () => {
  const result = lintKustomizations(diskTree(FIXTURE));
  it('builds the two overlays, not the base or the component', () => assert.deepEqual(result.units, ['overlays/dev', 'overlays/prod']));
  it('counts every file the builds read as an input', () => {
    assert.deepEqual([...result.inputs].sort(), [
      'base/app.properties', 'base/deployment.yaml', 'base/kustomization.yaml', 'components/probe/kustomization.yaml', 'components/probe/probe.yaml',
      'overlays/dev/debug.yaml', 'overlays/dev/kustomization.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/secure.yaml',
    ]);
  });
  it('reports privileged: true on the line of the patch that sets it', () => {
    const [f, ...rest] = find(result.findings, 'k8s/privileged');
    assert.equal(rest.length, 0);
    assert.equal(at(f!), 'k8s/privileged overlays/dev/debug.yaml:11:24-28');
    assert.equal(f!.cause, 'patch');
    assert.deepEqual(f!.units, ['overlays/dev']);
  });
  it("reports the component's hostNetwork on the component's patch", () => {
    assert.deepEqual(find(result.findings, 'k8s/host-namespaces').map(at), ['k8s/host-namespaces components/probe/probe.yaml:8:19-23']);
  });
  it('reports a base finding that one overlay fixes once, naming the overlay that fixes it', () => {
    const [f, ...rest] = find(result.findings, 'k8s/allow-privilege-escalation');
    assert.equal(rest.length, 0);
    assert.equal(at(f!), 'k8s/allow-privilege-escalation base/deployment.yaml:19:38-42');
    assert.deepEqual(f!.units, ['overlays/dev']);
    assert.match(f!.message.en, /in \/overlays\/dev; fixed in \/overlays\/prod/);
    assert.match(f!.message.de, /behoben in \/overlays\/prod/);
  });
  it('reports a base finding both overlays keep once, on the base line, with both overlays as related locations', () => {
    const [f, ...rest] = find(result.findings, 'k8s/image-latest-tag');
    assert.equal(rest.length, 0);
    assert.equal(at(f!), 'k8s/image-latest-tag base/deployment.yaml:17:17-29');
    assert.deepEqual(f!.units, ['overlays/dev', 'overlays/prod']);
    assert.deepEqual(f!.related.map((r) => `${r.file}:${r.range.start.line + 1}`), ['overlays/dev/kustomization.yaml:1', 'overlays/prod/kustomization.yaml:1']);
  });
  it('never reports on a patch file as a whole object', () => {
    const onPatches = result.findings.filter((f) => /secure|debug|probe/.test(f.file));
    assert.deepEqual(onPatches.map((f) => f.ruleId).sort(), ['k8s/host-namespaces', 'k8s/privileged']);
  });
  it('finds the kustomization folders of a tree', () => {
    assert.deepEqual(findKustomizationDirs(diskTree(FIXTURE)), ['base', 'components/probe', 'overlays/dev', 'overlays/prod']);
  });
});

describe('kustomize lint: units and locations', () => {
  it('a base that no overlay uses is a unit of its own; a used one is not', () => {
    const tree = memoryTree({ 'a/kustomization.yaml': KUST('resources:\n  - d.yaml\n'), 'a/d.yaml': DEPLOY(), 'b/kustomization.yaml': KUST('resources:\n  - ../a\n') });
    assert.deepEqual(deployableUnits(tree, ['a', 'b']), ['b']);
    assert.deepEqual(deployableUnits(tree, ['a']), ['a']);
  });
  it('a base that an overlay uses is built only through the overlay, its findings on the base line', () => {
    const tree = memoryTree({
      'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
      'base/d.yaml': DEPLOY('          securityContext:\n            privileged: true\n'),
      'overlay/kustomization.yaml': KUST('resources:\n  - ../base\nnamePrefix: x-\n'),
    });
    const r = lintKustomizations(tree, { dirs: ['base', 'overlay'] });
    // the base is used by the overlay, so only the overlay is a unit
    assert.deepEqual(r.units, ['overlay']);
    const priv = find(r.findings, 'k8s/privileged');
    assert.deepEqual(priv.map(at), ['k8s/privileged base/d.yaml:12:24-28']);
    assert.equal(priv[0]!.cause, 'base');
  });
  it('a base finding that every overlay fixes is not reported', () => {
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: false\n';
    const tree = memoryTree({
      'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
      'base/d.yaml': DEPLOY('          securityContext:\n            privileged: true\n'),
      'o1/kustomization.yaml': KUST('resources:\n  - ../base\npatches:\n  - path: p.yaml\n'),
      'o1/p.yaml': patch,
      'o2/kustomization.yaml': KUST('resources:\n  - ../base\npatches:\n  - path: p.yaml\n'),
      'o2/p.yaml': patch,
    });
    const r = lintKustomizations(tree);
    assert.deepEqual(r.units, ['o1', 'o2']);
    assert.deepEqual(find(r.findings, 'k8s/privileged'), []);
  });
  it('a JSON 6902 patch that sets a value is the location', () => {
    const tree = memoryTree({
      'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'),
      'base/d.yaml': DEPLOY(),
      'o/kustomization.yaml': KUST('resources:\n  - ../base\npatches:\n  - path: p.yaml\n    target:\n      kind: Deployment\n'),
      'o/p.yaml': '- op: add\n  path: /spec/template/spec/hostPID\n  value: true\n',
    });
    const r = lintKustomizations(tree);
    assert.deepEqual(find(r.findings, 'k8s/host-namespaces').map(at), ['k8s/host-namespaces o/p.yaml:3:9-13']);
  });
  it('a missing setting is reported on the base object, naming the overlays', () => {
    const tree = memoryTree({ 'base/kustomization.yaml': KUST('resources:\n  - d.yaml\n'), 'base/d.yaml': DEPLOY(), 'o/kustomization.yaml': KUST('resources:\n  - ../base\n') });
    const [f] = find(lintKustomizations(tree).findings, 'k8s/run-as-non-root');
    assert.equal(f!.file, 'base/d.yaml');
    assert.deepEqual(f!.units, ['o']);
    assert.deepEqual(f!.related.map((x) => x.file), ['o/kustomization.yaml']);
  });
  it('a unit that does not build is a build-error finding on the kustomization line', () => {
    const tree = memoryTree({ 'o/kustomization.yaml': KUST('resources:\n  - missing.yaml\n') });
    const r = lintKustomizations(tree);
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0]!.ruleId, 'kustomize/build-error');
    assert.equal(r.findings[0]!.severity, 'error');
    assert.equal(`${r.findings[0]!.file}:${r.findings[0]!.range.start.line + 1}`, 'o/kustomization.yaml:4');
    assert.equal(r.inputs.size, 0);
  });
  it('a cycle between kustomizations is a build error, not a hang', () => {
    const tree = memoryTree({ 'a/kustomization.yaml': KUST('resources:\n  - ../b\n'), 'b/kustomization.yaml': KUST('resources:\n  - ../a\n'), 'c/kustomization.yaml': KUST('resources:\n  - ../a\n') });
    const r = lintKustomizations(tree);
    assert.deepEqual(r.units, ['c']);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['kustomize/build-error']);
  });
  it('a cycle that no other kustomization uses is built from its first folder, so the cycle is reported on the reference that closes it', () => {
    const tree = memoryTree({ 'a/kustomization.yaml': KUST('resources:\n  - ../b\n'), 'b/kustomization.yaml': KUST('resources:\n  - ../a\n'), 'c/kustomization.yaml': KUST('resources:\n  - ../c\n') });
    const r = lintKustomizations(tree);
    assert.deepEqual(r.units, ['a', 'c']);
    assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.file}:${f.range.start.line + 1}`), ['kustomize/build-error b/kustomization.yaml:4', 'kustomize/build-error c/kustomization.yaml:4']);
    assert.match(r.findings[0]!.message.en, /cycle detected/);
    assert.deepEqual(deployableUnits(tree, ['a', 'b']), ['a']);
  });
  it('a component that nothing uses is no unit of its own', () => {
    const tree = memoryTree({ 'c/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n', 'o/kustomization.yaml': KUST('resources: []\n') });
    assert.deepEqual(deployableUnits(tree, ['c', 'o']), ['o']);
  });
  it('the patch files of a unit that does not build are inputs all the same', () => {
    const tree = memoryTree({ 'o/kustomization.yaml': KUST('resources:\n  - ../gone\npatches:\n  - path: p.yaml\npatchesStrategicMerge:\n  - q.yaml\n'), 'o/p.yaml': DEPLOY(), 'o/q.yaml': DEPLOY() });
    const r = lintKustomizations(tree);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['kustomize/build-error']);
    assert.deepEqual([...r.inputs].sort(), ['o/p.yaml', 'o/q.yaml']);
  });
  it('a remote resource is a build error naming it', () => {
    const tree = memoryTree({ 'o/kustomization.yaml': KUST('resources:\n  - https://github.com/x/y//base\n') });
    const [f] = lintKustomizations(tree).findings;
    assert.match(f!.message.en, /remote resource/);
    assert.equal(f!.file, 'o/kustomization.yaml');
  });
});
