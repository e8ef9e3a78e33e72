import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { itemById } from '../../shared/src/checklist/index';
import { lintText } from '../../shared/src/lint';
import { applyAction, COMPOSE, COMPOSE_URI, DOCKERFILE, DOCKERFILE_URI, POD, POD_URI, rangesOf } from './fixtures';
import { startServer, type TestClient } from './lsp-client';
import { rulesOf } from '../../server/src/diagnostic-groups';

const hover = (c: TestClient, uri: string, line: number, character: number): Promise<Hover | null> =>
  c.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });

const actions = (c: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> =>
  c.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics, ...(only ? { only } : {}) },
  });

const markdownOf = (h: Hover | null): string => {
  assert.ok(h, 'expected a hover');
  const contents = h.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return contents.value;
};

describe('hover on a line that is evidence', () => {
  it('names the checklist items the workflow line proves', async () => {
    const c = startServer();
    try {
      await c.initialize({ pull: false, locale: 'en-US' });
      const uri = 'file:///w/repo/.github/workflows/release.yml';
      c.open(uri, 'on: push\npermissions: {contents: read}\njobs:\n  scan:\n    steps:\n      - run: trivy image --exit-code 1 --severity CRITICAL,HIGH app\n');
      await c.waitForPublish(uri);
      const md = markdownOf(await hover(c, uri, 5, 12));
      assert.ok(md.includes('**Evidence: image scan**') && md.includes('**Evidence: scan fails on CRITICAL**'), md);
      assert.ok(md.includes('`CL-1.3.1`') && md.includes('`CL-1.3.2`'), md);
      assert.equal(await hover(c, uri, 0, 1), null);
    } finally {
      await c.stop();
    }
  });
});

describe('hover cites the checklist items', () => {
  for (const [locale, lang] of [['en-US', 'en'], ['de-DE', 'de']] as const) {
    it(`in ${lang}`, async () => {
      const c = startServer();
      try {
        await c.initialize({ pull: false, locale });
        c.open(DOCKERFILE_URI, DOCKERFILE);
        await c.waitForPublish(DOCKERFILE_URI);
        const md = markdownOf(await hover(c, DOCKERFILE_URI, 1, 1));
        const item = itemById('CSVS-3.11')!;
        const title = lang === 'en' ? 'Use COPY instead of ADD for local files' : 'COPY statt ADD für lokale Dateien verwenden';
        assert.ok(md.includes(`**${title}**`), md);
        assert.ok(md.includes('`CSVS-3.11`'), md);
        assert.ok(md.includes(item.text[lang]), `item text in ${lang}: ${md}`);
        assert.ok(md.includes('OWASP Container Security Verification Standard (CSVS) 1.0'), 'document name');
        assert.ok(md.includes(lang === 'en' ? 'CSVS levels: L1, L2, L3' : 'CSVS-Stufen: L1, L2, L3'), md);
        assert.ok(md.includes(lang === 'en' ? '**Why:**' : '**Warum:**'), md);
        assert.ok(md.includes(lang === 'en' ? '**How to fix:** Replace ADD with COPY.' : '**Behebung:** ADD durch COPY ersetzen.'), md);
        const free = DOCKERFILE.split('\n').findIndex((_, n) => !lintText(DOCKERFILE_URI, DOCKERFILE).results.some((r) => r.range.start.line <= n && r.range.end.line >= n));
        assert.ok(free >= 0);
        const elsewhere = await hover(c, DOCKERFILE_URI, free, 0);
        assert.ok(!elsewhere || !JSON.stringify(elsewhere.contents).includes('CSVS'), 'no finding where there is none (the instruction reference may show)');
        const docs = await c.connection.sendRequest<{ markdown: string }>('bollwerk/ruleDocs', { ruleId: 'dockerfile/prefer-copy', lang });
        assert.ok(docs.markdown.startsWith(`# ${title}`), docs.markdown);
        assert.ok(docs.markdown.includes('```dockerfile\nADD app.py /app/\n```'));
        assert.ok(docs.markdown.includes('`hadolint:DL3020`'));
        assert.ok(docs.markdown.includes(item.text[lang]));
      } finally {
        await c.stop();
      }
    });
  }
});

