import { windowsHostProcess } from '../../../shared/src/rules/kubernetes/windows-host-process';
import { ruleTester } from '../../rule-tester';

ruleTester(windowsHostProcess, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    windowsOptions: {runAsUserName: ContainerUser}\n  containers: [{name: a}]\n',
    { name: 'dont-fire: hostProcess false', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, securityContext: {windowsOptions: {hostProcess: false}}}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  securityContext:\n    windowsOptions:\n      hostProcess: true # node agent\n  containers: [{name: a, securityContext: {windowsOptions: {hostProcess: true}}}]\n',
      findings: [{ range: [7, 19, 7, 23] }, { range: [8, 73, 8, 77] }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  securityContext:\n    windowsOptions:\n      hostProcess: false # node agent\n  containers: [{name: a, securityContext: {windowsOptions: {hostProcess: false}}}]\n',
    },
  ],
});
