import { pipefail } from '../../../shared/src/rules/dockerfile/pipefail';
import { ruleTester } from '../../rule-tester';

ruleTester(pipefail, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSLo t.tgz https://example.com/t.tgz && tar -xzf t.tgz',
    { name: 'SHELL with -o pipefail', code: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/t.tgz | tar -xz' },
    { name: 'set -o pipefail and set -euo pipefail before the pipe', code: 'FROM debian:12-slim\nRUN set -o pipefail && curl -fsSL https://example.com/a | sh\nRUN set -euo pipefail; wget -qO- https://example.com/b | tar -x' },
    { name: 'a stage built on a stage that set the SHELL inherits it', code: 'FROM debian:12-slim AS base\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://example.com/a | sh' },
    { name: 'SHELL through /usr/bin/env', code: 'FROM debian:12-slim\nSHELL ["/usr/bin/env", "bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/t.tgz | tar -xz' },
    { name: 'PowerShell and cmd: | is theirs', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name' },
    { name: '|| is no pipe', code: 'FROM debian:12-slim\nRUN rm -f /a || true' },
    { name: 'a pipe in a command substitution after set -o pipefail', code: 'FROM debian:12-slim\nRUN set -o pipefail && V=$(curl -fsSL https://example.com/v.json | jq -r .v) && echo "$V"' },
    { name: 'no pipe in a substitution, a | in single quotes, arithmetic $(( | ))', code: 'FROM debian:12-slim\nRUN V=$(cat /v) && echo \'$(a | b)\' && echo "$((1 | 2))" && echo "`uname -m`" || true' },
    { name: 'the exec form runs no shell', code: 'FROM debian:12-slim\nRUN ["sh", "-c", "echo a | tee b"]' },
  ],
  invalid: [
    {
      name: 'the default /bin/sh of Debian: no fix (its dash may not know pipefail)',
      code: 'FROM debian:12-slim\nRUN apt-get update && curl -fsSL https://example.com/k.asc | gpg --dearmor -o /k.gpg',
      findings: [{ range: [1, 22, 1, 84], message: /^Only the last command of this pipe/ }],
      output: null,
    },
    {
      name: 'the pipeline after then starts at its first command',
      code: 'FROM debian:12-slim\nRUN if [ -n "$SUM" ]; then echo "$SUM *a.tgz" | sha256sum -c -; fi',
      findings: [{ range: [1, 27, 1, 62] }],
      output: null,
    },
    {
      name: 'a set -o pipefail after the pipe does not count; the SHELL of another stage neither',
      code: 'FROM debian:12-slim AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12-slim\nRUN echo a | tee b && set -o pipefail',
      findings: [{ range: [3, 4, 3, 18] }],
      output: null,
    },
    {
      name: 'a SHELL without pipefail and a SHELL of sh -o pipefail (sh is not known to have it)',
      code: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\nRUN cat a | sort | uniq > b\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN cat c | sort',
      findings: [{ range: [2, 4, 2, 27] }, { range: [4, 4, 4, 16] }],
      output: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && cat a | sort | uniq > b\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN cat c | sort',
    },
    {
      name: 'Alpine and node:*-alpine run busybox ash, which has pipefail: fixed',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache wget -qO- https://example.com/i.sh | sh\nFROM node:20-alpine\nRUN echo hi | cat',
      findings: [{ range: [1, 43, 1, 82] }, { range: [3, 4, 3, 17] }],
      output: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache set -o pipefail && wget -qO- https://example.com/i.sh | sh\nFROM node:20-alpine\nRUN set -o pipefail && echo hi | cat',
    },
    {
      name: 'a pipe inside $(…) loses the download\'s exit status too (hadolint DL4006 reports it)',
      code: 'FROM debian:12-slim\nRUN V=$(curl -fsSL https://example.com/v.json | jq -r .v) && echo "$V" > /v',
      findings: [{ range: [1, 8, 1, 56] }],
      output: null,
    },
    {
      name: 'a pipe inside backquotes in double quotes, on Alpine: fixed',
      code: 'FROM alpine:3.20\nRUN echo "arch: `uname -m | tr a-z A-Z`" > /arch',
      findings: [{ range: [1, 17, 1, 38] }],
      output: 'FROM alpine:3.20\nRUN set -o pipefail && echo "arch: `uname -m | tr a-z A-Z`" > /arch',
    },
  ],
});
