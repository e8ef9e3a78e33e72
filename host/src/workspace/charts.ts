/**
 * The Helm charts of a scan: every folder with a Chart.yaml among the scanned files (source.ts
 * chartRoots; a chart inside another chart is rendered with it), rendered with its defaults or the options of `.bollwerk.yaml`'s
 * `helm:` section and linted; its findings replace the notes that skipped its templates.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Config } from '../../../shared/src/config';
import type { ChartRenderConfig } from '../../../shared/src/config-helm';
import { lintChart, type ChartLint } from '../../../shared/src/helm/lint-chart';
import { sprigFuncs } from '../../../shared/src/helm/sprig/index';
import type { FileReport } from '../../../shared/src/lint';
import type { Result } from '../../../shared/src/types';
import { diskTree } from './file-tree';

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

/** Replaces the reports of each chart's files with the chart's findings (templates no longer noted as skipped); adds reports for files that had none. */
export function mergeChartReports(reports: readonly FileReport[], charts: readonly { readonly dir: string; readonly dirUri: string; readonly lint: ChartLint }[]): FileReport[] {
  const byUri = new Map<string, Result[]>();
  for (const c of charts) for (const r of c.lint.results) byUri.set(r.uri, [...(byUri.get(r.uri) ?? []), r]);
  const inChart = (uri: string): boolean => charts.some((c) => uri.startsWith(`${c.dirUri}/`));
  const out: FileReport[] = reports.map((report) => {
    const chartResults = byUri.get(report.uri);
    byUri.delete(report.uri);
    if (!inChart(report.uri) && !chartResults) return report;
    const notes = inChart(report.uri) ? report.notes.filter((n) => n.code !== 'templated') : report.notes;
    const results = [...(inChart(report.uri) && notes.length !== report.notes.length ? [] : report.results), ...(chartResults ?? [])];
    return { uri: report.uri, kind: report.kind ?? (chartResults ? 'kubernetes' : undefined), results, notes };
  });
  for (const [uri, results] of byUri) out.push({ uri, kind: 'kubernetes', results, notes: [] });
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}
