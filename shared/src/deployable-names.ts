/**
 * The file names that make a folder a deployable unit of its own, which the engine renders or
 * builds before the rules see it: a Helm chart (Helm's chart loader reads `Chart.yaml` and no other
 * spelling, helm/loader.ts) and a kustomization (the names kustomize looks for, in its order).
 */

/** The file that makes a folder a Helm chart. */
export const CHART_FILE = 'Chart.yaml';

/** The file names kustomize looks for, in its order. */
export const KUSTOMIZATION_FILES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The last segment of a path with `/` or `\` separators. */
function lastSegment(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Whether a path names a chart's `Chart.yaml`. */
export function isChartFile(path: string): boolean {
  return lastSegment(path) === CHART_FILE;
}

/** Whether a path names a kustomization file. */
export function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_FILES.includes(lastSegment(path));
}