describe('code actions', () => {
  let c: TestClient;
  before(async () => {
    c = startServer();
    await c.initialize({ pull: false, resolve: true });
  });
  after(() => c.stop());

  it('the quick-fix of each finding, applied, removes that finding', async () => {
    for (const [uri, text] of [[DOCKERFILE_URI, DOCKERFILE], [COMPOSE_URI, COMPOSE], [POD_URI, POD]] as const) {
      c.open(uri, text);
      const { diagnostics } = await c.waitForPublish(uri);
      const fixable = diagnostics.filter((d) => (d.data as { fix?: unknown }).fix);
      assert.ok(fixable.length > 0, uri);
      for (const d of fixable) {
        const list = await actions(c, uri, [d]);
        const fix = list.find((a) => a.kind === 'quickfix' && a.isPreferred);
        assert.ok(fix, `${uri} ${String(d.code)}: a preferred quick-fix`);
        const after = applyAction(text, uri, fix);
        const remaining = lintText(uri, after).results.filter((r) => r.ruleId === d.code);
        const before = lintText(uri, text).results.filter((r) => r.ruleId === d.code);
        assert.equal(remaining.length, before.length - 1, `${uri} ${String(d.code)} at line ${d.range.start.line}: one finding fewer`);
      }
    }
  });

  it('Kubernetes: one fix per container, each only touching its container', async () => {
    const { diagnostics } = await c.waitForPublish(POD_URI);
    const ro = diagnostics.filter((d) => rulesOf(d).includes('k8s/read-only-root-filesystem'));
    assert.equal(ro.length, 2);
    const texts = [];
    for (const d of ro) {
      const fix = (await actions(c, POD_URI, [d])).find((a) => a.isPreferred)!;
      texts.push(applyAction(POD, POD_URI, fix));
    }
    assert.notEqual(texts[0], texts[1]);
    for (const [i, t] of texts.entries()) {
      const left = rangesOf(lintText(POD_URI, t).results.map((r) => ({ code: r.ruleId, range: r.range }) as Diagnostic), 'k8s/read-only-root-filesystem');
      assert.equal(left.length, 1, `after fixing container ${i}`);
    }
  });

  it('fix-all (source.fixAll.bollwerk) reaches a fixed point with no fixable finding left', async () => {
    for (const [uri, text] of [[DOCKERFILE_URI, DOCKERFILE], [COMPOSE_URI, COMPOSE], [POD_URI, POD]] as const) {
      const list = await actions(c, uri, [], ['source.fixAll']);
      assert.equal(list.length, 1, uri);
      assert.equal(list[0]!.kind, 'source.fixAll.bollwerk');
      const fixed = applyAction(text, uri, list[0]!);
      const left = lintText(uri, fixed).results.filter((r) => r.fix);
      assert.deepEqual(left.map((r) => r.ruleId), [], `${uri}: fixable findings left`);
      assert.ok(lintText(uri, fixed).results.length < lintText(uri, text).results.length);
      c.change(uri, 2, fixed);
      await c.waitForPublish(uri, (p) => p.version === 2);
      assert.deepEqual(await actions(c, uri, [], ['source.fixAll.bollwerk']), [], `${uri}: nothing left to fix`);
    }
  });

  it('fix-all without a kind filter is resolved lazily through codeAction/resolve', async () => {
    const uri = 'file:///w/lazy/Dockerfile';
    c.open(uri, DOCKERFILE);
    const { diagnostics } = await c.waitForPublish(uri);
    const list = await actions(c, uri, diagnostics.slice(0, 1));
    const all = list.find((a) => a.kind === 'source.fixAll.bollwerk')!;
    assert.ok(all && !all.edit, 'unresolved fix-all');
    const resolved = await c.connection.sendRequest<CodeAction>('codeAction/resolve', all);
    const eager = (await actions(c, uri, [], ['source.fixAll.bollwerk']))[0]!;
    assert.deepEqual(resolved.edit, eager.edit);
    const fixed = applyAction(DOCKERFILE, uri, resolved);
    assert.match(fixed, /^FROM alpine:3\.20\n(?:.*\n)*COPY app\.txt \/app\/\nCOPY b \/b\nCOPY c\.txt \/c\n/);
    assert.deepEqual(lintText(uri, fixed).results.filter((r) => r.fix), []);
  });

  const SUP_URI = 'file:///w/sup/pod.yaml';
  it('suppress for this line inserts a comment with the indentation, and the finding goes away', async () => {
    c.open(SUP_URI, POD);
    const { diagnostics } = await c.waitForPublish(SUP_URI);
    const d = diagnostics.find((x) => rulesOf(x).includes('k8s/privileged'))!;
    const list = await actions(c, SUP_URI, [d]);
    const line = list.find((a) => a.title === 'Suppress k8s/privileged for this line')!;
    assert.ok(line, list.map((a) => a.title).join(', '));
    const text = applyAction(POD, SUP_URI, line);
    assert.equal(text.split('\n')[9], '        # bollwerk-ignore k8s/privileged -- reason');
    assert.deepEqual(lintText(POD_URI, text).results.filter((r) => r.ruleId === 'k8s/privileged'), []);
  });

  it('suppress for this object inserts above the object, and all its findings of that rule go away', async () => {
    const { diagnostics } = await c.waitForPublish(SUP_URI);
    const d = diagnostics.find((x) => rulesOf(x).includes('k8s/read-only-root-filesystem'))!;
    const list = await actions(c, SUP_URI, [d]);
    const obj = list.find((a) => a.title === 'Suppress k8s/read-only-root-filesystem for this object')!;
    assert.ok(obj, list.map((a) => a.title).join(', '));
    const text = applyAction(POD, SUP_URI, obj);
    assert.equal(text.split('\n')[0], '# bollwerk-ignore k8s/read-only-root-filesystem -- reason');
    assert.deepEqual(lintText(POD_URI, text).results.filter((r) => r.ruleId === 'k8s/read-only-root-filesystem'), []);
  });

  it('suppress in a Dockerfile and in Compose', async () => {
    // a document of its own: fix-all above fixed COMPOSE_URI, privileged: true included
    const composeUri = 'file:///w/sup/compose.yaml';
    c.open(composeUri, COMPOSE);
    const { diagnostics } = await c.waitForPublish(composeUri);
    const d = diagnostics.find((x) => rulesOf(x).includes('compose/privileged'))!;
    const line = (await actions(c, composeUri, [d])).find((a) => a.title.startsWith('Suppress compose/privileged for this line'))!;
    const text = applyAction(COMPOSE, composeUri, line);
    assert.equal(text, 'services:\n  web:\n    image: nginx:1.25\n    # bollwerk-ignore compose/privileged -- reason\n    privileged: true\n');
    assert.deepEqual(lintText(composeUri, text).results.filter((r) => r.ruleId === 'compose/privileged'), []);
    const uri = 'file:///w/sup/Dockerfile';
    c.open(uri, DOCKERFILE);
    const df = await c.waitForPublish(uri);
    const first = df.diagnostics.find((x) => rulesOf(x).includes('dockerfile/prefer-copy'))!;
    const sup = (await actions(c, uri, [first])).find((a) => a.title === 'Suppress dockerfile/prefer-copy for this line')!;
    const dtext = applyAction(DOCKERFILE, uri, sup);
    assert.deepEqual(lintText(uri, dtext).results.filter((r) => r.ruleId === 'dockerfile/prefer-copy').map((r) => r.range.start.line), [4]);
  });

  it('German action titles follow the locale', async () => {
    const de = startServer();
    try {
      await de.initialize({ pull: false, locale: 'de' });
      de.open(DOCKERFILE_URI, DOCKERFILE);
      const { diagnostics } = await de.waitForPublish(DOCKERFILE_URI);
      const d = diagnostics.find((x) => rulesOf(x).includes('dockerfile/prefer-copy'))!;
      const titles = (await actions(de, DOCKERFILE_URI, [d])).map((a) => a.title);
      assert.deepEqual(titles, ['ADD durch COPY ersetzen', 'dockerfile/prefer-copy für diese Zeile unterdrücken', 'Alle Bollwerk-Probleme in dieser Datei beheben']);
      assert.match(String(d.message), /COPY verwenden/);
    } finally {
      await de.stop();
    }
  });
});

