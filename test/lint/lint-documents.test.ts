import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChunkCache, inChart } from '../../server/src/document-linter';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { defineYamlRule } from '../../shared/src/define';
import { lintText } from '../../shared/src/lint';
import { DocumentLintCache, lintDocuments } from '../../shared/src/lint-documents';
import { splitDocuments } from '../../shared/src/parse/yaml';
import { KUBERNETES_RULES } from '../../shared/src/rules/kubernetes';
import { authDisabled as k8sAuthDisabled } from '../../shared/src/rules/kubernetes/auth-disabled';
import { automountServiceAccountToken } from '../../shared/src/rules/kubernetes/automount-service-account-token';
import type { FileRule, Rule, YamlFile } from '../../shared/src/types';

const URI = 'file:///w/app.yaml';
const config = DEFAULT_CONFIG;

const DEPLOYMENT = (n: number): string =>
  [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: app-${n}`, '  namespace: erp', 'spec:', '  replicas: 2', '  selector:',
    '    matchLabels:', `      app: app-${n}`, '  template:', '    metadata:', '      labels:', `        app: app-${n}`, '    spec:', '      containers:',
    `        - name: app-${n}`, `          image: registry.example.com/erp/app-${n}:latest`, '          securityContext:', '            allowPrivilegeEscalation: false',
  ].join('\n');

/** Documents of the generated manifests: findings with and without fixes, suppressions, a cross-document ServiceAccount, broken YAML. */
const DOCUMENTS: readonly string[] = [
  DEPLOYMENT(1),
  DEPLOYMENT(2),
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: erp\nautomountServiceAccountToken: false',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 5432',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    bollwerk.dev/ignore: k8s/host-namespaces\nspec:\n  hostNetwork: true\n  containers:\n    - name: c\n      image: busybox\n      securityContext:\n        # bollwerk-ignore k8s/privileged\n        privileged: true\n  volumes:\n    - name: h\n      hostPath:\n        path: /etc',
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: c2VjcmV0',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n  - apiGroups: ["*"]\n    resources: [secrets]\n    verbs: [get, "*"]',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: erp',
  '# bollwerk-ignore-file k8s/image-latest-tag\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c',
  'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: q}\n    spec:\n      containers: [{name: q, image: "nginx"}]',
  'key: [unclosed\nother: : x',
  '# only a comment',
  '',
];

const LINES = ['# bollwerk-ignore-file k8s/run-as-non-root', '---', '# comment', '  hostPID: true', 'kind: Pod', '      - name: extra', '...'];

type Edit =
  | { readonly op: 'insertDoc'; readonly at: number; readonly doc: number }
  | { readonly op: 'removeDoc'; readonly at: number }
  | { readonly op: 'swap'; readonly a: number; readonly b: number }
  | { readonly op: 'type'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'line'; readonly at: number; readonly line: number };

const chunksOf = (text: string): string[] => splitDocuments(text).map((c) => text.slice(c.start, c.end));

/** Applies an edit to a manifest's text (positions taken modulo the text's size). */
function applyEdit(text: string, e: Edit): string {
  const chunks = chunksOf(text);
  switch (e.op) {
    case 'insertDoc': {
      const i = e.at % (chunks.length + 1);
      const doc = `---\n${DOCUMENTS[e.doc % DOCUMENTS.length]}\n`;
      return [...chunks.slice(0, i), doc, ...chunks.slice(i)].join('');
    }
    case 'removeDoc':
      return chunks.filter((_, i) => i !== e.at % chunks.length).join('');
    case 'swap': {
      const a = e.a % chunks.length;
      const b = e.b % chunks.length;
      const swapped = [...chunks];
      [swapped[a], swapped[b]] = [chunks[b]!, chunks[a]!];
      return swapped.join('');
    }
    case 'type': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'delete': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'line': {
      const lines = text.split('\n');
      lines.splice(e.at % (lines.length + 1), 0, LINES[e.line % LINES.length]!);
      return lines.join('\n');
    }
  }
}

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('insertDoc' as const), at: fc.nat(), doc: fc.nat() }),
  fc.record({ op: fc.constant('removeDoc' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('type' as const), at: fc.nat(), text: fc.constantFrom('x', ' ', '\n', ':', '- ', '#', '"', '---\n', '\r\n', 'é') }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('line' as const), at: fc.nat(), line: fc.nat() }),
);

const manifestArb = fc.array(fc.nat({ max: DOCUMENTS.length - 1 }), { minLength: 1, maxLength: 8 }).map((ids) => ids.map((i) => `---\n${DOCUMENTS[i]}\n`).join(''));

/** The editor's lint of `text` next to a fresh whole-file lint, as the server keeps its caches. */
function editorLint(text: string, cache: DocumentLintCache, yamlCache: ChunkCache, rules?: readonly Rule[]) {
  const report = lintDocuments(URI, text, { config, kind: 'kubernetes', cache, yamlCache, ...(rules ? { rules } : {}) });
  yamlCache.prune();
  return report;
}

describe('per-document lint (lintDocuments)', () => {
  it('after every edit of random edit sequences equals a fresh, uncached whole-file lint', () => {
    let compared = 0;
    fc.assert(
      fc.property(manifestArb, fc.array(editArb, { minLength: 1, maxLength: 15 }), (start, edits) => {
        const cache = new DocumentLintCache();
        const yamlCache = new ChunkCache();
        let text = start;
        for (const edit of [undefined, ...edits]) {
          if (edit) text = applyEdit(text, edit);
          const actual = editorLint(text, cache, yamlCache);
          const expected = lintText(URI, text, { config, kind: 'kubernetes' });
          assert.deepStrictEqual(actual.results, expected.results, `after ${JSON.stringify(edit)} of:\n${text}`);
          assert.deepStrictEqual(actual.notes, expected.notes);
          compared += expected.results.length;
          assert.ok(cache.size <= chunksOf(text).length, 'the cache holds only chunks of the current text');
        }
      }),
      { seed: 20261123, numRuns: 150 },
    );
    assert.ok(compared > 5000, `only ${compared} findings compared`);
  });

  it('a ServiceAccount in another document decides about a pod: the rule is crossDocument, and needs to be', () => {
    const text = `---\n${DOCUMENTS[2]}\n---\n${DEPLOYMENT(1)}\n`;
    const ids = (results: readonly { ruleId: string }[]) => results.filter((r) => r.ruleId === automountServiceAccountToken.id).length;
    const whole = lintText(URI, text, { config });
    assert.equal(ids(whole.results), 0, 'the Deployment uses the ServiceAccount that opts out');
    assert.deepStrictEqual(lintDocuments(URI, text, { config, cache: new DocumentLintCache() }).results, whole.results);
    // Without the property the per-document lint would report the Deployment.
    const local: FileRule<YamlFile> = defineYamlRule({ ...(automountServiceAccountToken as FileRule<YamlFile> & { kind: 'kubernetes' }), crossDocument: false });
    const withoutProperty = lintDocuments(URI, text, { config, rules: [local], cache: new DocumentLintCache() });
    assert.equal(ids(withoutProperty.results), 1);
  });

  it('the rules marked crossDocument are exactly those of the audit', () => {
    const marked = KUBERNETES_RULES.filter((r) => r.scope !== 'workspace' && r.crossDocument).map((r) => r.id);
    assert.deepStrictEqual(marked, ['k8s/auth-disabled', 'k8s/automount-service-account-token']);
  });

  it('a Service in another document decides whether a pod is published: k8s/auth-disabled is crossDocument, and needs to be', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: db, labels: {app: db}}\nspec:\n  containers:\n  - name: pg\n    image: postgres:16.4\n    env: [{name: POSTGRES_HOST_AUTH_METHOD, value: trust}]\n';
    const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: NodePort, selector: {app: db}, ports: [{port: 5432}]}\n';
    const text = `---\n${pod}---\n${service}`;
    const count = (results: readonly { ruleId: string }[]) => results.filter((r) => r.ruleId === k8sAuthDisabled.id).length;
    assert.equal(count(lintText(URI, text, { config }).results), 1);
    assert.equal(count(lintDocuments(URI, text, { config, cache: new DocumentLintCache() }).results), 1);
    const local: FileRule<YamlFile> = defineYamlRule({ ...(k8sAuthDisabled as FileRule<YamlFile> & { kind: 'kubernetes' }), crossDocument: false });
    assert.equal(count(lintDocuments(URI, text, { config, rules: [local], cache: new DocumentLintCache() }).results), 0);
  });

  it('a bollwerk-ignore-file comment added to one document suppresses cached findings of the others', () => {
    const cache = new DocumentLintCache();
    const yamlCache = new ChunkCache();
    const text = `---\n${DEPLOYMENT(1)}\n---\n${DEPLOYMENT(2)}\n`;
    const before = editorLint(text, cache, yamlCache).results.filter((r) => r.ruleId === 'k8s/image-latest-tag');
    assert.deepStrictEqual(before.map((r) => r.range.start.line), [18, 39]);
    const edited = text.replace('kind: Deployment', 'kind: Deployment\n# bollwerk-ignore-file k8s/image-latest-tag');
    const after = editorLint(edited, cache, yamlCache);
    assert.deepStrictEqual(after.results.filter((r) => r.ruleId === 'k8s/image-latest-tag'), []);
    assert.deepStrictEqual(after.results, lintText(URI, edited, { config }).results);
  });

  it('moving documents shifts the cached ranges and fixes', () => {
    const cache = new DocumentLintCache();
    const yamlCache = new ChunkCache();
    const a = `---\n${DOCUMENTS[3]}\n`;
    const b = `---\n${DOCUMENTS[5]}\n`;
    editorLint(a + b, cache, yamlCache);
    const swapped = editorLint(b + a, cache, yamlCache);
    assert.deepStrictEqual(swapped.results, lintText(URI, b + a, { config }).results);
    const port = swapped.results.find((r) => r.ruleId === 'k8s/service-exposes-sensitive-port');
    assert.deepStrictEqual(port?.range, { start: { line: 15, character: 12 }, end: { line: 15, character: 16 } });
  });

  it('a rule that throws on one document loses only that document and is reported once', () => {
    const thrower = defineYamlRule({
      ...(KUBERNETES_RULES.find((r) => r.id === 'k8s/plaintext-secret') as FileRule<YamlFile> & { kind: 'kubernetes' }),
      check: (file) => {
        if (file.objects.some((o) => o.name === 'app-2')) throw new Error('boom');
        return file.objects.map((o) => ({ range: o.range, args: { name: o.name ?? '', count: 1, key: 'data' } }));
      },
    });
    const logged: string[] = [];
    const text = `---\n${DEPLOYMENT(1)}\n---\n${DEPLOYMENT(2)}\n---\n${DEPLOYMENT(3)}\n`;
    const report = lintDocuments(URI, text, { config, rules: [thrower], cache: new DocumentLintCache(), log: (m) => logged.push(m) });
    assert.deepStrictEqual(report.results.map((r) => [r.ruleId, r.range.start.line]), [['bollwerk/internal-error', 0], ['k8s/plaintext-secret', 1], ['k8s/plaintext-secret', 43]]);
    assert.equal(logged.length, 1);
  });

  it('a file whose documents use different line breaks is linted whole, with the same results', () => {
    const text = `---\r\n${DEPLOYMENT(1).replace(/\n/g, '\r\n')}\r\n---\n${DEPLOYMENT(2)}\n`;
    const cache = new DocumentLintCache();
    assert.deepStrictEqual(lintDocuments(URI, text, { config, cache }).results, lintText(URI, text, { config }).results);
    assert.equal(cache.size, 0);
  });

  it('keeps one entry per document and drops the documents that are gone', () => {
    const cache = new DocumentLintCache();
    const yamlCache = new ChunkCache();
    let text = `---\n${DEPLOYMENT(1)}\n---\n${DEPLOYMENT(2)}\n`;
    for (let i = 0; i < 20; i++) {
      text = text.replace('name: app-2', `name: app-2${i}`);
      editorLint(text, cache, yamlCache);
      assert.equal(cache.size, 2);
      assert.equal(yamlCache.size, 2);
    }
    editorLint('', cache, yamlCache);
    assert.equal(cache.size, 1);
    // Without a crossDocument rule nothing parses the whole file, and the parsed documents are still kept.
    const local = KUBERNETES_RULES.filter((r) => r.scope !== 'workspace' && !r.crossDocument);
    editorLint(text, cache, yamlCache, local);
    editorLint(text.replace('name: app-1', 'name: app-1x'), cache, yamlCache, local);
    assert.equal(cache.size, 2);
    assert.equal(yamlCache.size, 2);
  });

  it('limits, templates and binary content give the same notes and results as the whole-file lint', () => {
    const many = Array.from({ length: 1005 }, (_, i) => `---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s${i}\ndata:\n  k: dg==\n`).join('');
    const texts = [many, `---\n${DEPLOYMENT(1)}\n---\nmetadata:\n  name: {{ .Release.Name }}-web\n`, `---\n${DEPLOYMENT(1)}\u0000\n`];
    const codes = ['too-many-documents', 'templated', 'binary'];
    for (const [i, text] of texts.entries()) {
      const cache = new DocumentLintCache();
      const actual = lintDocuments(URI, text, { config, kind: 'kubernetes', cache });
      const expected = lintText(URI, text, { config, kind: 'kubernetes' });
      assert.deepStrictEqual(actual.notes.map((n) => n.code), [codes[i]]);
      assert.deepStrictEqual(actual.notes, expected.notes);
      assert.deepStrictEqual(actual.results, expected.results);
    }
    const limited = lintDocuments(URI, many, { config, kind: 'kubernetes', cache: new DocumentLintCache() });
    assert.deepStrictEqual(limited.notes.map((n) => n.code), ['too-many-documents']);
    assert.equal(limited.results.filter((r) => r.ruleId === 'k8s/plaintext-secret').length, 1000);
  });

  it('the Kubernetes reading (YAML 1.1 booleans, duplicates, merge keys, aliases) gives the whole-file results, also after an edit', () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostPID: yes\n  containers: [{name: a, securityContext: {privileged: false, privileged: true}}]\n',
      'x: &sc {privileged: on}\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers:\n  - name: b\n    securityContext:\n      <<: *sc\n  - name: c\n    securityContext: *sc\n',
      'apiVersion: v1\nkind: Pod\nkind: Pod\nmetadata: {name: c}\n',
    ].join('---\n');
    const cache = new DocumentLintCache();
    const yamlCache = new ChunkCache();
    for (const version of [text, text.replace('name: c}', 'name: cc}'), `# moved\n${text}`]) {
      const actual = lintDocuments(URI, version, { config, kind: 'kubernetes', cache, yamlCache });
      const expected = lintText(URI, version, { config, kind: 'kubernetes' });
      assert.deepStrictEqual(actual.results, expected.results);
      assert.deepStrictEqual(actual.results.filter((r) => ['k8s/privileged', 'k8s/host-namespaces', 'bollwerk/duplicate-key'].includes(r.ruleId)).map((r) => r.ruleId).sort(), ['bollwerk/duplicate-key', 'bollwerk/duplicate-key', 'k8s/host-namespaces', 'k8s/privileged', 'k8s/privileged', 'k8s/privileged']);
    }
  });

  it('the editor skips a template only in a folder tree with a Chart.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bollwerk-chart-'));
    try {
      mkdirSync(join(dir, 'chart', 'templates', 'sub'), { recursive: true });
      writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
      const template = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n';
      const uri = (path: string): string => pathToFileURL(join(dir, path)).toString();
      assert.equal(inChart(uri('chart/templates/sub/pod.yaml'), template), true);
      assert.equal(inChart(uri('chart/templates/sub/pod.yaml'), template.replace('{{ .Release.Name }}', 'p')), false, 'a chart file without template actions is plain YAML');
      assert.equal(inChart(uri('templates/pod.yaml'), template), false, 'templates/ outside a chart');
      assert.equal(inChart('untitled:Untitled-1', template), false);
      const skipped = lintDocuments(uri('chart/templates/sub/pod.yaml'), template, { config, kind: 'kubernetes', cache: new DocumentLintCache(), inChart: true });
      assert.deepStrictEqual([skipped.results, skipped.notes.map((n) => n.code)], [[], ['templated']]);
      const checked = lintDocuments(uri('templates/pod.yaml'), template, { config, kind: 'kubernetes', cache: new DocumentLintCache(), inChart: false });
      assert.ok(checked.results.some((r) => r.ruleId === 'k8s/privileged'), 'a template that parses is checked outside a chart');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Compose files and Dockerfiles take the whole-file path', () => {
    const cache = new DocumentLintCache();
    const compose = 'services:\n  web:\n    image: nginx\n    privileged: true\n';
    const report = lintDocuments('file:///w/compose.yaml', compose, { config, cache });
    assert.equal(report.kind, 'compose');
    assert.ok(report.results.length > 0);
    assert.deepStrictEqual(report.results, lintText('file:///w/compose.yaml', compose, { config }).results);
    assert.equal(cache.size, 0);
  });
});
