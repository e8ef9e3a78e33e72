// Quick-fixes and related information of chart and kustomize findings over stdio with the real
// server: a template finding whose block comes from values edits values.yaml, one in a block the
// template writes edits the template; applying the edit and rendering again removes the finding;
// fix-all fixes the chart; kustomize fixes go into the base or the overlay's patch; related places
// arrive as relatedInformation.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { rulesOf } from '../../server/src/diagnostic-groups';
import { applyEdits } from '../../shared/src/text';
import { ROOT, startServer, type TestClient } from './lsp-client';

/** The edits of a workspace edit by URI (documentChanges or changes). */
function editsOf(edit: WorkspaceEdit | undefined): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const c of edit?.documentChanges ?? []) if ('textDocument' in c) out.set(c.textDocument.uri, [...(out.get(c.textDocument.uri) ?? []), ...(c.edits as TextEdit[])]);
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) out.set(uri, [...(out.get(uri) ?? []), ...edits]);
  return out;
}

const diagnosticOf = (p: PublishDiagnosticsParams, rule: string): Diagnostic => {
  const d = p.diagnostics.find((x) => rulesOf(x).includes(rule));
  assert.ok(d, `no ${rule} in ${p.uri}: ${p.diagnostics.map((x) => rulesOf(x).join('+')).join(', ')}`);
  return d;
};

/** The code action titled `title`. */
const titled = (actions: readonly CodeAction[], title: string): CodeAction => {
  const a = actions.find((x) => x.title === title);
  assert.ok(a, `no "${title}" among ${actions.map((x) => x.title).join(' | ')}`);
  return a;
};

const at = (line: number, character: number): { start: { line: number; character: number }; end: { line: number; character: number } } => ({ start: { line, character }, end: { line, character } });

/** The web chart's template after fix-all: the host network off, the token not mounted, user namespaces on. */
const fixedTemplate = (template: string): string => `${template.replace('hostNetwork: true', 'hostNetwork: false')}      automountServiceAccountToken: false\n      hostUsers: false\n`;

/** test/fixtures/helm/web's values.yaml after every fix of the chart. */
const FIXED_VALUES = 'image:\n  repository: nginx\n  tag: latest\nsecurityContext:\n  privileged: false\n  runAsNonRoot: true\n  capabilities:\n    drop:\n      - ALL\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  seccompProfile:\n    type: RuntimeDefault\n';

