import { hostPathVolumes } from '../../../shared/src/rules/kubernetes/host-path-volumes';
import { ruleTester } from '../../rule-tester';

ruleTester(hostPathVolumes, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: a:1}]\n  volumes:\n  - name: data\n    emptyDir: {}\n',
    { name: 'dont-fire: a PersistentVolume may use hostPath', code: 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  hostPath: {path: /data}\n' },
  ],
  invalid: [
    {
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a:1}]\n      volumes:\n      # node-local cache\n      - name: cache\n        hostPath:\n          path: /var/cache/app\n      - {name: logs, hostPath: {path: /var/log}}\n',
      findings: [{ range: [10, 8, 10, 16], message: /Volume "cache"/ }, { range: [12, 21, 12, 29], message: /Volume "logs"/ }],
    },
  ],
});
