import { secretEchoed } from '../../../shared/src/rules/ci/secret-echoed';
import { ruleTester } from '../../rule-tester';

const wf = (steps: string): string => `on: push\njobs:\n  build:\n    steps:\n${steps}`;
const GITLAB = 'file:///test/.gitlab-ci.yml';
const gitlab = (script: string): string => `deploy:\n  script:\n${script}`;

ruleTester(secretEchoed, {
  valid: [
    wf('      - run: ./deploy\n        env:\n          TOKEN: ${{ secrets.TOKEN }}\n'),
    wf('      - run: echo "${{ github.sha }}"\n'),
    { name: 'dont-fire: the secret goes to a login, not a print', code: wf('      - run: docker login -p "${{ secrets.P }}" ghcr.io\n') },
    {
      name: 'dont-fire: a secret variable piped into a program or written to a file, not to the log',
      filename: GITLAB,
      code: gitlab('    - echo "$CI_JOB_TOKEN" | docker login -u gitlab-ci-token --password-stdin "$CI_REGISTRY"\n    - printf \'%s\' "${NPM_TOKEN}" > .npm-token\n    - echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" >> ~/.npmrc\n    - docker login --password-stdin <<< "$CI_REGISTRY_PASSWORD"\n'),
    },
    {
      name: 'dont-fire: names that hold where a secret is or whether it is set, single quotes, ${#…} and ${…:+…}, cat of a file',
      filename: GITLAB,
      code: gitlab('    - echo $SECRET_NAME_FILE "$TOKEN_URL" $CI_REGISTRY_USER\n    - echo \'$CI_JOB_TOKEN\' "${#API_TOKEN}" "${API_TOKEN:+set}"\n    - cat ./notes.txt <<< "$API_TOKEN"\n'),
    },
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
    {
      name: 'GitLab: $CI_JOB_TOKEN, "${VAR}", a secret-named variable in a longer word, to stderr',
      filename: GITLAB,
      code: gitlab('    - echo $CI_JOB_TOKEN\n    - echo "token=${DEPLOY_PASSWORD}" 2>/dev/null\n    - printf "%s\\n" "x$MY_SECRET" >&2\n'),
      findings: [
        { range: [2, 6, 2, 24], messageId: 'variable', message: 'echo prints the variable CI_JOB_TOKEN, whose name says it holds a secret, into the job log; masking misses short, encoded and split values. Do not print it; pipe it to the program that needs it (--password-stdin) or write it to a file.' },
        { range: [3, 6, 3, 37], messageId: 'variable', message: /^echo prints the variable DEPLOY_PASSWORD/ },
        { range: [4, 6, 4, 33], messageId: 'variable', message: /^printf prints the variable MY_SECRET/ },
      ],
      output: null,
    },
    {
      name: 'here-strings into cat, base64 and tee; a GitHub run: with an env secret',
      code: wf('      - run: |\n          cat <<< "$SSH_PRIVATE_KEY"\n          base64 -w0 <<<$GITHUB_TOKEN\n          tee -a log.txt <<< "${API_KEY}"\n        env:\n          API_KEY: ${{ secrets.API_KEY }}\n'),
      findings: [
        { range: [5, 10, 5, 36], messageId: 'variable', message: /^cat prints the variable SSH_PRIVATE_KEY/ },
        { range: [6, 10, 6, 37], messageId: 'variable' },
        { range: [7, 10, 7, 41], messageId: 'variable', message: /^tee prints the variable API_KEY/ },
      ],
      output: null,
    },
  ],
});