describe('chart and kustomize quick-fixes in the editor', () => {
  let dir = '';
  let c: TestClient;
  const uri = (rel: string): string => URI.file(join(dir, rel)).toString();
  const text = (rel: string): string => readFileSync(join(dir, rel), 'utf8');
  const actionsAt = (file: string, d: Diagnostic, only?: string[]): Promise<CodeAction[]> =>
    c.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri(file) }, range: d.range, context: { diagnostics: [d], ...(only ? { only } : {}) } });
  /** Opens a file (if it is not open yet) and waits for its first diagnostics. */
  const opened = async (file: string): Promise<PublishDiagnosticsParams> => {
    c.open(uri(file), text(file));
    return c.waitForPublish(uri(file), (p) => p.version === 1);
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-chart-actions-'));
    cpSync(join(ROOT, 'test/fixtures/helm/web'), join(dir, 'charts/web'), { recursive: true });
    cpSync(join(ROOT, 'test/fixtures/helm/web'), join(dir, 'charts/web2'), { recursive: true });
    // a chart whose template writes the container's securityContext itself
    mkdirSync(join(dir, 'charts/plain/templates'), { recursive: true });
    writeFileSync(join(dir, 'charts/plain/Chart.yaml'), 'apiVersion: v2\nname: plain\nversion: 1.0.0\n');
    writeFileSync(join(dir, 'charts/plain/values.yaml'), 'replicas: 1\n');
    writeFileSync(
      join(dir, 'charts/plain/templates/deployment.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ .Release.Name }}',
        'spec:',
        '  replicas: {{ .Values.replicas }}',
        '  template:',
        '    spec:',
        '      automountServiceAccountToken: false',
        '      containers:',
        '        - name: app',
        '          image: "nginx:1.27"',
        '          securityContext:',
        '            runAsNonRoot: true',
        '            allowPrivilegeEscalation: false',
        '',
      ].join('\n'),
    );
    cpSync(join(ROOT, 'test/fixtures/kustomize/app'), join(dir, 'kustomize'), { recursive: true });
    // prod's patch turns the read-only root file system off: a finding the patch causes
    writeFileSync(join(dir, 'kustomize/overlays/prod/secure.yaml'), `${readFileSync(join(dir, 'kustomize/overlays/prod/secure.yaml'), 'utf8')}            readOnlyRootFilesystem: false\n`);
    c = startServer();
    // resource limits are a fix of their own in every container; off here, so that each test looks at the fixes it names
    c.settings['*'] = { rules: { 'k8s/resources': 'off' } };
    await c.initialize({ pull: false, folders: [URI.file(dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a template finding in a block fed by values carries related information naming the values key', async () => {
    const p = await opened('charts/web/templates/deployment.yaml');
    const d = diagnosticOf(p, 'k8s/read-only-root-filesystem');
    assert.deepEqual(d.relatedInformation, [
      { location: { uri: uri('charts/web/values.yaml'), range: { start: { line: 3, character: 0 }, end: { line: 3, character: 15 } } }, message: 'the setting belongs in the values key securityContext, which feeds this block' },
    ]);
    // a finding written in the template itself has none
    assert.equal(diagnosticOf(p, 'k8s/host-namespaces').relatedInformation, undefined);
  });

  it('a kustomize base finding names the overlays that deploy it as related information', async () => {
    const p = await opened('kustomize/base/deployment.yaml');
    const d = diagnosticOf(p, 'k8s/image-latest-tag');
    const kustomization = (o: string): string => uri(`kustomize/overlays/${o}/kustomization.yaml`);
    assert.deepEqual(d.relatedInformation?.map((r) => [r.location.uri, r.message]), [
      [kustomization('dev'), 'deployed by /kustomize/overlays/dev'],
      [kustomization('prod'), 'deployed by /kustomize/overlays/prod'],
    ]);
  });

  it('a template finding whose block comes from values.yaml: the quick-fix edits values.yaml, and applying it removes the finding', async () => {
    const template = 'charts/web/templates/deployment.yaml';
    const p = c.published.filter((x) => x.uri === uri(template)).at(-1)!;
    const d = diagnosticOf(p, 'k8s/read-only-root-filesystem');
    const action = titled(await actionsAt(template, d), 'Set readOnlyRootFilesystem: true');
    // values.yaml ends `  runAsNonRoot: true` on line 6 (0-based 5): the key goes below it, indented as its siblings
    assert.deepEqual([...editsOf(action.edit)], [[uri('charts/web/values.yaml'), [{ range: at(5, 20), newText: '\n  readOnlyRootFilesystem: true' }]]]);
    assert.equal(action.isPreferred, undefined, 'the group’s harden action is the preferred one');
    const values = text('charts/web/values.yaml');
    const fixed = applyEdits(values, editsOf(action.edit).get(uri('charts/web/values.yaml'))!);
    assert.equal(fixed, values.replace('  runAsNonRoot: true', '  runAsNonRoot: true\n  readOnlyRootFilesystem: true'));
    c.open(uri('charts/web/values.yaml'), values);
    await c.waitForPublish(uri('charts/web/values.yaml'), (x) => x.version === 1);
    const before = c.published.length;
    c.change(uri('charts/web/values.yaml'), 2, fixed);
    const after = await c.waitForPublish(uri(template), (x) => c.published.indexOf(x) >= before);
    assert.ok(!after.diagnostics.some((x) => rulesOf(x).includes('k8s/read-only-root-filesystem')), JSON.stringify(after.diagnostics.map(rulesOf)));
    assert.ok(after.diagnostics.some((x) => rulesOf(x).includes('k8s/seccomp-restricted')), 'the other findings stay');
  });

  it('the action applying every fix of a container edits values.yaml once, with all its fixes', async () => {
    const template = 'charts/web2/templates/deployment.yaml';
    const p = await opened(template);
    const d = diagnosticOf(p, 'k8s/read-only-root-filesystem');
    const harden = titled(await actionsAt(template, d), 'Harden container "web" (apply all 3 fixes)');
    assert.equal(harden.isPreferred, true);
    assert.deepEqual([...editsOf(harden.edit)], [
      [uri('charts/web2/values.yaml'), [{ range: at(6, 0), newText: '  capabilities:\n    drop:\n      - ALL\n  readOnlyRootFilesystem: true\n  seccompProfile:\n    type: RuntimeDefault\n' }]],
    ]);
  });

  it('a finding in a block the template writes: the quick-fix edits the template, and applying it removes the finding', async () => {
    const template = 'charts/plain/templates/deployment.yaml';
    const p = await opened(template);
    const d = diagnosticOf(p, 'k8s/read-only-root-filesystem');
    assert.equal(d.relatedInformation, undefined, 'no values key feeds the block');
    const action = titled(await actionsAt(template, d), 'Set readOnlyRootFilesystem: true');
    assert.deepEqual([...editsOf(action.edit)], [[uri(template), [{ range: at(14, 43), newText: '\n            readOnlyRootFilesystem: true' }]]]);
    c.change(uri(template), 2, applyEdits(text(template), editsOf(action.edit).get(uri(template))!));
    const after = await c.waitForPublish(uri(template), (x) => x.version === 2);
    assert.deepEqual(after.diagnostics.flatMap(rulesOf).sort(), ['k8s/capabilities-restricted', 'k8s/host-users', 'k8s/seccomp-restricted']);
  });

  it('fix-all on a chart’s template applies every verified fix of the chart: the template’s and values.yaml’s; rendering again leaves only unfixable findings', async () => {
    const template = 'charts/web2/templates/deployment.yaml';
    const p = c.published.filter((x) => x.uri === uri(template)).at(-1)!;
    const actions = await actionsAt(template, p.diagnostics[0]!, ['source.fixAll.bollwerk']);
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.bollwerk']);
    const edits = editsOf(actions[0]!.edit);
    assert.deepEqual([...edits.keys()].sort(), [uri(template), uri('charts/web2/values.yaml')].sort());
    assert.equal(applyEdits(text(template), edits.get(uri(template))!), fixedTemplate(text(template)));
    // values.yaml: privileged set to false and the missing settings added
    assert.equal(applyEdits(text('charts/web2/values.yaml'), edits.get(uri('charts/web2/values.yaml'))!), FIXED_VALUES);
    // the edit is versioned for the open template, and for values.yaml (not open) it is not
    const versions = (actions[0]!.edit!.documentChanges ?? []).map((x) => ('textDocument' in x ? [x.textDocument.uri, x.textDocument.version] : [])).sort();
    assert.deepEqual(versions, [[uri(template), 1], [uri('charts/web2/values.yaml'), null]].sort());
    const values = 'charts/web2/values.yaml';
    c.open(uri(values), applyEdits(text(values), edits.get(uri(values))!));
    await c.waitForPublish(uri(values), (x) => x.version === 1);
    c.change(uri(template), 2, applyEdits(text(template), edits.get(uri(template))!));
    const after = await c.waitForPublish(uri(template), (x) => x.version === 2);
    // without the token mounted, the default service account is no finding either; with privileged
    // false, escalation is fixed too: nothing is left
    assert.deepEqual(after.diagnostics.flatMap(rulesOf).sort(), []);
  });

  it('a kustomize finding every overlay has: the quick-fix edits the base resource, and applying it removes the finding', async () => {
    const base = 'kustomize/base/deployment.yaml';
    const p = c.published.filter((x) => x.uri === uri(base)).at(-1)!;
    const d = diagnosticOf(p, 'k8s/capabilities-restricted');
    const action = titled(await actionsAt(base, d), 'Drop ALL capabilities');
    assert.deepEqual([...editsOf(action.edit)], [[uri(base), [{ range: at(18, 42), newText: '\n            capabilities:\n              drop:\n                - ALL' }]]]);
    c.change(uri(base), 2, applyEdits(text(base), editsOf(action.edit).get(uri(base))!));
    const after = await c.waitForPublish(uri(base), (x) => x.version === 2);
    assert.ok(!after.diagnostics.some((x) => rulesOf(x).includes('k8s/capabilities-restricted')), JSON.stringify(after.diagnostics.map(rulesOf)));
  });

  it('a kustomize finding an overlay’s patch causes: the quick-fix edits the patch, and applying it removes the finding', async () => {
    const patch = 'kustomize/overlays/prod/secure.yaml';
    const p = await opened(patch);
    const d = diagnosticOf(p, 'k8s/read-only-root-filesystem');
    assert.equal(d.range.start.line, 11);
    const action = titled(await actionsAt(patch, d), 'Set readOnlyRootFilesystem: true');
    const edits = editsOf(action.edit);
    assert.deepEqual([...edits.keys()], [uri(patch)]);
    const fixed = applyEdits(text(patch), edits.get(uri(patch))!);
    assert.equal(fixed, text(patch).replace('readOnlyRootFilesystem: false', 'readOnlyRootFilesystem: true'));
    c.change(uri(patch), 2, fixed);
    const after = await c.waitForPublish(uri(patch), (x) => x.version === 2);
    assert.deepEqual(after.diagnostics, []);
  });
});

describe('digest pinning of a chart finding', () => {
  let dir = '';
  let c: TestClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-chart-pin-'));
    cpSync(join(ROOT, 'test/fixtures/helm/web'), join(dir, 'web'), { recursive: true });
    writeFileSync(join(dir, 'web/values.yaml'), 'image:\n  repository: nginx\n  tag: "1.27"\n');
    c = startServer();
    c.settings['*'] = { level: 'L3', pinning: { enabled: false } };
    await c.initialize({ pull: false, folders: [URI.file(dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the pin action of an image set in values.yaml inserts the digest after the tag value there', async () => {
    const values = URI.file(join(dir, 'web/values.yaml')).toString();
    c.open(values, readFileSync(join(dir, 'web/values.yaml'), 'utf8'));
    const p = await c.waitForPublish(values, (x) => x.version === 1 && x.diagnostics.some((d) => rulesOf(d).includes('k8s/pin-image-digest')));
    const d = diagnosticOf(p, 'k8s/pin-image-digest');
    const actions = await c.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: values }, range: d.range, context: { diagnostics: [d] } });
    const pin = actions.find((a) => /^Pin /.test(a.title));
    assert.ok(pin, actions.map((a) => a.title).join(' | '));
    // the digest goes in after `1.27`, inside the quotes (line 3, 0-based 2)
    assert.deepEqual((pin.data as { bollwerkPin: unknown }).bollwerkPin, { uri: values, version: 1, range: at(2, 12), reference: 'nginx:1.27', insert: true });
  });
});

