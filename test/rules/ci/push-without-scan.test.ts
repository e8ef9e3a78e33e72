import { pushWithoutScan } from '../../../shared/src/rules/ci/push-without-scan';
import { ruleTester } from '../../rule-tester';

const wf = (steps: string): string => `on: push\njobs:\n  build:\n    steps:\n${steps}`;

ruleTester(pushWithoutScan, {
  valid: [
    wf('      - run: docker build -t app .\n      - run: trivy image --exit-code 1 app\n      - run: docker push app\n'),
    wf('      - uses: aquasecurity/trivy-action@0.28.0\n        with: {image-ref: app, exit-code: "1"}\n      - uses: docker/build-push-action@v6\n        with: {push: true, tags: app}\n'),
    { name: 'build without push', code: wf('      - uses: docker/build-push-action@v6\n        with: {push: false}\n') },
    { name: 'scan then push in one script', code: wf('      - run: |\n          grype app --fail-on high\n          docker push app\n') },
  ],
  invalid: [
    {
      code: wf('      - run: docker build -t app . && docker push app\n'),
      findings: [{ range: [4, 38, 4, 44], message: /without a vulnerability scan/ }],
      output: null,
    },
    {
      name: 'a docker push step gets a Trivy step inserted before it',
      code: wf('      - run: docker build -t ghcr.io/acme/app:1 .\n      - run: docker push ghcr.io/acme/app:1\n'),
      findings: [{ range: [5, 13, 5, 19] }],
      output: wf('      - run: docker build -t ghcr.io/acme/app:1 .\n      - name: Scan image for vulnerabilities\n        uses: aquasecurity/trivy-action@0.28.0\n        with:\n          image-ref: "ghcr.io/acme/app:1"\n          exit-code: "1"\n          severity: CRITICAL,HIGH\n      - run: docker push ghcr.io/acme/app:1\n'),
    },
    {
      name: 'a scan that cannot fail does not count; build-push-action push',
      code: wf('      - uses: aquasecurity/trivy-action@0.28.0\n        with: {image-ref: app}\n      - uses: docker/build-push-action@v6\n        with: {push: true}\n'),
      findings: [{ range: [6, 14, 6, 41] }],
    },
    {
      name: 'push before the scan in one script; GitLab',
      filename: 'file:///test/.gitlab-ci.yml',
      code: 'release:\n  script:\n    - docker buildx build --push -t app .\n    - trivy image --exit-code 1 app\n',
      findings: [{ range: [2, 6, 2, 12] }],
    },
  ],
});
