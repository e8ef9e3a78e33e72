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
import type { ChartLint } from '../../../shared/src/helm/lint-chart';
import { chartMerge, lintChartDir, type ChartMerge } from './charts';
import { unitFindings, unitPassOf, type UnitFindings, type UnitPass } from './kustomize-pass';
import { compareReportUris } from './report-order';
import { chartRoots } from './source';
import { runSteps } from '../../../shared/src/steps';

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
  return applyDeployStages(reports, deployStages(roots, files, config, uriOf, uriPath, options));
}

/** The deploy stages a scan applies to its reports (see {@link deployStages}). */
export interface DeployStages {
  readonly units: UnitPass | undefined;
  readonly charts: ChartMerge | undefined;
}

/** The per-file reports with the findings of the deploy stages applied (see {@link deployPasses}). */
export function applyDeployStages(reports: FileReport[], stages: DeployStages): FileReport[] {
  return runSteps(deployStageSteps(reports, stages));
}

/** Reports a step of {@link deployStageSteps} applies the stages to. */
const REPORTS_PER_STEP = 2000;

/**
 * {@link applyDeployStages} a step at a time, for a caller that answers other requests between
 * the steps (the language server: the stages take a tenth of a second and more on 50,000 files).
 */
export function* deployStageSteps(reports: FileReport[], { units, charts }: DeployStages): Generator<void, FileReport[]> {
  const each = function* (list: readonly FileReport[], apply: (r: FileReport) => FileReport): Generator<void, FileReport[]> {
    const out: FileReport[] = [];
    for (const r of list) {
      out.push(apply(r));
      if (out.length % REPORTS_PER_STEP === 0) yield;
    }
    return out;
  };
  let out = reports;
  // deployable units: kustomizations are built and their output linted; their inputs are not linted alone
  if (units) out = [...(yield* each(out, (r) => units.apply(r))), ...units.rest()];
  // charts are rendered and linted; their findings land on template and values lines
  if (charts) out = [...(yield* each(out, (r) => charts.apply(r))), ...charts.rest()].sort(compareReportUris);
  return out;
}

/**
 * The same passes for a scan that hands on each file's report as it is done (scan.ts
 * streamWorkspace): the units are built and the charts rendered first, then each report goes
 * through `units.apply` and `charts.apply`; `rest()` of each gives the reports of files that only
 * their findings are located in.
 */
export function deployStages(roots: readonly string[], files: readonly string[], config: Config, uriOf: (path: string) => string, uriPath: (uri: string) => string, options: PassOptions = {}): DeployStages {
  return deployStagesOf(deployFindings(roots, files, config, uriOf, options), uriPath);
}

/**
 * What the deploy stages find, as plain data: the language server has it made on its scan's worker
 * thread (host/src/workspace/worker.ts), since building and rendering take seconds in a large
 * repository, and applies it on its own thread with {@link deployStagesOf}.
 */
export interface DeployFindings {
  readonly units: UnitFindings | undefined;
  readonly charts: readonly { readonly dir: string; readonly dirUri: string; readonly lint: ChartLint }[];
}

/** Builds the kustomizations and renders the charts among `files`, and lints what they give. Never throws on file content. */
export function deployFindings(roots: readonly string[], files: readonly string[], config: Config, uriOf: (path: string) => string, options: PassOptions = {}): DeployFindings {
  const units = unitFindings(roots, files, config, uriOf, options.log);
  const charts = chartRoots(files).flatMap((dir) => {
    try {
      return [{ dir, dirUri: uriOf(dir), lint: lintChartDir(dir, config, uriOf, options.ignoreBase, options.log) }];
    } catch (e) {
      // lintChart does not throw on chart content; this guards the disk (a folder gone meanwhile)
      options.log?.(`linting the chart ${dir} failed: ${(e as Error).stack ?? String(e)}`);
      return [];
    }
  });
  return { units, charts };
}

/** The passes over the per-file reports that apply what {@link deployFindings} found. */
export function deployStagesOf(found: DeployFindings, uriPath: (uri: string) => string): DeployStages {
  return { units: found.units && unitPassOf(found.units, uriPath), charts: found.charts.length > 0 ? chartMerge(found.charts) : undefined };
}
