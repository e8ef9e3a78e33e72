// Where dockerfile-ast reads a Dockerfile differently from BuildKit (moby/buildkit
// frontend/dockerfile/parser), or throws: the model the rules read follows BuildKit and never throws.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../shared/src/lint';
import { parseDockerfileSyntax } from '../../shared/src/parse/dockerfile-syntax';

const keywords = (text: string): string[] => parseDockerfileSyntax(text).instructions.map((i) => i.getKeyword());
const lines = (text: string): [number, number][] => parseDockerfileSyntax(text).instructions.map((i) => [i.getRange().start.line, i.getRange().end.line]);

describe('dockerfile-ast read as BuildKit reads the file', () => {
  it('throws: getHeredocs of a continuation followed by an escaped `#` (instruction.js reads past its list of here-documents)', () => {
    const text = 'RUN a \\\n\\# c\n';
    const run = parseDockerfileSyntax(text).instructions[0]!;
    assert.deepEqual(run.getHeredocs(), []);
    assert.deepEqual(run.getArguments().map((a) => a.getValue()), ['a', '#', 'c']);
  });

  it('parser directives end at the first comment BuildKit does not know as one (directives.go: validDirectives syntax, escape, check)', () => {
    const unknownFirst = '# foo=bar\n# escape=`\nFROM a\nRUN x `\n  y\n';
    const s = parseDockerfileSyntax(unknownFirst);
    assert.equal(s.escape, '\\', 'the escape directive after `# foo=bar` is a comment to BuildKit');
    assert.deepEqual(s.directives, []);
    assert.deepEqual(keywords(unknownFirst), ['FROM', 'RUN', 'Y']);
    for (const known of ['# syntax=docker/dockerfile:1', '# check=skip=all', '#SYNTAX = x']) {
      assert.equal(parseDockerfileSyntax(`${known}\n# escape=\`\nFROM a\nRUN x \`\n  y\n`).escape, '`', known);
    }
    assert.equal(parseDockerfileSyntax('\uFEFF# escape=`\nFROM a').escape, '`', 'after a byte order mark');
  });

  it('opens a here-document with a file descriptor, `cat 0<<EOF` (parser.go reHeredoc `^(\\d*)<<(-?)([^<]*)$`)', () => {
    const text = 'FROM a\nRUN cat 0<<EOF > /etc/motd\nUSER root\nEOF\nUSER app\n';
    assert.deepEqual(keywords(text), ['FROM', 'RUN', 'USER']);
    assert.deepEqual(lines(text), [[0, 0], [1, 3], [4, 4]]);
    assert.equal(parseDockerfileSyntax(text).instructions[1]!.getTextContent(), 'RUN cat 0<<EOF > /etc/motd\nUSER root\nEOF');
    assert.deepEqual(keywords('FROM a\nRUN echo 10<<EOF\nx\nEOF\n'), ['FROM', 'RUN']);
  });

  it('opens no here-document in exec form, `RUN ["sh", "-c", "cat <<EOF"]` (parser.go canContainHeredoc: not for JSON)', () => {
    const text = 'FROM a\nUSER app\nRUN ["sh", "-c", "cat <<EOF"]\nUSER root\nEOF\n';
    assert.deepEqual(keywords(text), ['FROM', 'USER', 'RUN', 'USER', 'EOF']);
    assert.deepEqual(lines(text), [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
    const s = parseDockerfileSyntax(text);
    assert.deepEqual(s.instructions[3]!.getArguments().map((a) => a.getValue()), ['root']);
    assert.ok(lintText('file:///w/Dockerfile', text).results.some((r) => r.ruleId === 'dockerfile/no-root-user'), 'the final USER root is seen');
    assert.deepEqual(keywords('FROM a\nRUN --mount=type=cache,target=/c ["a", "<<EOF"]\nUSER root\nEOF\n'), ['FROM', 'RUN', 'USER', 'EOF']);
    assert.deepEqual(keywords('FROM a\nONBUILD RUN ["a", \\\n  "<<EOF"]\nUSER root\nEOF\n'), ['FROM', 'ONBUILD', 'USER', 'EOF']);
    assert.deepEqual(keywords('FROM a\nCOPY ["<<EOF", "/x"]\n# c\nUSER root\nEOF\n'), ['FROM', 'COPY', 'USER', 'EOF']);
    assert.equal(parseDockerfileSyntax('FROM a\nCOPY ["<<EOF", "/x"]\n# c\nUSER root\nEOF\n').comments.length, 1);
  });

  it('keeps here-documents of the shell form and of COPY as they are', () => {
    assert.deepEqual(keywords('FROM a\nRUN cat <<EOF\nUSER root\nEOF\nUSER app\n'), ['FROM', 'RUN', 'USER']);
    assert.deepEqual(keywords('FROM a\nCOPY <<EOF /x\nUSER root\nEOF\n'), ['FROM', 'COPY']);
    assert.deepEqual(keywords('# escape=`\nFROM a\nRUN cat <<EOF `\n  && x\nUSER root\nEOF\n'), ['FROM', 'RUN']);
  });

  it('never throws, and every instruction lies inside the file in order, on generated input', () => {
    const piece = fc.constantFrom('FROM a', 'RUN ', 'COPY ', 'ONBUILD ', ' ', '\t', '\n', '\r\n', '\\', '`', '#', '# c', '# escape=`', '# x=y', '<<EOF', '<<-EOF', '0<<EOF', 'EOF', '["a", "<<EOF"]', '[', '"', '--mount=x', 'USER root', '$x', '${a:-b}', '=', 'AS b', '\uFEFF', '😀');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const s = parseDockerfileSyntax(text);
        let last = 0;
        for (const i of s.instructions) {
          assert.ok(i.start >= last && i.end <= text.length && i.start <= i.end, JSON.stringify(text));
          last = i.start;
          i.getArguments();
          i.getFlags();
          i.getJSONStrings();
          i.getProperties();
          i.getHeredocs();
          i.getImageTagRange();
          i.getTriggerInstruction()?.getArguments();
        }
      }),
      { numRuns: 1500 },
    );
  });
});
