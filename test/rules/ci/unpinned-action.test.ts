import { unpinnedAction } from '../../../shared/src/rules/ci/unpinned-action';
import { ruleTester } from '../../rule-tester';

const wf = (steps: string): string => `on: push\njobs:\n  build:\n    steps:\n${steps}`;

ruleTester(unpinnedAction, {
  valid: [
    wf('      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4\n      - uses: ./.github/actions/setup\n'),
    wf('      - uses: docker://alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000\n'),
    { name: 'composite action steps', filename: 'file:///test/action.yml', code: 'runs:\n  using: composite\n  steps:\n    - uses: actions/cache@0c45773b623bea8c8e75f6c82b208c3cf94ea4f9\n' },
  ],
  invalid: [
    {
      code: wf('      - uses: actions/checkout@v4\n      - uses: tj-actions/changed-files@main\n'),
      findings: [{ range: [4, 14, 4, 33], message: 'actions/checkout@v4 follows a tag or branch that its owner can move; pin the full commit SHA (with the tag in a comment).' }, { range: [5, 14, 5, 43] }],
    },
    {
      name: 'short SHA, no version, docker tag',
      code: wf('      - uses: actions/checkout@11bd719\n      - uses: some/action\n      - uses: docker://alpine:3.20\n'),
      findings: [{ range: [4, 14, 4, 38] }, { range: [5, 14, 5, 25], messageId: 'none' }, { range: [6, 14, 6, 34], messageId: 'docker', message: 'The container image docker://alpine:3.20 is referenced by tag, which its owner can move; pin it by digest (docker://image@sha256:…).' }],
    },
    {
      name: 'a reusable workflow called by a job',
      code: 'on: push\njobs:\n  call:\n    uses: org/repo/.github/workflows/build.yml@main\n  local:\n    uses: ./.github/workflows/local.yml\n  pinned:\n    uses: org/repo/.github/workflows/build.yml@11bd71901bbe5b1630ceea73d27597364c9af683\n',
      findings: [{ range: [3, 10, 3, 51], message: 'org/repo/.github/workflows/build.yml@main follows a tag or branch that its owner can move; pin the full commit SHA (with the tag in a comment).' }],
    },
  ],
});
