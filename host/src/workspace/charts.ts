/**
 * The Helm charts of a scan: every folder with a Chart.yaml among the scanned files (source.ts
 * chartRoots; a chart inside another chart is rendered with it), rendered with its defaults or the options of `.bollwerk.yaml`'s
 * `helm:` section and linted; its findings replace the notes that skipped its templates.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Config } from '../../../shared/src/config';
import { DEFAULT_VALUE_SET, type ChartRenderConfig } from '../../../shared/src/config-helm';
import type { FileTree } from '../../../shared/src/file-tree';
import { lintChartValueSets, type ChartLint, type ChartLintOptions, type ChartValueSet } from '../../../shared/src/helm/lint-chart';
import { sprigFuncs } from '../../../shared/src/helm/sprig/index';
import type { FileReport } from '../../../shared/src/lint';
import type { Result } from '../../../shared/src/types';
import { diskTree } from './file-tree';

/** The render options configured for a chart folder: by its path relative to `base` (the configuration's folder). */
function configFor(chartDir: string, base: string | undefined, helm: Readonly<Record<string, ChartRenderConfig>> | undefined): ChartRenderConfig {
  if (!helm) return {};
  return helm[relative(base ?? process.cwd(), chartDir).split('\\').join('/') || '.'] ?? {};
}

/** Reads a value set's -f files relative to `base`; a file that cannot be read is logged and left out. */
function readValuesFiles(files: readonly string[] | undefined, chartDir: string, base: string | undefined, readText: (path: string) => string, log?: (message: string) => void): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const f of files ?? []) {
    const path = resolve(base ?? process.cwd(), f);
    try {
      out.push({ name: path, text: readText(path) });
    } catch (e) {
      // the chart still renders with what could be read; the message says what is missing
      log?.(`values file ${f} of chart ${chartDir} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

/** What the editor renders a chart from besides the disk: its open documents, a chart loaded before, earlier lint results. */
export interface ChartSource {
  /** The chart folder as a tree (default: the disk). */
  readonly tree?: FileTree;
  /** The text of a -f values file by absolute path (default: read from disk). */
  readonly readText?: (path: string) => string;
  readonly chart?: ChartLintOptions['chart'];
  readonly lintCache?: ChartLintOptions['lintCache'];
  readonly onlyTemplates?: ChartLintOptions['onlyTemplates'];
  /** Translate the rules' fixes to the chart's files (all findings, or those a predicate picks). */
  readonly fixes?: ChartLintOptions['fixes'];
}

/**
 * Renders and lints one chart folder (from disk, or `source`) with its own values and each
 * configured value set (a finding once, naming its value sets); -f files are read relative to `base`.
 */
export function lintChartDir(chartDir: string, config: Config, fileUri: (path: string) => string, base?: string, log?: (message: string) => void, source: ChartSource = {}): ChartLint {
  const options = configFor(chartDir, base, config.helm);
  const uriOf = (p: string): string => fileUri(isAbsolute(p) ? p : join(chartDir, p));
  const { valuesFiles, set, setString, valueSets, ...rest } = options;
  const readText = source.readText ?? ((path: string): string => readFileSync(path, 'utf8'));
  const read = (files: readonly string[] | undefined): { name: string; text: string }[] => readValuesFiles(files, chartDir, base, readText, log);
  const sets: ChartValueSet[] = [
    { name: DEFAULT_VALUE_SET, values: { valuesFiles: read(valuesFiles), ...(set ? { set } : {}), ...(setString ? { setString } : {}) } },
    ...Object.entries(valueSets ?? {}).map(([name, v]) => ({ name, values: { valuesFiles: read(v.valuesFiles), ...(v.set ? { set: v.set } : {}), ...(v.setString ? { setString: v.setString } : {}) } })),
  ];
  const { tree, readText: _r, ...reuse } = source;
  return lintChartValueSets(tree ?? diskTree(chartDir), '', sets, { ...rest, sprig: sprigFuncs(), config, uriOf, ...(log ? { log } : {}), ...reuse });
}

/**
 * A file's report with its chart's findings (`chartResults`, undefined when it has none): in a
 * chart's folder tree the file's own results are dropped when it was skipped as a template (the
 * rendered chart reports them), and its skip note goes.
 */
export function withChartResults(report: FileReport, inChart: boolean, chartResults: readonly Result[] | undefined): FileReport {
  if (!inChart && !chartResults) return report;
  const notes = inChart ? report.notes.filter((n) => n.code !== 'templated') : report.notes;
  const results = [...(inChart && notes.length !== report.notes.length ? [] : report.results), ...(chartResults ?? [])];
  return { uri: report.uri, kind: report.kind ?? (chartResults ? 'kubernetes' : undefined), results, notes };
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
      return withChartResults(report, inChart(report.uri), chartResults);
    },
    rest: () => [...byUri].map(([uri, results]) => ({ uri, kind: 'kubernetes', results, notes: [] })),
  };
}


