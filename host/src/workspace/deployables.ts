/**
 * The deployable units of a scan: kustomizations are built and their output linted
 * (kustomize-pass.ts), Helm charts are rendered and linted (charts.ts). scan.ts loads this module
 * only when a scan finds a kustomization or a chart: the Helm renderer and the kustomize builder
 * are the larger part of the engine's code, and a scan of Dockerfiles or plain manifests needs
 * neither. The command line bundles it apart (dist/cli-render.js, esbuild.mjs), so that its other
 * scans do not load it at all.
 */
import type { Config } from '../../../shared/src/config';
import type { FileReport } from '../../../shared/src/lint';
import { lintChartDir, mergeChartReports } from './charts';
import { kustomizePass } from './kustomize-pass';

/** What the pass needs of the scan besides its files. */
export interface DeployablesOptions {
  /** Directory the configuration's paths (values files) are relative to. */
  readonly ignoreBase?: string;
  readonly log?: (message: string) => void;
  readonly fileUri: (path: string) => string;
  readonly uriPath: (uri: string) => string;
}

/**
 * The reports of a scan with its deployable units linted: kustomizations built (their inputs no
 * longer linted alone), then the charts in `chartDirs` rendered (their findings on template and
 * values lines).
 */
export function lintDeployables(roots: readonly string[], files: readonly string[], perFile: FileReport[], chartDirs: readonly string[], config: Config, options: DeployablesOptions): FileReport[] {
  const { fileUri, uriPath, log } = options;
  let reports = kustomizePass(roots, files, perFile, config, fileUri, uriPath, log);
  const charts = chartDirs.flatMap((dir) => {
    try {
      return [{ dir, dirUri: fileUri(dir), lint: lintChartDir(dir, config, fileUri, options.ignoreBase, log) }];
    } catch (e) {
      // lintChart does not throw on chart content; this guards the disk (a folder gone meanwhile)
      log?.(`linting the chart ${dir} failed: ${(e as Error).stack ?? String(e)}`);
      return [];
    }
  });
  if (charts.length > 0) reports = mergeChartReports(reports, charts);
  return reports;
}
