import { pushWithoutSignature } from '../../../shared/src/rules/ci/push-without-signature';
import { ruleTester } from '../../rule-tester';

const wf = (steps: string): string => `on: push\njobs:\n  build:\n    steps:\n${steps}`;

ruleTester(pushWithoutSignature, {
  valid: [
    wf('      - run: docker push app\n      - run: cosign sign --yes app@sha256:0\n'),
    wf('      - uses: docker/build-push-action@v6\n        with: {push: true}\n  sign:\n    steps:\n      - uses: actions/attest-build-provenance@v2\n'),
    { name: 'no push', code: wf('      - run: docker build -t app .\n') },
  ],
  invalid: [
    {
      code: wf('      - run: docker build -t app . && docker push app\n      - run: cosign verify app\n'),
      findings: [{ range: [4, 38, 4, 44], message: /signs none/ }],
    },
    {
      name: 'GitLab',
      filename: 'file:///test/.gitlab-ci.yml',
      code: 'release:\n  script:\n    - crane push app.tar registry/app:1\n',
      findings: [{ range: [2, 6, 2, 11] }],
    },
  ],
});
