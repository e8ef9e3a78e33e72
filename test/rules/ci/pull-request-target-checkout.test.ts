import { pullRequestTargetCheckout } from '../../../shared/src/rules/ci/pull-request-target-checkout';
import { ruleTester } from '../../rule-tester';

ruleTester(pullRequestTargetCheckout, {
  valid: [
    'on: pull_request\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n        with: {ref: "${{ github.event.pull_request.head.sha }}"}\n',
    { name: 'dont-fire: gh pr commands other than checkout, a git fetch of a branch named like pull', code: 'on: pull_request_target\njobs:\n  t:\n    steps:\n      - run: gh pr comment 1 --body hi && git fetch origin pulls/x\n' },
    { name: 'pull_request_target that checks out the base', code: 'on: [pull_request_target]\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n' },
  ],
  invalid: [
    {
      code: 'on:\n  pull_request_target:\n    types: [opened]\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n',
      findings: [{ range: [8, 15, 8, 56], message: /pull_request_target/ }],
    },
    {
      name: 'git fetch of the pull ref',
      code: 'on: pull_request_target\njobs:\n  t:\n    steps:\n      - run: git fetch origin refs/pull/${{ github.event.number }}/head\n',
      findings: [{ range: [4, 13, 4, 71] }],
    },
    {
      name: 'git fetch of pull/N/head without refs/, and gh pr checkout',
      code: 'on: pull_request_target\njobs:\n  t:\n    steps:\n      - run: git fetch origin pull/${{ github.event.number }}/head:pr\n      - run: gh pr checkout ${{ github.event.pull_request.number }}\n',
      findings: [{ range: [4, 13, 4, 69] }, { range: [5, 13, 5, 67] }],
    },
  ],
});
