// Every user-visible string of the extension exists in English and German: the manifest's
// %keys% in package.nls.json and package.nls.de.json, every vscode.l10n.t() message of
// client/src in l10n/bundle.l10n.de.json with the same placeholders, and every walkthrough
// Markdown step in a German variant (<name>.nls.de.md, which VS Code picks for German).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, p), 'utf8')) as Record<string, unknown>;
const placeholders = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

/** The message of every `l10n.t('…')` call in client/src. */
function l10nMessages(): string[] {
  const keys = new Set<string>();
  for (const f of readdirSync(join(root, 'client/src'))) {
    const src = readFileSync(join(root, 'client/src', f), 'utf8');
    for (const m of src.matchAll(/l10n\.t\(\s*(['`])((?:\\.|(?!\1).)*)\1/g)) keys.add(m[2]!.replace(/\\'/g, "'"));
    assert.doesNotMatch(src, /l10n\.t\(\s*[^'`\s]/, `${f}: l10n.t must be called with a literal message`);
  }
  return [...keys];
}

describe('localisation', () => {
  it('resolves every %key% of package.json in English and German', () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const used = new Set([...manifest.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]!));
    const en = json('package.nls.json');
    const de = json('package.nls.de.json');
    assert.ok(used.size > 30, `only ${used.size} keys`);
    for (const key of used) {
      assert.equal(typeof en[key], 'string', `package.nls.json lacks ${key}`);
      assert.equal(typeof de[key], 'string', `package.nls.de.json lacks ${key}`);
      assert.notEqual(de[key], en[key] === 'Bollwerk' ? '' : en[key], `${key} is not translated`);
    }
    assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort(), 'the two nls files have the same keys');
  });

  it('translates every l10n.t message of the client with the same placeholders', () => {
    const bundle = json('l10n/bundle.l10n.de.json');
    const messages = l10nMessages();
    assert.ok(messages.length > 30);
    for (const m of messages) {
      const de = bundle[m];
      assert.equal(typeof de, 'string', `l10n/bundle.l10n.de.json lacks "${m}"`);
      assert.deepEqual(placeholders(de as string), placeholders(m), `placeholders of "${m}"`);
    }
    assert.deepEqual(Object.keys(bundle).filter((k) => !messages.includes(k)), [], 'unused German messages');
  });

  it('has a German variant of every walkthrough step', () => {
    const pkg = json('package.json') as { contributes: { walkthroughs: { steps: { media: { markdown?: string } }[] }[] } };
    const steps = pkg.contributes.walkthroughs.flatMap((w) => w.steps);
    assert.ok(steps.length >= 4);
    for (const s of steps) {
      const md = s.media.markdown;
      assert.ok(md && existsSync(join(root, md)), `missing ${md}`);
      assert.ok(existsSync(join(root, md.replace(/\.md$/, '.nls.de.md'))), `missing German variant of ${md}`);
    }
  });
});
