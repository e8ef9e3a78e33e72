import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, type Config } from '../../shared/src/config';
import { lintText, type FileReport } from '../../shared/src/lint';
import { DocumentLintCache, lintDocuments } from '../../shared/src/lint-documents';
import type { ParsedChunk } from '../../shared/src/parse/yaml';

/**
 * The per-document lint of the editor equals the whole-file lint on every Kubernetes file of the
 * real-world corpus: results, ranges, fixes, messages and order, and the workspace rules' facts;
 * on the first lint, on a lint from the cache, and after every document moved down (cached results
 * shifted).
 */

const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'));
const dir = join(corpus, 'realworld');
const indexPath = join(dir, 'index.tsv');
const config: Config = { ...DEFAULT_CONFIG, level: 'L3' };

/** The first difference between two reports, or undefined. */
function difference(actual: FileReport, expected: FileReport): string | undefined {
  try {
    assert.deepStrictEqual(actual.results, expected.results);
    assert.deepStrictEqual(actual.notes, expected.notes);
    assert.deepStrictEqual(actual.workspace, expected.workspace);
    assert.equal(actual.kind, expected.kind);
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n').slice(0, 12).join('\n');
  }
}

describe('per-document lint over the real-world corpus', () => {
  it('the corpus is present', () => {
    assert.ok(existsSync(indexPath), `corpus index not found at ${indexPath}: set BOLLWERK_CORPUS to the corpus directory`);
  });
  if (!existsSync(indexPath)) return;
  const paths = readFileSync(indexPath, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t') as [string, string])
    .filter(([kind]) => kind === 'k8s')
    .map(([, path]) => path);

  it('equals the whole-file lint on every Kubernetes file: fresh, cached, and with every document moved', () => {
    assert.ok(paths.length > 500, `expected the corpus's Kubernetes files, found ${paths.length}`);
    const failures: string[] = [];
    let multiDocument = 0;
    let findings = 0;
    for (const path of paths) {
      const uri = `file:///corpus/${path}`;
      const text = readFileSync(join(dir, path), 'utf8');
      const cache = new DocumentLintCache();
      const yamlCache = new Map<string, ParsedChunk>();
      const expected = lintText(uri, text, { config });
      findings += expected.results.length;
      const fresh = lintDocuments(uri, text, { config, cache, yamlCache });
      if (cache.size > 1) multiDocument++;
      const cached = lintDocuments(uri, text, { config, cache, yamlCache });
      const movedText = `# moved\n\n${text}`;
      const moved = lintDocuments(uri, movedText, { config, cache, yamlCache });
      const checks: [string, FileReport, FileReport][] = [
        ['fresh', fresh, expected],
        ['cached', cached, expected],
        ['moved', moved, lintText(uri, movedText, { config })],
      ];
      for (const [what, actual, wanted] of checks) {
        const diff = difference(actual, wanted);
        if (diff) failures.push(`${path} (${what}):\n${diff}`);
      }
    }
    assert.deepStrictEqual(failures.slice(0, 5), [], `${failures.length} of ${paths.length} files differ`);
    // The comparison means something: many files went through the per-document path with findings.
    assert.ok(multiDocument > 100, `only ${multiDocument} multi-document files were linted per document`);
    assert.ok(findings > 1000, `only ${findings} findings compared`);
  });
});
