import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDockerfile } from '../../../shared/src/parse/dockerfile';
import { appendsCleanly, noRootUser, verifiedByParse } from '../../../shared/src/rules/dockerfile/no-root-user';
import type { Fix } from '../../../shared/src/types';
import { ruleTester } from '../../rule-tester';

const DEBIAN_USER = 'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\n';
const ALPINE_USER = 'RUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app -H app\nUSER 10001:10001\n';

ruleTester(noRootUser, {
  valid: [
    'FROM python:3.12-slim\nUSER 10001:10001\nCMD ["python"]',
    'FROM node:20 AS build\nUSER node\nFROM build\nCMD ["node", "x.js"]',
    'FROM debian:12-slim\nUSER ${APP_USER}',
    'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]',
    'FROM cgr.dev/chainguard/python:latest\nCMD ["app.py"]',
    { name: 'privileges dropped by gosu', code: 'FROM redis:7\nRUN apt-get install -y gosu\nENTRYPOINT ["docker-entrypoint.sh"]' },
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]',
    { name: 'Windows tag behind a variable repository', code: 'ARG REPO=mcr.microsoft.com/dotnet/runtime\nFROM $REPO:9.0-nanoserver-ltsc2022\nCMD ["x"]' },
    'FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\nENTRYPOINT ["dotnet", "app.dll"]',
    'ARG X=1',
  ],
  invalid: [
    {
      name: 'Debian-based: user created before CMD',
      code: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
      findings: [{ range: [0, 0, 0, 21], messageId: 'missing', message: /sets no USER/ }],
      output: `FROM python:3.12-slim\nCOPY app.py /app/\n${DEBIAN_USER}CMD ["python", "/app/app.py"]\n`,
    },
    {
      name: 'Alpine tag of an official image',
      code: 'FROM node:20-alpine\nCOPY . /app\nENTRYPOINT ["node"]\nCMD ["/app/server.js"]',
      findings: [{ range: [0, 0, 0, 19] }],
      output: `FROM node:20-alpine\nCOPY . /app\n${ALPINE_USER}ENTRYPOINT ["node"]\nCMD ["/app/server.js"]`,
    },
    {
      name: 'distroless: numeric nonroot user, no RUN; appended when no CMD',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app',
      findings: [{ range: [2, 0, 2, 38] }],
      output: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nUSER 65532:65532',
    },
    {
      name: 'scratch: numeric user only, CRLF kept',
      code: 'FROM scratch\r\nCOPY app /\r\nCMD ["/app"]\r\n',
      findings: [{ range: [0, 0, 0, 12] }],
      output: 'FROM scratch\r\nCOPY app /\r\nUSER 10001:10001\r\nCMD ["/app"]\r\n',
    },
    {
      name: 'a user created with useradd is reused',
      code: 'FROM ubuntu:24.04\nRUN useradd --uid 10001 --no-create-home appuser\nCMD ["bash"]',
      findings: [{ range: [0, 0, 0, 17] }],
      output: 'FROM ubuntu:24.04\nRUN useradd --uid 10001 --no-create-home appuser\nUSER appuser\nCMD ["bash"]',
    },
    {
      name: 'CMD followed by RUN: insert at the end of the stage',
      code: 'FROM alpine:3.20\nCMD ["sh"]\nRUN echo hi',
      findings: [{ range: [0, 0, 0, 16] }],
      output: `FROM alpine:3.20\nCMD ["sh"]\nRUN echo hi\n${ALPINE_USER.trimEnd()}`,
    },
    {
      name: 'last USER is root and nothing after needs root: back to the earlier user',
      code: 'FROM debian:12-slim\nUSER app\nRUN id\nUSER root\nCMD ["id"]',
      findings: [{ range: [3, 5, 3, 9], messageId: 'root', message: /last USER/ }],
      output: 'FROM debian:12-slim\nUSER app\nRUN id\nUSER app\nCMD ["id"]',
    },
    {
      name: 'USER 0:0 on an unknown base is replaced by a numeric user',
      code: 'FROM registry.example.com/base:1\nUSER 0:0\nENTRYPOINT ["/run"]',
      findings: [{ range: [1, 5, 1, 8] }],
      output: 'FROM registry.example.com/base:1\nUSER 10001:10001\nENTRYPOINT ["/run"]',
    },
    {
      name: 'USER root followed by RUN: no certain fix',
      code: 'FROM debian:12-slim\nUSER root\nRUN apt-get update',
      findings: [{ range: [1, 5, 1, 9] }],
      output: null,
    },
    {
      name: 'variable base image: numeric user',
      code: 'ARG BASE=debian:12\nFROM ${BASE}\nCMD ["x"]',
      findings: [{ range: [1, 0, 1, 12] }],
      output: 'ARG BASE=debian:12\nFROM ${BASE}\nUSER 10001:10001\nCMD ["x"]',
    },
    {
      name: 'appended after the last instruction, before trailing blank lines (CRLF kept)',
      code: 'FROM alpine:3.20\r\nRUN echo hi\r\n\r\n',
      findings: [{ range: [0, 0, 0, 16] }],
      output: `FROM alpine:3.20\r\nRUN echo hi\r\n${ALPINE_USER.replaceAll('\n', '\r\n').trimEnd()}\r\n\r\n`,
    },
    {
      name: 'appended after a continued RUN and a comment line',
      code: 'FROM alpine:3.20\nRUN echo a \\\n# note\n  b\n# end\n',
      findings: [{ range: [0, 0, 0, 16] }],
      output: `FROM alpine:3.20\nRUN echo a \\\n# note\n  b\n${ALPINE_USER}# end\n`,
    },
    {
      name: 'a here-document left open at the end would swallow the lines: no fix',
      code: 'FROM alpine:3.20\nRUN <<EOF\necho hi\n',
      findings: [{ range: [0, 0, 0, 16] }],
      output: null,
    },
    {
      name: 'architecture-prefixed official image counts as Debian; indentation kept',
      code: 'FROM amd64/python:3.12-slim\n  CMD ["python"]',
      findings: [{ range: [0, 0, 0, 27] }],
      output: `FROM amd64/python:3.12-slim\n  ${DEBIAN_USER.replace('\n', '\n  ')}  CMD ["python"]`,
    },
  ],
});

