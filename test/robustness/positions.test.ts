import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../shared/src/lint';
import { lineIndex } from '../../shared/src/text';
import { positionProblem, reportProblems } from './invariants';

describe('positions in CRLF text', () => {
  it('an offset between \\r and \\n is the end of its line', () => {
    const lines = lineIndex('ab\r\n\r\ncd');
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(5), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(6), { line: 2, character: 0 });
  });

  it('every offset maps to a position inside the document, whatever the line breaks', () => {
    const text = fc.array(fc.constantFrom('a', 'é', '😀', '\n', '\r', '\r\n', ' '), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(), (t, n) => {
        const lines = lineIndex(t);
        const offset = n % (t.length + 1);
        assert.equal(positionProblem(lines.positionAt(offset), lines), undefined);
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('line starts agree with a character-by-character reading (\\n, \\r\\n and lone \\r), with and without \\r in the text', () => {
    const reference = (t: string): number[] => {
      const starts = [0];
      for (let i = 0; i < t.length; i++) {
        if (t[i] === '\r' && t[i + 1] === '\n') i++;
        if (t[i] === '\n' || t[i] === '\r') starts.push(i + 1);
      }
      return starts;
    };
    const text = fc.array(fc.constantFrom('a', 'é', '😀', '\n', '\r', '\r\n', ' ', '\n\n'), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const lines = lineIndex(t);
        const starts = reference(t);
        assert.equal(lines.lineCount, starts.length);
        starts.forEach((start, line) => assert.equal(lines.offsetAt({ line, character: 0 }), start));
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it('YAML syntax errors of a CRLF file have ranges inside the document (found by fuzzing)', () => {
    const text = 'services:\r\n  web:\r\n\timage: x\r\n\r\n\tports: [\r\n';
    const report = lintText('file:///p/compose.yaml', text, { kind: 'compose' });
    assert.ok(report.results.some((r) => r.ruleId === 'bollwerk/parse-error'));
    assert.deepEqual(reportProblems(text, report), []);
  });
});
