/**
 * What `bollwerk scan --fix` needs of the Helm renderer and the kustomize builder. fix.ts requires
 * this module only when it finds a chart or a kustomization; the command line bundles it into
 * dist/cli-render.js with the scan's passes (esbuild.mjs), so other runs do not load it.
 */
export { lintChartDir } from '../../host/src/workspace/charts';
export { kustomizeFixes } from '../../host/src/workspace/kustomize-pass';
