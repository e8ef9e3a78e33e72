/**
 * The passes of a scan that look beyond one file: kustomizations are built and their output linted
 * (kustomize-pass.ts), Helm charts are rendered and linted (charts.ts). Each takes the per-file
 * reports and gives them back with the findings of what is deployed, at the lines that cause them.
 * `bollwerk scan` and the language server's workspace scan both run them, so both count the same.
 *
 * scan.ts loads this module only when a scan finds a kustomization or a chart: the Helm renderer
 * and the kustomize builder are the larger part of the engine's code, and a scan of Dockerfiles or
 * plain manifests needs neither. The command line bundles it apart (dist/cli-render.js,
 * esbuild.mjs), so that its other scans do not load it at all.
 */
import type { Config } from '../../../shared/src/config';
import type { FileReport } from '../../../shared/src/lint';
import { chartMerge, lintChartDir, type ChartMerge } from './charts';
import { unitPass, type UnitPass } from './kustomize-pass';
import { compareReportUris } from './report-order';
import { chartRoots } from './source';

/** Options of {@link deployPasses}. */
export interface PassOptions {
  /** Directory `.bollwerk.yaml`'s paths (the `helm:` section's chart folders and values files) are relative to. */
  readonly ignoreBase?: string;
  readonly log?: (message: string) => void;
}

/**
 * Runs the kustomize and chart passes over the per-file reports of the files found below `roots`.
 * `uriOf` and `uriPath` convert between paths and the reports' URIs. Never throws on file content.
 */
export function deployPasses(roots: readonly string[], files: readonly string[], reports: FileReport[], config: Config, uriOf: (path: string) => string, uriPath: (uri: string) => string, options: PassOptions = {}): FileReport[] {
  const { units, charts } = deployStages(roots, files, config, uriOf, uriPath, options);
  let out = reports;
  // deployable units: kustomizations are built and their output linted; their inputs are not linted alone
  if (units) out = [...out.map((r) => units.apply(r)), ...units.rest()];
  // charts are rendered and linted; their findings land on template and values lines
  if (charts) out = [...out.map((r) => charts.apply(r)), ...charts.rest()].sort(compareReportUris);
  return out;
}

/**
 * The same passes for a scan that hands on each file's report as it is done (scan.ts
 * streamWorkspace): the units are built and the charts rendered first, then each report goes
 * through `units.apply` and `charts.apply`; `rest()` of each gives the reports of files that only
 * their findings are located in.
 */
export function deployStages(roots: readonly string[], files: readonly string[], config: Config, uriOf: (path: string) => string, uriPath: (uri: string) => string, options: PassOptions = {}): { units: UnitPass | undefined; charts: ChartMerge | undefined } {
  const units = unitPass(roots, files, config, uriOf, uriPath, options.log);
  const charts = chartRoots(files).flatMap((dir) => {
    try {
      return [{ dir, dirUri: uriOf(dir), lint: lintChartDir(dir, config, uriOf, options.ignoreBase, options.log) }];
    } catch (e) {
      // lintChart does not throw on chart content; this guards the disk (a folder gone meanwhile)
      options.log?.(`linting the chart ${dir} failed: ${(e as Error).stack ?? String(e)}`);
      return [];
    }
  });
  return { units, charts: charts.length > 0 ? chartMerge(charts) : undefined };
}