/** The fix of no-root-user on `text`, if it offers one. */
function fixOf(text: string): Fix | undefined {
  const file = parseDockerfile('file:///test/Dockerfile', text);
  const found = noRootUser.check(file, { trustedRegistries: [] });
  return Array.isArray(found) ? found[0]?.fix : undefined;
}

describe('no-root-user: appending without a parse (appendsCleanly)', () => {
  // [Dockerfile, whether the appended fix is decided without a parse]
  const cases: readonly (readonly [string, boolean])[] = [
    ['FROM alpine:3.20\nRUN echo hi\n', true],
    ['FROM alpine:3.20\nRUN echo hi', true],
    ['FROM alpine:3.20', true],
    ['FROM alpine:3.20\nRUN echo hi   \n\n \t\n', true],
    ['FROM alpine:3.20\r\nRUN echo hi\r\n', true],
    ['FROM alpine:3.20\nRUN echo hi \\\n', false],
    ['FROM alpine:3.20\nRUN echo hi \\   \n\n', false],
    ['# escape=`\nFROM alpine:3.20\nRUN echo hi `\n', false],
    ['FROM alpine:3.20\nRUN echo hi\n# trailing comment\n', false],
    ['FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\n', false],
    ['FROM alpine:3.20\nRUN <<EOF\necho hi\n', false],
    ['FROM alpine:3.20\rRUN echo hi\r', false],
    ['FROM scratch\nRUN echo a \\\n# c\n', false],
    ['FROM scratch\nRUN echo a \\\n  \n# c\n\n', false],
    ['FROM scratch\nRUN echo a \\\r# c', false],
  ];
  for (const [text, clean] of cases) {
    it(`${JSON.stringify(text)}: ${clean ? 'decided' : 'left to the parse'}`, () => {
      const fix = fixOf(text);
      const file = parseDockerfile('file:///test/Dockerfile', text);
      // a fix not offered at all (the open here-document) is decided by the parse, which refuses it
      if (!fix) return assert.equal(clean, false);
      assert.equal(fix.edits.length, 1);
      assert.equal(appendsCleanly(file, fix.edits[0]!), clean);
    });
  }
  it('never accepts what a parse of the edited file refuses', () => {
    const line = fc.constantFrom(
      ...['RUN echo hi', 'RUN echo a \\', 'RUN a \\  ', 'RUN a `', '  b', '# c', '  # d \\', '', '   ', 'RUN <<EOF', 'RUN cat <<-"X"', 'EOF', 'X'],
      ...['USER app', 'USER root', 'USER 0:0', 'COPY . /app', 'FROM debian:12 AS x', 'RUN useradd -r svc', 'ENV A=1 \\', 'CMD ["sh"]', 'ONBUILD RUN x \\'],
    );
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    let decided = 0;
    fc.assert(
      fc.property(fc.constantFrom('FROM alpine:3.20', 'FROM debian:12', 'FROM scratch'), fc.array(fc.tuple(line, eol), { maxLength: 6 }), fc.boolean(), (from, rest, escape) => {
        const text = (escape ? '# escape=`\n' : '') + from + rest.map(([l, e]) => e + l).join('');
        const fix = fixOf(text);
        if (!fix || fix.edits.length !== 1) return true;
        const file = parseDockerfile('file:///test/Dockerfile', text);
        if (!appendsCleanly(file, fix.edits[0]!)) return true;
        decided++;
        return verifiedByParse(file, fix);
      }),
      { seed: 20261123, numRuns: 10_000 },
    );
    // the property must have been tried on fixes that are decided without a parse
    assert.ok(decided > 1000, `only ${decided} fixes decided without a parse`);
  });
});
