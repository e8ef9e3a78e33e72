import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { fileUri } from '../../host/src/workspace/scan';

// fileUri builds plain paths itself; every path must still give exactly VS Code's URI
describe('fileUri', () => {
  it('equals vscode-uri for plain and special paths', () => {
    const paths = ['/', '/a/b/Dockerfile', '/srv/app-1.2_x~y/compose.yaml', '//server/share/x', '/a b/c', '/ä/ö', '/a:b', '/a#b?c', '/a%20', '/a/./b/../c', 'relative/path', '/a\\\\b', '/C:/x'];
    for (const p of paths) assert.equal(fileUri(p), URI.file(p).toString(), p);
  });
  it('equals vscode-uri for random paths', () => {
    const chars = fc.constantFrom(...[...'/aZ09-._~ :#?%@!$&()*+,;=[]äß', "'", '\\']);
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (cs) => {
        const p = cs.join('');
        assert.equal(fileUri(p), URI.file(p).toString());
      }),
      { seed: 424242, numRuns: 5000 },
    );
  });
});
