// The editor's pin quick-fix (server/src/pin-actions.ts) against a real docker-registry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPinActions, type PinActionDeps } from '../../server/src/pin-actions';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintText } from '../../shared/src/lint';
import { RULES } from '../../shared/src/rules';
import { applyEdits } from '../../shared/src/text';
import { pushIndex, removeTempDirs, requireRegistryBinary, startRegistry, tempDir, type RunningRegistry } from './harness';

describe('pin quick-fix', () => {
  let reg: RunningRegistry;
  let digest: string;

  before(async () => {
    requireRegistryBinary();
    reg = await startRegistry(tempDir('storage'), { kind: 'none' });
    digest = (await pushIndex(`http://${reg.host}`, 'team/app', '1.0', 'oci')).digest;
  });
  after(async () => {
    await reg.stop();
    removeTempDirs();
  });

  const setup = (text: string, overrides: Partial<PinActionDeps> = {}) => {
    const doc = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 3, text);
    const notes: string[] = [];
    const progress: string[] = [];
    const deps: PinActionDeps = {
      isAllowed: async () => true,
      log: () => undefined,
      notify: (m) => notes.push(m),
      progress: async (title) => {
        progress.push(`begin ${title}`);
        return { done: () => progress.push('done') };
      },
      document: () => doc,
      env: {},
      settingsFor: async () => ({ lang: 'en', pinning: { ...DEFAULT_CONFIG.pinning, timeoutMs: 2000 } }),
      ...overrides,
    };
    return { doc, notes, progress, actions: createPinActions(deps) };
  };
  const diagnostic = (doc: TextDocument, reference: string, rule = 'dockerfile/pin-base-image-digest'): Diagnostic => {
    const start = doc.getText().indexOf(reference);
    return {
      range: { start: doc.positionAt(start), end: doc.positionAt(start + reference.length) },
      severity: DiagnosticSeverity.Warning,
      code: rule,
      source: 'bollwerk',
      message: 'not pinned',
      data: { version: doc.version, pin: { reference } },
    };
  };
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

  it('lists an unresolved action per pin diagnostic and fills in the edit on resolve', async () => {
    const ref = `${reg.host}/team/app:1.0`;
    const { doc, actions, progress } = setup(`FROM ${ref} AS build\nUSER 10001\n`);
    const d = diagnostic(doc, ref);
    const other: Diagnostic = { ...d, code: 'dockerfile/prefer-copy', data: { version: 3 } };
    const listed = actions.codeActions(doc, [d, other, d]);
    assert.equal(listed.length, 1);
    const [action] = listed;
    assert.equal(action?.title, `Pin ${ref} to its digest`);
    assert.equal(action?.kind, CodeActionKind.QuickFix);
    assert.equal(action?.edit, undefined);
    assert.deepEqual(action?.diagnostics, [d]);
    assert.ok(actions.owns(action!));
    assert.ok(!actions.owns({ title: 'x', data: { fix: {} } }));
    const resolved = await actions.resolve(action!);
    assert.deepEqual(resolved.edit, { changes: { [doc.uri]: [{ range: d.range, newText: `${ref}@${digest}` }] } });
    assert.deepEqual(progress, [`begin Pin ${ref} to its digest`, 'done']);
  });

  it('pins a chart finding where lintChart placed it: the digest inserted after the tag in values.yaml', async () => {
    const ref = `${reg.host}/team/app:1.0`;
    const { doc, actions } = setup('apiVersion: v1\n');
    const position = { line: 3, character: 12 };
    const d: Diagnostic = { ...diagnostic(doc, 'apiVersion', 'k8s/pin-image-digest'), data: { version: doc.version, pin: { reference: ref, insert: { uri: 'file:///w/values.yaml', position } } } };
    const [action] = actions.codeActions(doc, [d]);
    assert.equal(action?.title, `Pin ${ref} to its digest`);
    const resolved = await actions.resolve(action!);
    assert.deepEqual(resolved.edit, { changes: { 'file:///w/values.yaml': [{ range: { start: position, end: position }, newText: `@${digest}` }] } });
  });

  it('skips diagnostics whose range no longer holds the reference, and documents that changed before resolving', async () => {
    const ref = `${reg.host}/team/app:1.0`;
    const { doc, actions } = setup(`FROM ${ref}\n`);
    const d = diagnostic(doc, ref);
    assert.deepEqual(actions.codeActions(doc, [{ ...d, range: { start: d.range.start, end: { line: 0, character: 3 } } }]), []);
    const [action] = actions.codeActions(doc, [d]);
    TextDocument.update(doc, [{ text: 'FROM other:1\n' }], 4);
    assert.equal((await actions.resolve(action!)).edit, undefined);
  });

  it('is off when lookups are not allowed: no edit, the reason shown, later listings disabled', async () => {
    const ref = `${reg.host}/team/app:1.0`;
    const { doc, actions, notes } = setup(`FROM ${ref}\n`, { isAllowed: async () => false });
    const d = diagnostic(doc, ref);
    const [first] = actions.codeActions(doc, [d]);
    const resolved = await actions.resolve(first!);
    assert.equal(resolved.edit, undefined);
    assert.match(notes[0] ?? '', /registry lookups are off \(untrusted workspace or bollwerk.pinning.enabled: false\)/);
    await settle();
    const [again] = actions.codeActions(doc, [d]);
    assert.match(again?.disabled?.reason ?? '', /registry lookups are off/);
  });

  it('says why a reference could not be pinned and shows it on the next listing, in the display language', async () => {
    const ref = `${reg.host}/team/app:9.9`;
    const { doc, actions, notes } = setup(`FROM ${ref}\n`, { settingsFor: async () => ({ lang: 'de', pinning: DEFAULT_CONFIG.pinning }) });
    const d = diagnostic(doc, ref, 'compose/pin-image-digest');
    const [action] = actions.codeActions(doc, [d]);
    assert.equal((await actions.resolve(action!)).edit, undefined);
    assert.match(notes[0] ?? '', /hat kein Tag 9\.9/);
    const [again] = actions.codeActions(doc, [d]);
    assert.equal(again?.title, `${ref} auf seinen Digest pinnen`);
    assert.match(again?.disabled?.reason ?? '', /hat kein Tag 9\.9/);
  });

  it('resolves in the background while listing, so resolving is answered from the cache', async () => {
    const ref = `${reg.host}/team/app:1.0`;
    let lookups = 0;
    const { doc, actions } = setup(`FROM ${ref}\n`, {
      client: { resolve: async () => (lookups++, { ok: true, digest, mediaType: 'application/vnd.oci.image.index.v1+json', multiPlatform: true }) },
    });
    const d = diagnostic(doc, ref);
    const [action] = actions.codeActions(doc, [d]);
    await settle();
    assert.equal(lookups, 1, 'listing started one lookup in the background');
    const resolved = await actions.resolve(action!);
    assert.equal(resolved.edit?.changes?.[doc.uri]?.[0]?.newText, `${ref}@${digest}`);
    assert.equal(lookups, 1, 'resolve used the cached answer');
  });

  it('pins what the pin rules report, in Dockerfiles, Compose files and manifests, keeping quotes', async () => {
    const rules = RULES.filter((r) => ['dockerfile/pin-base-image-digest', 'compose/pin-image-digest', 'k8s/pin-image-digest'].includes(r.id));
    assert.equal(rules.length, 3, 'the three pin rules are registered');
    const ref = `${reg.host}/team/app:1.0`;
    const files: [string, string, string][] = [
      ['file:///w/Dockerfile', 'dockerfile', `FROM ${ref} AS build\nCOPY --from=${ref} /a /a\n`],
      ['file:///w/compose.yaml', 'yaml', `services:\n  a:\n    image: "${ref}"\n  b:\n    image: ${ref} # plain\n`],
      ['file:///w/k8s.yaml', 'yaml', `apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n    - name: i\n      image: '${ref}'\n  containers:\n    - name: c\n      image: "${ref}"\n`],
    ];
    for (const [uri, language, text] of files) {
      const doc = TextDocument.create(uri, language, 1, text);
      const { actions } = setup(text, { document: () => doc });
      const diagnostics: Diagnostic[] = lintText(uri, text, { rules, config: { ...DEFAULT_CONFIG, level: 'L3' } }).results.map((r) => ({ range: r.range, message: r.message.en, code: r.ruleId, data: { version: 1, ...r.data } }));
      assert.equal(diagnostics.length, 2, `${uri}: two findings`);
      const listed = actions.codeActions(doc, diagnostics);
      assert.equal(listed.length, 2, `${uri}: two actions`);
      const edits = [];
      for (const a of listed) edits.push(...((await actions.resolve(a)).edit?.changes?.[uri] ?? []));
      assert.equal(applyEdits(text, edits), text.split(ref).join(`${ref}@${digest}`), uri);
    }
  });
});
