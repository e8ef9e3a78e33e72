import { helmTemplate } from '../../../shared/src/helm/template-command';
import { sprigFuncs } from '../../../shared/src/helm/sprig/index';
import { diskTree } from '../../../shared/src/workspace/file-tree';
const tree = diskTree('/work/shared/corpus/helm');
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const r = helmTemplate({ tree, chartPath: process.argv[2] ?? 'charts/argo-cd', sprig: sprigFuncs() } as never);
  console.log((performance.now() - t0).toFixed(0), 'ms', r.error ?? '');
}
