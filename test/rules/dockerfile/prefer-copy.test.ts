import { preferCopy } from '../../../shared/src/rules/dockerfile/prefer-copy';
import { ruleTester } from '../../rule-tester';

ruleTester(preferCopy, {
  valid: [
    'FROM alpine:3.20\nCOPY app /app',
    'FROM alpine:3.20\nADD https://example.com/a.tgz /a',
    'FROM alpine:3.20\nADD rootfs.tar.gz /',
    'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src',
    'FROM alpine:3.20\nADD ${SRC} /dst',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD app /app',
      findings: [{ range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY app /app',
    },
    {
      name: 'flags and several sources, lower-case keyword',
      code: 'FROM alpine:3.20\nadd --chown=10001:10001 a.txt b.txt /app/\n# bollwerk-ignore dockerfile/prefer-copy -- vendored layout\nADD c.txt /c',
      findings: [{ range: [1, 0, 1, 3], message: /use COPY/ }],
      output: 'FROM alpine:3.20\nCOPY --chown=10001:10001 a.txt b.txt /app/\n# bollwerk-ignore dockerfile/prefer-copy -- vendored layout\nADD c.txt /c',
    },
    {
      name: "hadolint's suppression for its equivalent is honoured only for DL3020",
      code: 'FROM alpine:3.20\n# hadolint ignore=DL3020\nADD a /a\n# hadolint ignore=DL3002\nADD b /b',
      findings: [{ range: [4, 0, 4, 3] }],
      output: 'FROM alpine:3.20\n# hadolint ignore=DL3020\nADD a /a\n# hadolint ignore=DL3002\nCOPY b /b',
    },
  ],
});
