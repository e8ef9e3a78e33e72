import { noWorldWritable } from '../../../shared/src/rules/dockerfile/no-world-writable';
import { ruleTester } from '../../rule-tester';

ruleTester(noWorldWritable, {
  valid: [
    'FROM alpine:3.20\nRUN chmod 755 /app && chmod -R u+w,g-w /data',
    'FROM alpine:3.20\nRUN chmod 1777 /tmp/cache',
    'FROM alpine:3.20\nRUN chmod +x /entrypoint.sh',
    'FROM alpine:3.20\nCOPY --chmod=0644 a /a',
    { name: 'a temporary directory removed in the same RUN', code: 'FROM debian:12\nRUN mkdir -p /tmp/build && chmod 777 /tmp/build && make -C /tmp/build && rm -rf /tmp/build' },
    { name: 'a mktemp directory in a variable, removed as written', code: 'FROM debian:12\nRUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && cd "$tempDir" && make && if [ -n "$tempDir" ]; then rm -rf "$tempDir"; fi' },
    { name: 'removed through its parent directory', code: 'FROM debian:12\nRUN chmod -R 0777 /opt/src/cache /opt/src/out; cp /opt/src/out/app /usr/bin/; rm -rf /opt/src/' },
  ],
  invalid: [
    {
      name: 'removed before the chmod, or only one of two paths removed: the layer keeps a world-writable path',
      code: 'FROM debian:12\nRUN rm -rf /tmp/x && mkdir /tmp/x && chmod 777 /tmp/x\nRUN chmod 777 /tmp/a /data && rm -rf /tmp/a',
      findings: [{ range: [1, 43, 1, 46] }, { range: [2, 10, 2, 13] }],
    },
    {
      name: 'a variable path is not removed by another variable or a parent',
      code: 'FROM debian:12\nRUN chmod 777 "$GOPATH/src" && rm -rf "$GOPATH"',
      findings: [{ range: [1, 10, 1, 13] }],
    },
    {
      name: 'a sibling with a common prefix is not removed',
      code: 'FROM debian:12\nRUN chmod 777 /tmp/build-out && rm -rf /tmp/build',
      findings: [{ range: [1, 10, 1, 13] }],
    },
    {
      code: 'FROM alpine:3.20\nRUN mkdir /data && chmod -R 777 /data',
      findings: [{ range: [1, 28, 1, 31], message: /^Mode 777 lets every user/ }],
    },
    {
      name: 'symbolic modes and COPY --chmod',
      code: 'FROM alpine:3.20\nRUN chmod o+w /a && chmod a+rwX /b && chmod 0666 /c\nCOPY --chmod=777 app /app',
      findings: [{ range: [1, 10, 1, 13] }, { range: [1, 26, 1, 31] }, { range: [1, 44, 1, 48] }, { range: [2, 13, 2, 16] }],
    },
  ],
});
