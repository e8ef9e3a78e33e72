import { secretEchoed } from '../../../shared/src/rules/ci/secret-echoed';
import { ruleTester } from '../../rule-tester';

const wf = (steps: string): string => `on: push\njobs:\n  build:\n    steps:\n${steps}`;

ruleTester(secretEchoed, {
  valid: [
    wf('      - run: ./deploy\n        env:\n          TOKEN: ${{ secrets.TOKEN }}\n'),
    wf('      - run: echo "${{ github.sha }}"\n'),
    { name: 'dont-fire: the secret goes to a login, not a print', code: wf('      - run: docker login -p "${{ secrets.P }}" ghcr.io\n') },
  ],
  invalid: [
    {
      code: wf('      - run: echo "${{ secrets.TOKEN }}" > token\n'),
      findings: [{ range: [4, 13, 4, 40], message: /^echo writes a secret/ }],
    },
    {
      name: 'printf in a block script',
      code: wf('      - run: |\n          set -e\n          printf "%s" ${{secrets.KEY}} | base64\n'),
      findings: [{ range: [6, 10, 6, 38] }],
    },
  ],
});
