// Differential property test: Bollwerk's Dockerfile parser against dockerfile-ast on generated
// Dockerfile-like texts (keywords, flags, quotes, escapes, continuations, comments, heredocs,
// exec form, directives, CRLF, BOM), fixed seed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareParsers } from './dockerfile-compare';

const SEED = Number(process.env.BOLLWERK_PARSER_FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.BOLLWERK_PARSER_FUZZ_RUNS ?? 3000);

const keyword = fc.constantFrom('FROM', 'from', 'RUN', 'run', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'ONBUILD', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'USER', 'EXPOSE', 'WORKDIR', 'SHELL', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER', 'X');
const token = fc.constantFrom(
  'a', 'b1', 'node:20', 'ghcr.io/o/i:1.2@sha256:abc', 'localhost:5000/x', '${BASE:-alpine}:3', '$TAG', 'img@sha256:00', 'AS', 'as', 'stage',
  '--from=builder', '--mount=type=cache,target=/root/.cache', '--chmod=777', '--platform=$BUILDPLATFORM', '--', '--x=', '-v', 'a--b',
  'k=v', 'K="a b"', "K='c d'", 'K=a\\ b', 'k', '"q"', "'s'", '"unterminated', '=', '==x', '[', ']', '["sh", "-c", "echo hi"]', '[]', '"a",', ',',
  '<<EOF', '<<-EOF', '<<"EOF"', "<<'END'", '<<<x', '<<', 'EOF', 'END', '\tEOF', 'CMD', 'NONE', '#', '# c', '\\', '`', '\\$x', '$', '@', ':', '/',
  '&&', '|', ';', '>', "it's", 'é', '\u00a0',
);
const space = fc.constantFrom(' ', ' ', '  ', '\t');
const eol = fc.constantFrom('\n', '\n', '\r\n', '\r');
const continuation = fc.tuple(fc.constantFrom('\\', '`'), fc.constantFrom('', ' ', '\t'), eol, fc.constantFrom('', '# note', '  # note', '', ' ')).map(([e, s, n, after]) => e + s + n + after);
const piece = fc.oneof({ weight: 6, arbitrary: token }, { weight: 3, arbitrary: space }, { weight: 1, arbitrary: continuation }, { weight: 1, arbitrary: eol });
const line = fc.tuple(fc.constantFrom('', '', ' ', '\t'), keyword, fc.array(piece, { maxLength: 12 })).map(([indent, k, rest]) => indent + k + (rest.length ? ' ' : '') + rest.join(''));
const header = fc.constantFrom('', '', '# escape=`\n', '# escape=\\\n', '#syntax=docker/dockerfile:1\n# escape=`\n', '\uFEFF', '\uFEFF# escape=`\r\n', '# escape = ` \n', '# not a directive\n', '\n');
const file = fc.tuple(header, fc.array(fc.oneof({ weight: 8, arbitrary: line }, { weight: 1, arbitrary: fc.constantFrom('# comment', '', '   ', 'EOF', '\tEOF', 'echo body') }), { maxLength: 10 }), eol).map(([h, lines, n]) => h + lines.join(n));

describe('Dockerfile parser agrees with dockerfile-ast on generated input', () => {
  it(`${RUNS} generated files, fixed seed`, () => {
    fc.assert(
      fc.property(file, (text) => {
        const diff = compareParsers(text);
        assert.deepEqual(diff, [], `differences for ${JSON.stringify(text)}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
