/**
 * The Helm charts of a scan: every folder with a Chart.yaml among the scanned files (a chart inside
 * another chart is rendered with it), rendered with its defaults or the options of `.bollwerk.yaml`'s
 * `helm:` section and linted; its findings replace the notes that skipped its templates.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Config } from '../../../shared/src/config';
import type { ChartRenderConfig } from '../../../shared/src/config-helm';
import { lintChart, type ChartLint } from '../../../shared/src/helm/lint-chart';
import { sprigFuncs } from '../../../shared/src/helm/sprig/index';
import type { FileReport } from '../../../shared/src/lint';
import type { Result } from '../../../shared/src/types';
import { diskTree } from './file-tree';

/** The chart folders among scanned files: folders holding a Chart.yaml, not inside another such folder. */
export function chartRoots(files: readonly string[]): string[] {
  const dirs = files.filter((f) => /(^|[\\/])Chart\.yaml$/.test(f)).map((f) => dirname(f)).sort();
  return dirs.filter((d) => !dirs.some((o) => o !== d && (d.startsWith(`${o}/`) || d.startsWith(`${o}\\`))));
}

/** The render options configured for a chart folder: by its path relative to `base` (the configuration's folder). */
function configFor(chartDir: string, base: string | undefined, helm: Readonly<Record<string, ChartRenderConfig>> | undefined): ChartRenderConfig {
  if (!helm) return {};
  return helm[relative(base ?? process.cwd(), chartDir).split('\\').join('/') || '.'] ?? {};
}

/** Renders and lints one chart folder from disk; -f files are read relative to `base`. */
export function lintChartDir(chartDir: string, config: Config, fileUri: (path: string) => string, base?: string, log?: (message: string) => void): ChartLint {
  const options = configFor(chartDir, base, config.helm);
  const valuesFiles: { name: string; text: string }[] = [];
  for (const f of options.valuesFiles ?? []) {
    const path = resolve(base ?? process.cwd(), f);
    try {
      valuesFiles.push({ name: path, text: readFileSync(path, 'utf8') });
    } catch (e) {
      // the chart still renders with what could be read; the message says what is missing
      log?.(`values file ${f} of chart ${chartDir} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const uriOf = (p: string): string => fileUri(isAbsolute(p) ? p : join(chartDir, p));
  const { valuesFiles: _v, ...rest } = options;
  return lintChart(diskTree(chartDir), '', { ...rest, valuesFiles, sprig: sprigFuncs(), config, uriOf, ...(log ? { log } : {}) });
}

/** The charts' findings, report by report: `apply` gives a file's report with its chart's findings; `rest` the reports of chart findings in files that had none. */
export interface ChartMerge {
  apply(report: FileReport): FileReport;
  /** Reports for the files chart findings are located in that no applied report stood for (call once, after every apply). */
  rest(): FileReport[];
}

/** Replaces a report of a chart's file with the chart's findings there (templates no longer noted as skipped). */
export function chartMerge(charts: readonly { readonly dir: string; readonly dirUri: string; readonly lint: ChartLint }[]): ChartMerge {
  const byUri = new Map<string, Result[]>();
  for (const c of charts) for (const r of c.lint.results) byUri.set(r.uri, [...(byUri.get(r.uri) ?? []), r]);
  const inChart = (uri: string): boolean => charts.some((c) => uri.startsWith(`${c.dirUri}/`));
  return {
    apply(report) {
      const chartResults = byUri.get(report.uri);
      byUri.delete(report.uri);
      if (!inChart(report.uri) && !chartResults) return report;
      const notes = inChart(report.uri) ? report.notes.filter((n) => n.code !== 'templated') : report.notes;
      const results = [...(inChart(report.uri) && notes.length !== report.notes.length ? [] : report.results), ...(chartResults ?? [])];
      return { uri: report.uri, kind: report.kind ?? (chartResults ? 'kubernetes' : undefined), results, notes };
    },
    rest: () => [...byUri].map(([uri, results]) => ({ uri, kind: 'kubernetes', results, notes: [] })),
  };
}

/** Orders reports by URI, as a scan with charts lists them. */
export function compareReportUris(a: { readonly uri: string }, b: { readonly uri: string }): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0;
}

/** Replaces the reports of each chart's files with the chart's findings (templates no longer noted as skipped); adds reports for files that had none. */
export function mergeChartReports(reports: readonly FileReport[], charts: readonly { readonly dir: string; readonly dirUri: string; readonly lint: ChartLint }[]): FileReport[] {
  const merge = chartMerge(charts);
  const out: FileReport[] = reports.map((r) => merge.apply(r));
  out.push(...merge.rest());
  return out.sort(compareReportUris);
}
