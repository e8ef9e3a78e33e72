import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryTree } from '../../shared/src/file-tree';
import { buildKustomization, type BuildResult } from '../../shared/src/kustomize/build';
import { contentHash } from '../../shared/src/kustomize/hash';
import type { JsonMap } from '../../shared/src/kustomize/json';
import { splitImage } from '../../shared/src/kustomize/transformers';
import { readYamlDocs } from '../../shared/src/kustomize/yaml-read';

const obj = (text: string): JsonMap => (readYamlDocs(text)[0] as { value: JsonMap }).value;
const build = (files: Record<string, string>, dir = '', options = {}): BuildResult => buildKustomization(memoryTree(files), dir, options);
const ok = (r: BuildResult): string => {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.yaml;
};
const fails = (r: BuildResult, pattern: RegExp): { file?: string; line?: number } => {
  assert.ok(!r.ok, 'the build should fail');
  assert.match(r.error.message, pattern);
  return { ...(r.error.file ? { file: r.error.file } : {}), ...(r.error.line ? { line: r.error.line } : {}) };
};
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n';

// The hashes of kubectl's staging/src/k8s.io/kubectl/pkg/util/hash/hash_test.go, which kustomize's
// api/hasher copies (Apache-2.0).
describe('content hash', () => {
  const cases: [string, string][] = [
    ['kind: ConfigMap\ndata: {}\n', '42745tchd9'],
    ['kind: ConfigMap\ndata: {one: ""}\n', '9g67k2htb6'],
    ['kind: ConfigMap\ndata: {two: "2", one: "", three: "3"}\n', 'f5h7t85m9b'],
    ['kind: Secret\ntype: my-type\ndata: {}\n', 't75bgf6ctb'],
    ['kind: Secret\ntype: my-type\ndata: {one: ""}\n', '74bd68bm66'],
    ['kind: Secret\ntype: my-type\ndata: {two: Mg==, one: "", three: Mw==}\n', 'dgcb6h9tmk'],
  ];
  for (const [text, want] of cases) it(text.replaceAll('\n', ' '), () => assert.equal(contentHash(obj(text)), want));
  it('does not depend on the name', () => assert.equal(contentHash(obj('kind: ConfigMap\nmetadata: {name: x}\ndata: {}\n')), '42745tchd9'));
});

// Cases after kustomize's api/image/image_test.go (Apache-2.0).
describe('image references', () => {
  const cases: [string, string, string, string][] = [
    ['nginx', 'nginx', '', ''],
    ['nginx:1.2.3', 'nginx', '1.2.3', ''],
    ['nginx@sha256:abc', 'nginx', '', 'sha256:abc'],
    ['nginx:1.2.3@sha256:abc', 'nginx', '1.2.3', 'sha256:abc'],
    ['localhost:5000/nginx:1.2', 'localhost:5000/nginx', '1.2', ''],
    ['localhost:5000/nginx', 'localhost:5000/nginx', '', ''],
  ];
  for (const [image, name, tag, digest] of cases) it(image, () => assert.deepEqual(splitImage(image), { name, tag, digest }));
});

