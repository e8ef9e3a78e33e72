import { workflowPermissions } from '../../../shared/src/rules/ci/workflow-permissions';
import { ruleTester } from '../../rule-tester';

ruleTester(workflowPermissions, {
  valid: [
    'on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n',
    { name: 'every job sets its own permissions', code: 'on: push\njobs:\n  build:\n    permissions: {contents: read}\n    steps: [{run: make}]\n' },
    { name: 'a composite action has no token of its own', filename: 'file:///test/action.yml', code: 'runs:\n  using: composite\n  steps: [{run: make, shell: bash}]\n' },
    { name: 'GitLab has no permissions key', filename: 'file:///test/.gitlab-ci.yml', code: 'build:\n  script: [make]\n' },
  ],
  invalid: [
    {
      code: 'on: push\njobs:\n  build:\n    steps: [{run: make}]\n',
      findings: [{ range: [1, 0, 1, 4], messageId: 'missing', message: /repository default/ }],
      output: 'on: push\npermissions:\n  contents: read\njobs:\n  build:\n    steps: [{run: make}]\n',
    },
    {
      name: 'one job without permissions',
      code: 'on: push\njobs:\n  a:\n    permissions: {contents: read}\n    steps: [{run: make}]\n  b:\n    steps: [{run: make}]\n',
      findings: [{ range: [1, 0, 1, 4], messageId: 'missing' }],
      output: 'on: push\npermissions:\n  contents: read\njobs:\n  a:\n    permissions: {contents: read}\n    steps: [{run: make}]\n  b:\n    steps: [{run: make}]\n',
    },
    {
      name: 'write-all at the top and in a job',
      code: 'on: push\npermissions: write-all\njobs:\n  a:\n    permissions: write-all\n    steps: [{run: make}]\n',
      findings: [{ range: [1, 13, 1, 22], messageId: 'writeAll' }, { range: [4, 17, 4, 26], messageId: 'writeAll' }],
      output: null,
    },
  ],
});
