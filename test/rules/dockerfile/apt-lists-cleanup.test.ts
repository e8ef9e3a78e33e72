import { aptListsCleanup } from '../../../shared/src/rules/dockerfile/apt-lists-cleanup';
import { ruleTester } from '../../rule-tester';

ruleTester(aptListsCleanup, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12-slim\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl',
    'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12-slim',
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && apt-get distclean',
    { name: 'local .deb files without apt-get update: no lists fetched', code: 'FROM debian:12-slim\nCOPY pkgs/ /tmp/pkgs/\nRUN apt-get install -y /tmp/pkgs/app_1.0_amd64.deb ./tool.deb && rm -rf /tmp/pkgs' },
    { name: 'apt install of a local .deb', code: 'FROM ubuntu:24.04\nRUN apt install -y ./google-chrome-stable_current_amd64.deb' },
    { name: 'installs without apt-get update add no lists (exec form too)', code: 'FROM debian:12-slim\nRUN apt-get install -y curl\nRUN ["apt-get", "install", "-y", "git"]' },
  ],
  invalid: [
    {
      name: 'local .deb after apt-get update: the lists stay',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y ./app.deb',
      findings: [{ range: [1, 30, 1, 37] }],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y ./app.deb && rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'lists fetched by one RUN and used by the next: the fetching RUN is reported, without a fix (the next RUN needs them)',
      code: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y ./app.deb curl',
      findings: [{ range: [1, 12, 1, 18], message: /^This RUN fetches apt package lists and keeps them in the layer/ }],
      output: null,
    },
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
      findings: [{ range: [1, 30, 1, 37], message: /\/var\/lib\/apt\/lists/ }],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'continued lines: appended after the last word, CRLF kept',
      code: 'FROM debian:12-slim\r\nRUN apt-get update \\\r\n  && apt-get install -y \\\r\n     curl\r\nCMD ["curl"]',
      findings: [{ range: [2, 13, 2, 20] }],
      output: 'FROM debian:12-slim\r\nRUN apt-get update \\\r\n  && apt-get install -y \\\r\n     curl && rm -rf /var/lib/apt/lists/*\r\nCMD ["curl"]',
    },
    {
      name: 'a trailing comment: no certain insertion',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl # tools',
      findings: [{ range: [1, 30, 1, 37] }],
      output: null,
    },
  ],
});