describe('building', () => {
  it('renames generated ConfigMaps and the references to them', () => {
    const yaml = ok(build({
      'kustomization.yaml': 'namePrefix: p-\nresources:\n- pod.yaml\nconfigMapGenerator:\n- name: env\n  literals:\n  - A=1\n',
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: c\n    image: nginx\n    envFrom:\n    - configMapRef:\n        name: env\n',
    }));
    const name = /name: (p-env-[a-z0-9]{10})/.exec(yaml)?.[1];
    assert.ok(name, yaml);
    assert.match(yaml, new RegExp(`configMapRef:\\n {8}name: ${name}`));
  });
  it('applies namespace, labels with selectors, images and replicas', () => {
    const yaml = ok(build({
      'kustomization.yaml': 'namespace: ns\ncommonLabels:\n  app: a\nimages:\n- name: nginx\n  newTag: "1.25"\nreplicas:\n- name: web\n  count: 3\nresources:\n- deploy.yaml\n',
      'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.0\n',
    }));
    assert.equal(yaml, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: a\n  name: web\n  namespace: ns\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata:\n      labels:\n        app: a\n    spec:\n      containers:\n      - image: nginx:1.25\n        name: c\n');
  });
  it('records the patch files that changed a resource', () => {
    const r = build({ 'kustomization.yaml': 'resources:\n- cm.yaml\npatches:\n- path: p.yaml\n', 'cm.yaml': CM, 'p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  b: "2"\n' });
    assert.ok(r.ok);
    assert.equal(r.resources[0]!.origin.file, 'cm.yaml');
    assert.deepEqual(r.resources[0]!.patchedBy.map((o) => o.file), ['p.yaml']);
    assert.deepEqual([...r.resources[0]!.valueOrigins].map(([ptr, o]) => [ptr, o.file]), [['/data/b', 'p.yaml']]);
  });
  it('traces patched values through lists by merge key', () => {
    const r = build({
      'kustomization.yaml': 'resources:\n- pod.yaml\npatches:\n- path: p.yaml\n- target: {kind: Pod}\n  patch: \'[{"op": "replace", "path": "/spec/hostNetwork", "value": false}]\'\n',
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: nginx\n',
      'p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: c\n    securityContext:\n      runAsNonRoot: true\n',
    });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const origins = Object.fromEntries([...r.resources[0]!.valueOrigins].map(([ptr, o]) => [ptr, o.file]));
    assert.deepEqual(origins, { '/spec/containers/[name=c]/securityContext/runAsNonRoot': 'p.yaml', '/spec/hostNetwork': 'kustomization.yaml' });
  });
  it('sorts in legacy order unless told otherwise', () => {
    const files = { 'kustomization.yaml': 'resources:\n- a.yaml\n', 'a.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\n${CM}` };
    assert.match(ok(build(files)), /^apiVersion: v1\nkind|^apiVersion: v1\ndata/);
    assert.match(ok(build(files, '', { reorder: 'none' })), /^apiVersion: apps\/v1/);
  });
});

describe('bad input', () => {
  it('names the kustomization and the line of a missing resource', () => {
    const at = fails(build({ 'kustomization.yaml': 'resources:\n- cm.yaml\n- missing.yaml\n', 'cm.yaml': CM }), /missing\.yaml/);
    assert.deepEqual(at, { file: 'kustomization.yaml', line: 3 });
  });
  it('refuses a list or a map where a name prefix, suffix or namespace is a string; a number is written out', () => {
    const at = fails(build({ 'kustomization.yaml': 'resources:\n- cm.yaml\nnamePrefix: [x]\n', 'cm.yaml': CM }), /cannot unmarshal array into Go struct field Kustomization\.namePrefix of type string/);
    assert.deepEqual(at, { file: 'kustomization.yaml', line: 3 });
    fails(build({ 'kustomization.yaml': 'resources:\n- cm.yaml\nnamespace: {a: b}\n', 'cm.yaml': CM }), /cannot unmarshal object into Go struct field Kustomization\.namespace of type string/);
    assert.match(ok(build({ 'kustomization.yaml': 'resources:\n- cm.yaml\nnameSuffix: 12\n', 'cm.yaml': CM })), /name: cfg12/);
  });
  it('names the line of the patches entry that fails: a missing patch file, an inline JSON patch that does not apply', () => {
    const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n';
    const missing = fails(build({ 'kustomization.yaml': 'resources:\n- pod.yaml\npatches:\n- path: ok.yaml\n- path: nope.yaml\n', 'pod.yaml': POD, 'ok.yaml': POD }), /nope\.yaml/);
    assert.deepEqual(missing, { file: 'kustomization.yaml', line: 5 });
    const k = 'resources:\n- pod.yaml\npatches:\n- path: ok.yaml\n- target: {kind: Pod}\n  patch: |-\n    - op: replace\n      path: /spec/containers/5/image\n      value: y\n';
    const inline = fails(build({ 'kustomization.yaml': k, 'pod.yaml': POD, 'ok.yaml': POD }), /failed to apply json patch/);
    assert.deepEqual(inline, { file: 'kustomization.yaml', line: 5 });
  });
  it('detects cycles', () => {
    fails(build({ 'a/kustomization.yaml': 'resources:\n- ../b\n', 'b/kustomization.yaml': 'resources:\n- ../a\n' }, 'a'), /cycle detected/);
    fails(build({ 'kustomization.yaml': 'resources:\n- .\n' }), /cycle detected/);
  });
  it('bounds the work of diamonds of shared bases', () => {
    const files: Record<string, string> = { 'l0/kustomization.yaml': 'resources: []\n' };
    for (let i = 1; i <= 16; i++) {
      files[`l${i}/a/kustomization.yaml`] = `namePrefix: a-\nresources:\n- ../../l${i - 1}${i - 1 === 0 ? '' : '/a'}\n- ../../l${i - 1}${i - 1 === 0 ? '' : '/b'}\n`;
      files[`l${i}/b/kustomization.yaml`] = files[`l${i}/a/kustomization.yaml`]!.replace('a-', 'b-');
    }
    const started = Date.now();
    fails(build(files, 'l16/a'), /more than 5000 kustomization folders/);
    assert.ok(Date.now() - started < 20_000);
  });
  it('refuses files outside the folder unless the restrictor allows them', () => {
    const files = { 'o/kustomization.yaml': 'resources:\n- ../cm.yaml\n', 'cm.yaml': CM };
    fails(build(files, 'o'), /security; file '\/cm\.yaml' is not in or below '\/o'/);
    assert.match(ok(build(files, 'o', { loadRestrictor: 'LoadRestrictionsNone' })), /name: cfg/);
  });
  it('reports name collisions', () => {
    fails(build({ 'kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n', 'a.yaml': CM, 'b.yaml': CM }), /already registered id: ConfigMap\.v1\.\[noGrp\]\/cfg\.\[noNs\]/);
  });
  it('never fetches remote resources', () => {
    fails(build({ 'kustomization.yaml': 'resources:\n- https://github.com/x/y//base?ref=v1\n' }), /not fetched/);
  });
  it('says that helmCharts are not built here', () => {
    fails(build({ 'kustomization.yaml': 'helmCharts:\n- name: x\n' }), /helmCharts/);
  });
  it('reports a patch without a target', () => {
    fails(build({ 'kustomization.yaml': 'resources:\n- cm.yaml\npatches:\n- path: p.yaml\n', 'cm.yaml': CM, 'p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n' }), /no matches for Id ConfigMap\.v1\.\[noGrp\]\/other/);
  });
  it('reports unknown kustomization fields with their line', () => assert.deepEqual(fails(build({ 'kustomization.yaml': 'resources: []\nbogus: 1\n' }), /unknown field "bogus"/), { file: 'kustomization.yaml', line: 2 }));
  it('reports malformed YAML', () => {
    fails(build({ 'kustomization.yaml': 'resources:\n- a.yaml\n', 'a.yaml': 'a: [\n' }), /a\.yaml/);
  });
});
