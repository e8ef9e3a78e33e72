import { preferCopy } from '../../../shared/src/rules/dockerfile/prefer-copy';
import { ruleTester } from '../../rule-tester';

ruleTester(preferCopy, {
  valid: [
    'FROM alpine:3.20\nCOPY app /app',
    'FROM alpine:3.20\nADD https://example.com/a.tgz /a',
    'FROM alpine:3.20\nADD rootfs.tar.gz /',
    'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src',
    'FROM alpine:3.20\nADD ${SRC} /dst',
    { name: 'a quoted local archive', code: 'FROM alpine:3.20\nADD "app.tar.gz" /d\nADD \'rootfs.tar.xz\' /' },
    { name: 'the JSON form of a local archive', code: 'FROM alpine:3.20\nADD ["app.tar.gz", "/d"]\nADD --chown=10001 ["vendor.tgz", "/opt/"]' },
    { name: 'archives compressed with bzip2, lzma, compress and zstd', code: 'FROM alpine:3.20\nADD a.tbz2 b.tar.lzma c.tar.Z d.tar.zst /opt/' },
    { name: 'the JSON form of a URL', code: 'FROM alpine:3.20\nADD ["https://example.com/a.txt", "/a"]' },
  ],
  invalid: [
    {
      name: 'the JSON form and a quoted source of plain files',
      code: 'FROM alpine:3.20\nADD ["app.py", "/app/"]\nADD "conf d/app.ini" /etc/',
      findings: [{ range: [1, 0, 1, 3] }, { range: [2, 0, 2, 3] }],
      output: 'FROM alpine:3.20\nCOPY ["app.py", "/app/"]\nCOPY "conf d/app.ini" /etc/',
    },
    {
      name: 'an archive among plain files is unpacked, so the ADD stays',
      code: 'FROM alpine:3.20\nADD app.tar.gz /d\nADD app.tar.gz.sha256 /d',
      findings: [{ range: [2, 0, 2, 3] }],
      output: 'FROM alpine:3.20\nADD app.tar.gz /d\nCOPY app.tar.gz.sha256 /d',
    },
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
