// Differential test against the Helm corpus: every golden case byte-exact, every error case
// failing with the same message, every render-only chart (and the helm step of the ingress-nginx
// pipelines) rendering into documents that parse with apiVersion and kind.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { splitManifests } from '../../shared/src/helm/manifests';
import { goldenText, HELM_CORPUS, helmCases, renderCase } from './corpus-helpers';

describe('helm corpus', () => {
  it('has its index', () => {
    assert.ok(existsSync(join(HELM_CORPUS, 'index.json')), `Helm corpus not found at ${HELM_CORPUS}: set BOLLWERK_CORPUS`);
  });
  const cases = existsSync(join(HELM_CORPUS, 'index.json')) ? helmCases() : [];
  for (const c of cases.filter((x) => x.kind === 'golden' && !x.expectError)) {
    it(`renders ${c.id} byte for byte as helm template`, () => {
      const r = renderCase(c);
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.stdout, goldenText(c));
    });
  }
  for (const c of cases.filter((x) => x.kind === 'golden' && x.expectError)) {
    it(`fails ${c.id} with helm's message`, () => {
      const r = renderCase(c);
      assert.ok(r.error, 'expected an error');
      const golden = goldenText(c);
      const at = golden.indexOf('Error: ');
      assert.ok(at >= 0);
      assert.equal(`Error: ${r.error}\n`, golden.slice(at).replace(/\n*$/, '\n'));
      // with --debug, the documents rendered before the failure come first
      assert.equal(r.stdout, golden.slice(0, at));
    });
  }
  for (const c of cases.filter((x) => x.kind === 'render-only' || x.kind === 'pipeline')) {
    it(`renders ${c.id} into documents with apiVersion and kind`, () => {
      const r = renderCase(c);
      assert.equal(r.error, undefined, r.error);
      const docs = splitManifests(r.stdout);
      assert.ok(docs.length > 0);
      for (const d of docs) {
        const parsed = parseAllDocuments(d);
        const list = Array.isArray(parsed) ? parsed : [];
        // Helm prints a document of comments only (a template that rendered nothing but comments)
        if (list.length === 0 && d.split('\n').every((l) => l.trim() === '' || l.trimStart().startsWith('#'))) continue;
        assert.equal(list.length, 1, d.slice(0, 200));
        const doc = list[0]!;
        assert.deepEqual(doc.errors, [], d.slice(0, 200));
        const js = doc.toJS() as Record<string, unknown> | null;
        assert.ok(js !== null, d.slice(0, 200));
        assert.ok(typeof js['apiVersion'] === 'string' && typeof js['kind'] === 'string', d.slice(0, 200));
      }
    });
  }
});
