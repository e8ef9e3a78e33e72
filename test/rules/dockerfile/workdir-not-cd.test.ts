import { workdirNotCd } from '../../../shared/src/rules/dockerfile/workdir-not-cd';
import { ruleTester } from '../../rule-tester';

ruleTester(workdirNotCd, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /app\nRUN make',
    'FROM alpine:3.20\nRUN make -C /app && (cd /x && ls)',
    'FROM alpine:3.20\nRUN ["cd", "/x"]',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN cd /app && make',
      findings: [{ range: [1, 4, 1, 6], message: /starts with cd/ }],
    },
    {
      name: 'after flags and a line continuation',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache \\\n    cd /src && go build',
      findings: [{ range: [2, 4, 2, 6] }],
    },
  ],
});
