import { pullRequestTargetCheckout } from '../../../shared/src/rules/ci/pull-request-target-checkout';
import { ruleTester } from '../../rule-tester';

ruleTester(pullRequestTargetCheckout, {
  valid: [
    'on: pull_request\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n        with: {ref: "${{ github.event.pull_request.head.sha }}"}\n',
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
  ],
});
