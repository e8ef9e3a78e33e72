import { restrictedVolumeTypes } from '../../../shared/src/rules/kubernetes/restricted-volume-types';
import { ruleTester } from '../../rule-tester';

ruleTester(restrictedVolumeTypes, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n  volumes:\n  - name: defaulted # becomes emptyDir\n  - {name: c, configMap: {name: c}}\n  - name: s\n    secret: {secretName: s}\n  - {name: pvc, persistentVolumeClaim: {claimName: x}}\n  - {name: pr, projected: {sources: []}}\n',
    { name: 'dont-fire: csi and ephemeral are allowed', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n  volumes: [{name: c, csi: {driver: x}}, {name: e, ephemeral: {}}]\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n  volumes:\n  - name: shared\n    nfs: {server: nfs.local, path: /exports}\n  - {name: h, hostPath: {path: /tmp}}\n',
      findings: [{ range: [7, 4, 7, 7], message: /Volume "shared" uses type nfs/ }, { range: [8, 14, 8, 22] }],
    },
  ],
});
