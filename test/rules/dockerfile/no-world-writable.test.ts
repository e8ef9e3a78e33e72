import { noWorldWritable } from '../../../shared/src/rules/dockerfile/no-world-writable';
import { ruleTester } from '../../rule-tester';

ruleTester(noWorldWritable, {
  valid: [
    'FROM alpine:3.20\nRUN chmod 755 /app && chmod -R u+w,g-w /data',
    'FROM alpine:3.20\nRUN chmod 1777 /tmp/cache',
    'FROM alpine:3.20\nRUN chmod +x /entrypoint.sh',
    'FROM alpine:3.20\nCOPY --chmod=0644 a /a',
  ],
  invalid: [
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
