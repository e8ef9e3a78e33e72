// Differential test: Bollwerk's Dockerfile parser against dockerfile-ast over every Dockerfile of the
// real-world corpus (instructions, keyword and instruction ranges, arguments, flags, exec-form strings,
// ENV/ARG/LABEL properties, FROM parts, here-documents, ONBUILD triggers, comments, directives,
// escape character). Files where dockerfile-ast is wrong are listed by name with the reason.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { compareParsers } from './dockerfile-compare';

const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'));
const indexPath = join(corpus, 'realworld', 'index.tsv');

/** Corpus files where dockerfile-ast's answer is wrong and ours differs on purpose (path → reason). None so far. */
const KNOWN: Readonly<Record<string, string>> = {};

describe('Dockerfile parser agrees with dockerfile-ast on the corpus', () => {
  it('the corpus is present', () => {
    assert.ok(existsSync(indexPath), `corpus index not found at ${indexPath}: set BOLLWERK_CORPUS to the corpus directory`);
  });
  if (!existsSync(indexPath)) return;
  const files = readFileSync(indexPath, 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((cols) => cols[0] === 'dockerfile')
    .map((cols) => cols[1]!);

  it('lists the corpus Dockerfiles', () => {
    assert.ok(files.length >= 1000, `expected the corpus's Dockerfiles, found ${files.length}`);
  });

  it('every corpus Dockerfile parses the same (known differences listed by name)', () => {
    const failures: string[] = [];
    const agreeing: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(corpus, 'realworld', file), 'utf8');
      const diff = compareParsers(text);
      if (file in KNOWN) {
        if (diff.length === 0) agreeing.push(file);
      } else if (diff.length > 0) {
        failures.push(`${file}\n    ${diff.join('\n    ')}`);
      }
    }
    assert.deepEqual(agreeing, [], 'files listed as known differences now agree: remove them from KNOWN');
    assert.equal(failures.length, 0, `${failures.length} of ${files.length} files differ:\n${failures.slice(0, 10).join('\n')}`);
  });
});
