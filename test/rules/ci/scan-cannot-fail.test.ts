import { scanCannotFail } from '../../../shared/src/rules/ci/scan-cannot-fail';
import { ruleTester } from '../../rule-tester';

const wf = (steps: string): string => `on: push\npermissions: {contents: read}\njobs:\n  build:\n    steps:\n${steps}`;

ruleTester(scanCannotFail, {
  valid: [
    wf('      - uses: aquasecurity/trivy-action@0.28.0\n        with:\n          image-ref: app\n          exit-code: "1"\n          severity: CRITICAL,HIGH\n'),
    wf('      - run: trivy image --exit-code 1 --severity CRITICAL app\n'),
    wf('      - run: grype app --fail-on high\n'),
    wf('      - uses: anchore/scan-action@v4\n        with: {image: app}\n'),
    { name: 'GitLab scan that can fail', filename: 'file:///test/.gitlab-ci.yml', code: 'scan:\n  script:\n    - trivy image --exit-code 1 app\n' },
    { name: 'dont-fire: trivy mentioned in an echo', code: wf('      - run: echo trivy image app\n') },
    { name: 'exit code from TRIVY_EXIT_CODE before the command', code: wf('      - run: TRIVY_EXIT_CODE=1 trivy image app\n') },
    { name: 'exit code from an exported TRIVY_EXIT_CODE', code: wf('      - run: |\n          export TRIVY_EXIT_CODE=1\n          trivy image app\n') },
    { name: 'exit code from the step env', code: wf('      - run: trivy image app\n        env:\n          TRIVY_EXIT_CODE: 1\n') },
    { name: 'exit code from the job env', code: 'on: push\njobs:\n  build:\n    env: {TRIVY_EXIT_CODE: "1", GRYPE_FAIL_ON_SEVERITY: high}\n    steps:\n      - run: trivy image app && grype app\n' },
    { name: 'GitLab job variables', filename: 'file:///test/.gitlab-ci.yml', code: 'scan:\n  variables:\n    TRIVY_EXIT_CODE: "1"\n  script:\n    - trivy image app\n' },
  ],
  invalid: [
    {
      name: 'trivy-action without exit-code (its default is 0)',
      code: wf('      - uses: aquasecurity/trivy-action@0.28.0\n        with:\n          image-ref: app\n'),
      findings: [{ range: [5, 14, 5, 46], messageId: 'exit-code', message: /^The Trivy scan exits 0/ }],
      output: null,
    },
    {
      name: 'exit-code "0" is fixed to "1"',
      code: wf('      - uses: aquasecurity/trivy-action@0.28.0\n        with: {image-ref: app, exit-code: "0"}\n'),
      findings: [{ range: [5, 14, 5, 46], messageId: 'exit-code' }],
      output: wf('      - uses: aquasecurity/trivy-action@0.28.0\n        with: {image-ref: app, exit-code: "1"}\n'),
    },
    {
      name: 'continue-on-error on the step',
      code: wf('      - uses: anchore/scan-action@v4\n        continue-on-error: true\n'),
      findings: [{ range: [5, 14, 5, 36], messageId: 'continue-on-error' }],
      output: wf('      - uses: anchore/scan-action@v4\n        continue-on-error: false\n'),
    },
    {
      name: 'TRIVY_EXIT_CODE=0 before the command',
      code: wf('      - run: TRIVY_EXIT_CODE=0 trivy image app\n'),
      findings: [{ range: [5, 31, 5, 36], messageId: 'exit-code' }],
    },
    {
      name: '|| true and a severity without CRITICAL',
      code: wf('      - run: |\n          trivy image --exit-code 1 app || true\n          trivy image --exit-code 1 --severity LOW,MEDIUM app\n'),
      findings: [{ range: [6, 10, 6, 15], messageId: 'or-true' }, { range: [7, 10, 7, 15], messageId: 'not-critical' }],
    },
    {
      name: 'GitLab allow_failure',
      filename: 'file:///test/.gitlab-ci.yml',
      code: 'scan:\n  allow_failure: true\n  script:\n    - grype app --fail-on critical\n',
      findings: [{ range: [3, 6, 3, 11], messageId: 'allow-failure', message: /allow_failure/ }],
    },
  ],
});