describe('digest pinning actions are listed through the server', () => {
  for (const trusted of [true, false]) {
    it(`${trusted ? 'trusted' : 'untrusted'} workspace`, async () => {
      const c = startServer();
      try {
        await c.initialize({ pull: false, trusted, resolve: true });
        // digest pinning is an L3 rule; pinning off is the user's switch (untrusted needs none)
        c.settings['*'] = trusted ? { level: 'L3', pinning: { enabled: false } } : { level: 'L3' };
        const uri = 'file:///w/pin/pod.yaml';
        c.open(uri, POD);
        const { diagnostics } = await c.waitForPublish(uri);
        const d = diagnostics.find((x) => rulesOf(x).includes('k8s/pin-image-digest'))!;
        assert.ok(d, 'a pin finding');
        await actions(c, uri, [d]); // the first listing learns the settings in the background
        await new Promise((r) => setTimeout(r, 200));
        const pin = (await actions(c, uri, [d])).find((a) => a.title === 'Pin nginx:1.25 to its digest');
        assert.ok(pin, 'the pin quick-fix is offered');
        assert.match(pin.disabled?.reason ?? '', /registry lookups are off/);
        const resolved = await c.connection.sendRequest<CodeAction>('codeAction/resolve', pin);
        assert.equal(resolved.edit, undefined, 'no edit without registry access');
      } finally {
        await c.stop();
      }
    });
  }
});