describe('fix-all of a chart with codeAction/resolve', () => {
  let dir = '';
  let c: TestClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-chart-resolve-'));
    cpSync(join(ROOT, 'test/fixtures/helm/web'), join(dir, 'web'), { recursive: true });
    c = startServer();
    c.settings['*'] = { rules: { 'k8s/resources': 'off' } };
    await c.initialize({ pull: false, resolve: true, folders: [URI.file(dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is listed without its edit and resolved to the edits of the template and values.yaml', async () => {
    const template = URI.file(join(dir, 'web/templates/deployment.yaml')).toString();
    c.open(template, readFileSync(join(dir, 'web/templates/deployment.yaml'), 'utf8'));
    const p = await c.waitForPublish(template, (x) => x.version === 1);
    const d = diagnosticOf(p, 'k8s/host-namespaces');
    const actions = await c.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: template }, range: d.range, context: { diagnostics: [d] } });
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.bollwerk');
    assert.ok(fixAll && fixAll.edit === undefined, JSON.stringify(actions.map((a) => [a.title, a.kind])));
    const resolved = await c.connection.sendRequest<CodeAction>('codeAction/resolve', fixAll);
    const edits = editsOf(resolved.edit);
    const before = readFileSync(join(dir, 'web/templates/deployment.yaml'), 'utf8');
    assert.equal(applyEdits(before, edits.get(template)!), fixedTemplate(before));
    assert.equal(applyEdits(readFileSync(join(dir, 'web/values.yaml'), 'utf8'), edits.get(URI.file(join(dir, 'web/values.yaml')).toString())!), FIXED_VALUES);
  });

  it('the action applying every fix of a container is listed without its edit and resolved to the values.yaml edit', async () => {
    const template = URI.file(join(dir, 'web/templates/deployment.yaml')).toString();
    const p = c.published.filter((x) => x.uri === template).at(-1)!;
    const d = diagnosticOf(p, 'k8s/read-only-root-filesystem');
    const actions = await c.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: template }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const harden = titled(actions, 'Harden container "web" (apply all 3 fixes)');
    assert.equal(harden.edit, undefined);
    const resolved = await c.connection.sendRequest<CodeAction>('codeAction/resolve', harden);
    assert.deepEqual([...editsOf(resolved.edit)], [
      [URI.file(join(dir, 'web/values.yaml')).toString(), [{ range: at(6, 0), newText: '  capabilities:\n    drop:\n      - ALL\n  readOnlyRootFilesystem: true\n  seccompProfile:\n    type: RuntimeDefault\n' }]],
    ]);
  });
});
