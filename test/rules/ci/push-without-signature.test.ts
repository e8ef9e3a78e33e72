import { pushWithoutSignature } from '../../../shared/src/rules/ci/push-without-signature';
import { ruleTester } from '../../rule-tester';

const wf = (steps: string): string => `on: push\njobs:\n  build:\n    steps:\n${steps}`;
const withPermissions = (permissions: string, steps: string): string => `on: push\n${permissions}jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const SIGN = '      - uses: sigstore/cosign-installer@v3\n      - name: Sign the image\n        run: cosign sign --yes ';

ruleTester(pushWithoutSignature, {
  valid: [
    wf('      - run: docker push app\n      - run: cosign sign --yes app@sha256:0\n'),
    wf('      - uses: docker/build-push-action@v6\n        with: {push: true}\n  sign:\n    steps:\n      - uses: actions/attest-build-provenance@v2\n'),
    { name: 'no push', code: wf('      - run: docker build -t app .\n') },
  ],
  invalid: [
    {
      name: 'no permissions anywhere: a new permissions map would take the default grants away, so no fix',
      code: wf('      - run: docker build -t app . && docker push app\n      - run: cosign verify app\n'),
      findings: [{ range: [4, 38, 4, 44], message: /signs none/ }],
      output: null,
    },
    {
      name: 'docker push: cosign steps after the push, id-token: write in the workflow permissions',
      code: withPermissions('permissions:\n  contents: read\n  packages: write\n', '      - run: docker build -t ghcr.io/acme/app:1.0 .\n      - run: docker push ghcr.io/acme/app:1.0\n      - run: echo done\n'),
      findings: [{ range: [9, 13, 9, 19] }],
      output: withPermissions('permissions:\n  contents: read\n  packages: write\n  id-token: write\n', `      - run: docker build -t ghcr.io/acme/app:1.0 .\n      - run: docker push ghcr.io/acme/app:1.0\n${SIGN}"ghcr.io/acme/app:1.0"\n      - run: echo done\n`),
    },
    {
      name: 'build-push-action with an id: the digest it pushed is signed; the job permissions take the grant',
      code: 'on: push\njobs:\n  release:\n    permissions: {contents: read, packages: write}\n    steps:\n      - id: build\n        uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: |\n            ghcr.io/acme/app:${{ github.sha }}\n            ghcr.io/acme/app:latest',
      findings: [{ range: [6, 14, 6, 41] }],
      output: 'on: push\njobs:\n  release:\n    permissions: {contents: read, packages: write, id-token: write}\n    steps:\n      - id: build\n        uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: |\n            ghcr.io/acme/app:${{ github.sha }}\n            ghcr.io/acme/app:latest\n' + SIGN + '"ghcr.io/acme/app@${{ steps.build.outputs.digest }}"\n',
    },
    {
      name: 'write-all already grants id-token; an image in a shell variable cannot be signed in another step',
      code: withPermissions('permissions: write-all\n', '      - run: docker push "$IMAGE"\n      - run: docker push app:2\n'),
      findings: [{ range: [6, 13, 6, 19] }, { range: [7, 13, 7, 19] }],
      output: withPermissions('permissions: write-all\n', `      - run: docker push "$IMAGE"\n      - run: docker push app:2\n${SIGN}"app:2"\n`),
    },
    {
      name: 'GitLab: no fix',
      filename: 'file:///test/.gitlab-ci.yml',
      code: 'release:\n  script:\n    - crane push app.tar registry/app:1\n',
      findings: [{ range: [2, 6, 2, 11] }],
      output: null,
    },
  ],
});
