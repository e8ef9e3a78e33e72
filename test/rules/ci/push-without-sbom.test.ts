import { pushWithoutSbom } from '../../../shared/src/rules/ci/push-without-sbom';
import { ruleTester } from '../../rule-tester';

const wf = (steps: string): string => `on: push\njobs:\n  build:\n    steps:\n${steps}`;
const BUILD_PUSH = '      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/acme/app:1.0\n';

ruleTester(pushWithoutSbom, {
  valid: [
    { name: 'build-push-action with sbom: true', code: wf('      - uses: docker/build-push-action@v6\n        with: {push: true, sbom: true}\n') },
    { name: 'an SBOM attestation', code: wf('      - uses: docker/build-push-action@v6\n        with: {push: true, attests: "type=sbom,generator=docker/buildkit-syft-scanner"}\n') },
    { name: 'buildx --sbom', code: wf('      - run: docker buildx build --sbom=true --push -t app:1 .\n') },
    { name: 'syft in another job', code: `${wf('      - run: docker push app:1\n')}  sbom:\n    steps:\n      - run: syft app:1 -o spdx-json > sbom.json\n` },
    { name: 'anchore/sbom-action', code: wf(`${BUILD_PUSH}      - uses: anchore/sbom-action@v0\n`) },
    { name: 'trivy in CycloneDX format', code: wf('      - run: docker push app:1 && trivy image --format cyclonedx app:1\n') },
    { name: 'cosign attest of an SPDX document', filename: 'file:///test/.gitlab-ci.yml', code: 'release:\n  script:\n    - docker push app:1\n    - cosign attest --type spdxjson --predicate sbom.json app:1\n' },
    { name: 'no push', code: wf('      - uses: docker/build-push-action@v6\n        with: {push: false}\n') },
  ],
  invalid: [
    {
      name: 'build-push-action: sbom: true is added to its inputs',
      code: wf(BUILD_PUSH),
      findings: [{ range: [4, 14, 4, 41], message: /makes no SBOM/ }],
      output: wf('      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/acme/app:1.0\n          sbom: true\n'),
    },
    {
      name: 'sbom: false is turned on; a flow map keeps its style',
      code: wf('      - uses: docker/build-push-action@v6\n        with: {push: true, sbom: false}\n'),
      findings: [{ range: [4, 14, 4, 41] }],
      output: wf('      - uses: docker/build-push-action@v6\n        with: {push: true, sbom: true}\n'),
    },
    {
      name: 'docker push and --sbom=false: which generator to use is a decision, so no fix',
      code: wf('      - run: docker push app:1\n      - run: docker buildx build --sbom=false --push -t app:2 .\n'),
      findings: [{ range: [4, 13, 4, 19] }, { range: [5, 13, 5, 19] }],
      output: null,
    },
  ],
});
