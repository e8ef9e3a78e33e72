// Edge cases of the Dockerfile model the rules read (dockerfile-ast under parse/dockerfile-syntax.ts), with exact values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModifiableInstruction } from 'dockerfile-ast';
import { parseDockerfile } from '../../shared/src/parse/dockerfile';
import { parseDockerfileSyntax } from '../../shared/src/parse/dockerfile-syntax';
import { lineIndex } from '../../shared/src/text';

const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } } | null): number[] | null => (r ? [r.start.line, r.start.character, r.end.line, r.end.character] : null);
const args = (text: string, k = 0): [string, number[] | null][] => parseDockerfileSyntax(text).instructions[k]!.getArguments().map((a) => [a.getValue(), range(a.getRange())]);

describe('Dockerfile parser: edge cases', () => {
  it('an empty file has no instructions', () => {
    const s = parseDockerfileSyntax('');
    assert.equal(s.instructions.length, 0);
    assert.equal(s.escape, '\\');
    assert.equal(parseDockerfile('file:///Dockerfile', '').finalStage, undefined);
  });

  it('a continuation keeps words apart across lines and drops comment and blank lines', () => {
    const text = 'RUN apt-get update \\\n  # a comment\n\n  && apt-get install -y curl';
    assert.deepEqual(args(text), [
      ['apt-get', [0, 4, 0, 11]],
      ['update', [0, 12, 0, 18]],
      ['&&', [3, 2, 3, 4]],
      ['apt-get', [3, 5, 3, 12]],
      ['install', [3, 13, 3, 20]],
      ['-y', [3, 21, 3, 23]],
      ['curl', [3, 24, 3, 28]],
    ]);
    const s = parseDockerfileSyntax(text);
    assert.equal(s.instructions.length, 1);
    assert.deepEqual(s.comments.map((c) => text.slice(c.start, c.end)), ['# a comment']);
    assert.deepEqual(range(s.instructions[0]!.getRange()), [0, 0, 3, 28]);
  });

  it('a continuation inside a word joins it', () => {
    assert.deepEqual(args('RUN ec\\\nho hi'), [['echo', [0, 4, 1, 2]], ['hi', [1, 3, 1, 5]]]);
  });

  it('the escape directive makes the backtick the escape character', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir C:\\ `\n  /b';
    const s = parseDockerfileSyntax(text);
    assert.equal(s.escape, '`');
    assert.deepEqual(s.directives.map((d) => [d.name, d.value]), [['escape', '`']]);
    assert.deepEqual(args(text, 1), [['dir', [2, 4, 2, 7]], ['C:\\', [2, 8, 2, 11]], ['/b', [3, 2, 3, 4]]]);
  });

  it('CRLF line ends: ranges stop before the \\r', () => {
    const text = 'FROM alpine:3.19\r\nRUN a \\\r\n  b\r\nUSER app\r\n';
    const s = parseDockerfileSyntax(text);
    assert.deepEqual(s.instructions.map((i) => [i.getKeyword(), range(i.getRange())]), [['FROM', [0, 0, 0, 16]], ['RUN', [1, 0, 2, 3]], ['USER', [3, 0, 3, 8]]]);
    assert.deepEqual(args(text, 1), [['a', [1, 4, 1, 5]], ['b', [2, 2, 2, 3]]]);
  });

  it('a byte order mark before the first instruction is not part of the keyword', () => {
    const text = '\uFEFFFROM node:20\nUSER node';
    const s = parseDockerfileSyntax(text);
    assert.deepEqual(s.instructions.map((i) => i.getKeyword()), ['FROM', 'USER']);
    assert.deepEqual(range(s.instructions[0]!.getInstructionRange()), [0, 1, 0, 5]);
  });

  it('heredocs: several per instruction, <<- with tabs, quoted names; the body belongs to the instruction', () => {
    const text = 'RUN <<EOF cat - <<-"END"\necho one\nEOF\n\tbody\n\tEND\nUSER app';
    const s = parseDockerfileSyntax(text);
    assert.deepEqual(s.instructions.map((i) => i.getKeyword()), ['RUN', 'USER']);
    const run = s.instructions[0]!;
    assert.deepEqual(range(run.getRange()), [0, 0, 4, 4]);
    const h = run.getHeredocs();
    const lines = lineIndex(text);
    const slice = (r: Parameters<typeof range>[0]): string | null => (r ? text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end)) : null);
    assert.deepEqual(h.map((d) => d.getName()), ['EOF', 'END']);
    assert.deepEqual(h.map((d) => slice(d.getContentRange())), ['echo one', '\tbody']);
    assert.deepEqual(h.map((d) => slice(d.getDelimiterRange())), ['EOF', 'END']);
  });

  it('COPY heredoc and a RUN heredoc without its delimiter run to the end of the file', () => {
    const text = 'COPY <<EOF /etc/x\nline\nEOF\nRUN <<EOF\nnever closed\nUSER root';
    const s = parseDockerfileSyntax(text);
    assert.deepEqual(s.instructions.map((i) => i.getKeyword()), ['COPY', 'RUN']);
  });

  it('instructions before FROM belong to no stage; lowercase keywords are upper-cased', () => {
    const f = parseDockerfile('file:///Dockerfile', 'arg BASE=alpine\nfrom ${BASE} as Build\nrun echo\nFROM build\n');
    assert.deepEqual(f.instructions.map((i) => i.getKeyword()), ['ARG', 'FROM', 'RUN', 'FROM']);
    assert.deepEqual(f.stages.map((s) => [s.image, s.name, s.fromStage, s.instructions.length]), [['${BASE}', 'build', false, 2], ['build', null, true, 1]]);
    assert.equal(f.instructions[0]!.getInstruction(), 'arg');
    assert.deepEqual(range(f.stages[0]!.range), [1, 0, 2, 8]);
  });

  it('FROM --platform=… img:tag@digest AS x: flag, image, tag, digest and stage', () => {
    const text = 'FROM --platform=$BUILDPLATFORM ghcr.io/o/img:1.2@sha256:abc AS x';
    const from = parseDockerfileSyntax(text).instructions[0]!;
    assert.deepEqual(from.getFlags().map((f) => [f.getName(), f.getValue(), range(f.getNameRange()), range(f.getValueRange())]), [['platform', '$BUILDPLATFORM', [0, 7, 0, 15], [0, 16, 0, 30]]]);
    assert.equal(from.getImage(), 'ghcr.io/o/img:1.2@sha256:abc');
    assert.deepEqual(range(from.getImageRange()), [0, 31, 0, 59]);
    assert.deepEqual(range(from.getImageTagRange()), [0, 45, 0, 48]);
    assert.deepEqual(range(from.getImageDigestRange()), [0, 49, 0, 59]);
    assert.equal(from.getBuildStage(), 'x');
  });

  it('a `:` inside ${…} is not a tag separator', () => {
    const from = parseDockerfileSyntax('FROM ${IMG:-alpine}').instructions[0]!;
    assert.equal(from.getImageTagRange(), null);
    assert.deepEqual(range(parseDockerfileSyntax('FROM ${IMG:-alpine}:3').instructions[0]!.getImageTagRange()), [0, 20, 0, 21]);
  });

  it('ENV and LABEL properties: k=v pairs, quotes, escaped spaces, legacy `ENV k v w`', () => {
    const props = (text: string): [string, string | null][] => parseDockerfileSyntax(text).instructions[0]!.getProperties().map((p) => [p.getName(), p.getValue()]);
    assert.deepEqual(props('ENV A=1 B="two words" C=three\\ words'), [['A', '1'], ['B', 'two words'], ['C', 'three words']]);
    assert.deepEqual(props('ENV PATH /usr/local/bin:$PATH more'), [['PATH', '/usr/local/bin:$PATH more']]);
    assert.deepEqual(props("LABEL org.opencontainers.image.title='my app'"), [['org.opencontainers.image.title', 'my app']]);
    assert.deepEqual(props('ARG VERSION'), [['VERSION', null]]);
    assert.equal(parseDockerfileSyntax('ARG A=1 B=2').instructions[0]!.getProperty(), null);
    assert.deepEqual(props('ENV A=1 \\\n  # c\n  B=2'), [['A', '1'], ['B', '2']]);
  });

  it('exec form: JSON strings with their ranges; flags of RUN stop at the first word without --', () => {
    const run = parseDockerfileSyntax('RUN --mount=type=cache,target=/x ["sh", "-c", "echo \\"hi\\""]').instructions[0]!;
    assert.deepEqual(run.getFlags().map((f) => f.getName()), ['mount']);
    // the value drops blanks (as dockerfile-ast's does); rules read the string from its range with JSON.parse
    assert.deepEqual(run.getJSONStrings().map((j) => [j.getValue(), range(j.getRange())]), [['"sh"', [0, 34, 0, 38]], ['"-c"', [0, 40, 0, 44]], ['"echo"hi""', [0, 46, 0, 59]]]);
    assert.equal(parseDockerfileSyntax('USER app').instructions[0]!.getJSONStrings().length, 0);
  });

  it('ONBUILD gives its trigger instruction; HEALTHCHECK flags stop at CMD', () => {
    const s = parseDockerfileSyntax('ONBUILD COPY --from=b . /app\nHEALTHCHECK --interval=5s CMD --x');
    const trigger = s.instructions[0]!.getTriggerInstruction()!;
    assert.equal(trigger.getKeyword(), 'COPY');
    assert.equal(trigger.getFromFlag()?.getValue(), 'b');
    assert.deepEqual(s.instructions[1]!.getFlags().map((f) => f.getName()), ['interval']);
    assert.deepEqual(s.instructions[1]!.getArguments().map((a) => a.getValue()), ['CMD', '--x']);
  });

  it('USER arguments content joins continuation lines without the comment lines', () => {
    const text = 'USER app\\\n# c\n:grp';
    assert.equal(parseDockerfileSyntax(text).instructions[0]!.getArgumentsContent(), 'app:grp');
  });

  it('a keyword alone at the end of the file, and a file of comments only', () => {
    assert.deepEqual(parseDockerfileSyntax('FROM').instructions.map((i) => [i.getKeyword(), i.getImage()]), [['FROM', null]]);
    const s = parseDockerfileSyntax('# one\n\n   # two');
    assert.equal(s.instructions.length, 0);
    assert.equal(s.comments.length, 2);
  });

  it('a keyword split by a line continuation', () => {
    const s = parseDockerfileSyntax('EN\\\nV a=b c=d');
    assert.deepEqual(s.instructions.map((i) => [i.getKeyword(), range(i.getInstructionRange())]), [['ENV', [0, 0, 1, 1]]]);
    assert.deepEqual(s.instructions[0]!.getProperties().map((p) => [p.getName(), p.getValue()]), [['a', 'b'], ['c', 'd']]);
    assert.deepEqual(parseDockerfileSyntax('RU\\\nN a b').instructions.map((i) => [i.getKeyword(), i.getArguments().map((a) => a.getValue())]), [['RUN', ['a', 'b']]]);
  });
});

describe("Dockerfile parser: dockerfile-ast's arguments kept per instruction", () => {
  it('every call gets the same arguments in a list of its own, the flags shifted off once per call', () => {
    const node = parseDockerfileSyntax('RUN --mount=type=cache,target=/root/.cache --network=none pip install x\n').instructions[0]!.node as ModifiableInstruction;
    const values = (list: readonly { getValue(): string }[]): string[] => list.map((a) => a.getValue());
    const first = node.getArguments();
    const second = node.getArguments();
    assert.deepEqual(values(first), ['pip', 'install', 'x']);
    assert.deepEqual(values(second), ['pip', 'install', 'x']);
    assert.notEqual(first, second);
    // a caller changing its list changes nobody else's
    first.length = 0;
    assert.deepEqual(values(node.getArguments()), ['pip', 'install', 'x']);
    assert.deepEqual(node.getFlags().map((f) => f.getName()), ['mount', 'network']);
    assert.deepEqual(range(node.getArgumentsRange()), [0, 58, 0, 71]);
  });
});
