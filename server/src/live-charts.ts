/**
 * Helm charts in the editor: a file of a chart (a template, `_helpers.tpl`, values.yaml, Chart.yaml,
 * a subchart's file) belongs to the outermost folder with a Chart.yaml above it, as in a scan.
 * When one of its files is asked for and an open document of the chart changed since the last
 * render, the chart is rendered again from the open documents' text over the disk, with
 * `.bollwerk.yaml`'s `helm:` options, and its findings go to every file of the chart: the one
 * being edited, the others open, and those not open.
 *
 * A render after an edit of templates or values.yaml reuses the loaded chart with those files
 * replaced and, for templates that define no named template, executes only them and keeps the others' findings; rule
 * results of templates that render to the same text as before are reused (lintChart's lintCache).
 * Any other edit loads the chart again and renders all of it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { overlayTree, type FileTree } from '../../shared/src/file-tree';
import type { Chart } from '../../shared/src/helm/chart';
import { loadChart, loadValues } from '../../shared/src/helm/loader';
import { chartResults, type ChartLintOptions } from '../../shared/src/helm/lint-chart';
import type { FileReport } from '../../shared/src/lint';
import type { Result } from '../../shared/src/types';
import { lintChartDir, withChartResults } from '../../host/src/workspace/charts';
import { diskTree } from '../../host/src/workspace/file-tree';
import { fileUri, lintFile } from '../../host/src/workspace/scan';
import type { LivePass } from './live-units';
import type { ResolvedSettings } from './settings';
import { sameResults } from './workspace-index';

/** Charts kept rendered at once; the least recently asked without open documents go first. */
const MAX_CHARTS = 16;
/** Folders climbed from a file to find its chart. */
const MAX_CLIMB = 64;

/** The last render of one chart. */
interface LiveChart {
  readonly dir: string;
  readonly dirUri: string;
  /** The open documents' versions and settings generation the render was made from. */
  key: string;
  versions: Map<string, number>;
  generation: number;
  /** The chart as loaded from the same sources, for renders after template edits. */
  chart: Chart | undefined;
  readonly lintCache: NonNullable<ChartLintOptions['lintCache']>;
  /** The chart's findings by file URI. */
  results: Map<string, readonly Result[]>;
  /** Reports of the chart's files that are not open, as a scan reads them from disk (before the chart's findings). */
  readonly diskReports: Map<string, FileReport>;
  /** The last render's findings per template; undefined when it failed. */
  byTemplate: ReadonlyMap<string, readonly Result[]> | undefined;
  /** URIs of the -f values files the last render read. */
  valuesFiles: Set<string>;
  used: number;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();
/** A template action that defines a named template others may include. */
const DEFINES = /\{\{-?\s*(?:define|block)\b/;

/** The text of a root template of a loaded chart ('' when it has none of that path). */
const fileText = (chart: Chart, path: string): string => {
  const t = chart.templates.find((f) => f.name === path);
  return t ? textDecoder.decode(t.data) : '';
};

/** The open documents below a folder, by path relative to it. */
function openBelow(documents: readonly TextDocument[], dir: string): Map<string, TextDocument> {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const out = new Map<string, TextDocument>();
  for (const d of documents) {
    if (!d.uri.startsWith('file:')) continue;
    const path = URI.parse(d.uri).fsPath;
    if (path.startsWith(prefix)) out.set(relative(dir, path).split(sep).join('/'), d);
  }
  return out;
}

/**
 * The loaded chart with the given files' text replaced, when they are all root templates or the
 * root values.yaml (read again as loadChart reads it); undefined for any other file, or values
 * that do not load (a full load reports why).
 */
function withEdits(chart: Chart, texts: ReadonlyMap<string, string>): Chart | undefined {
  const byName = new Map<string, Uint8Array>();
  let values = chart.values;
  for (const [path, raw] of texts) {
    const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    if (path === 'values.yaml' && chart.raw.some((f) => f.name === path)) {
      try {
        values = loadValues(text);
      } catch {
        return undefined;
      }
    } else if (!chart.templates.some((t) => t.name === path)) return undefined;
    byName.set(path, textEncoder.encode(text));
  }
  const swap = <T extends { readonly name: string; readonly data: Uint8Array }>(files: readonly T[]): T[] => files.map((f) => (byName.has(f.name) ? { ...f, data: byName.get(f.name)! } : f));
  return { ...chart, values, templates: swap(chart.templates), raw: swap(chart.raw) };
}

/** The charts of one server, rendered as their files are edited. */
export interface LiveCharts extends LivePass {
  /** The chart folder a file belongs to (below the workspace folder, when it has one). */
  chartDirOf(uri: string, folderUri: string | undefined): string | undefined;
}

/** Creates the live charts of one server; `documents` lists the open documents. */
export function createLiveCharts(documents: () => readonly TextDocument[], log: (message: string) => void): LiveCharts {
  const charts = new Map<string, LiveChart>();
  const dirOfUri = new Map<string, string | null>();
  let clock = 0;

  const chartDirOf = (uri: string, folderUri: string | undefined): string | undefined => {
    const known = dirOfUri.get(uri);
    if (known !== undefined) return known ?? undefined;
    let found: string | undefined;
    const u = URI.parse(uri);
    if (u.scheme === 'file') {
      const stop = folderUri && folderUri.startsWith('file:') ? URI.parse(folderUri).fsPath : undefined;
      let dir = dirname(u.fsPath);
      for (let i = 0; i < MAX_CLIMB; i++) {
        if (existsSync(join(dir, 'Chart.yaml'))) found = dir;
        const parent = dirname(dir);
        if (parent === dir || dir === stop) break;
        dir = parent;
      }
    }
    if (dirOfUri.size > 10_000) dirOfUri.clear();
    dirOfUri.set(uri, found ?? null);
    return found;
  };

  /** The rendered chart a file belongs to, or, for a file outside every chart (a -f values file), one that has findings in it. */
  const chartOfUri = (uri: string): { live: LiveChart; inside: boolean } | undefined => {
    const dir = dirOfUri.get(uri);
    const live = dir ? charts.get(dir) : undefined;
    if (live) return { live, inside: true };
    for (const c of charts.values()) if (c.results.has(uri) || c.valuesFiles.has(uri)) return { live: c, inside: false };
    return undefined;
  };

  const evict = (): void => {
    if (charts.size <= MAX_CHARTS) return;
    const open = documents();
    const idle = [...charts.values()].filter((c) => openBelow(open, c.dir).size === 0).sort((a, b) => a.used - b.used);
    for (const c of idle.slice(0, charts.size - MAX_CHARTS)) charts.delete(c.dir);
  };

  /** A file's report as a scan reads it from disk, before the chart's findings. */
  const diskReport = (live: LiveChart, uri: string, settings: ResolvedSettings): FileReport => {
    let report = live.diskReports.get(uri);
    if (!report) {
      const path = URI.parse(uri).fsPath;
      report = existsSync(path) && statSync(path).isFile() ? lintFile(path, settings.config, log) : { uri, kind: undefined, results: [], notes: [] };
      live.diskReports.set(uri, report);
    }
    return report;
  };

  /** Renders one chart again when its open documents or the settings changed; returns the URIs whose reports may have changed. */
  const render = (dir: string, settings: ResolvedSettings, generation: number): string[] => {
    let live = charts.get(dir);
    if (!live) {
      live = { dir, dirUri: fileUri(dir), key: '', versions: new Map(), generation: -1, chart: undefined, lintCache: new Map(), results: new Map(), diskReports: new Map(), valuesFiles: new Set(), byTemplate: undefined, used: 0 };
      charts.set(dir, live);
      evict();
    }
    live.used = ++clock;
    const all = documents();
    // the open documents the render reads: the chart's files by their path in it, -f files by their URI
    const open = openBelow(all, dir);
    for (const d of all) if (live.valuesFiles.has(d.uri)) open.set(d.uri, d);
    const key = `${generation}|${[...open].map(([p, d]) => `${p}@${d.version}`).sort().join('|')}`;
    if (live.key === key) return [];
    // what changed since the last render: documents opened, edited or closed (their text is the disk's again)
    const changed = new Set<string>();
    for (const [p, d] of open) if (live.versions.get(p) !== d.version) changed.add(p);
    for (const p of live.versions.keys()) if (!open.has(p)) changed.add(p);
    const uriOfKey = (p: string): string => (p.includes(':') ? p : fileUri(join(dir, p)));
    const texts = new Map([...open].filter(([p]) => !p.includes(':')).map(([p, d]) => [p, d.getText()] as const));
    const tree: FileTree = overlayTree(diskTree(dir), texts);
    if (live.generation !== generation) {
      live.chart = undefined;
      live.byTemplate = undefined;
      live.lintCache.clear();
      live.diskReports.clear();
    }
    for (const p of changed) live.diskReports.delete(uriOfKey(p));
    // templates or values.yaml edited (or -f files, which are no part of the loaded chart): the
    // loaded chart with their new text; anything else: load it again
    const inChart = [...changed].filter((p) => !p.includes(':'));
    const edited = live.chart && live.generation === generation ? withEdits(live.chart, new Map(inChart.map((p) => [p, texts.get(p) ?? textDecoder.decode(tree.readFile(p) ?? new Uint8Array())]))) : undefined;
    let chart = edited;
    if (!chart) {
      try {
        chart = loadChart(tree, '');
      } catch {
        chart = undefined; // lintChart loads it again and reports why it cannot be loaded
      }
    }
    const base = settings.folderUri?.startsWith('file:') ? URI.parse(settings.folderUri).fsPath : undefined;
    // a -f values file (`helm:` valuesFiles) is read as the editor has it, when it is open
    const valuesFiles = new Set<string>();
    const readText = (path: string): string => {
      const u = fileUri(path);
      valuesFiles.add(u);
      return all.find((d) => d.uri === u)?.getText() ?? readFileSync(path, 'utf8');
    };
    // templates that define nothing, edited alone, are the only ones executed: the others render as before
    const only = edited && live.byTemplate && changed.size === inChart.length && inChart.every((p) => p.startsWith('templates/') && !/(^|\/)_[^/]*$/.test(p) && !DEFINES.test(texts.get(p) ?? '') && !DEFINES.test(fileText(live.chart!, p)))
      ? new Set(inChart)
      : undefined;
    const lint = lintChartDir(dir, settings.config, fileUri, base, log, { tree, readText, ...(chart ? { chart } : {}), lintCache: live.lintCache, ...(only ? { onlyTemplates: (name: string) => only.has(name.slice(name.indexOf('/') + 1)) } : {}) });
    let byTemplate = lint.byTemplate;
    let results = lint.results;
    if (only && byTemplate) {
      const merged = new Map([...live.byTemplate!].filter(([name]) => !only.has(name.slice(name.indexOf('/') + 1))));
      for (const [name, list] of byTemplate) merged.set(name, list);
      byTemplate = merged;
      results = chartResults(merged.values());
    }
    const next = new Map<string, Result[]>();
    for (const r of results) next.set(r.uri, [...(next.get(r.uri) ?? []), r]);
    const touched = new Set([...changed].map(uriOfKey));
    for (const u of new Set([...live.results.keys(), ...next.keys()])) if (!sameResults(live.results.get(u) ?? [], next.get(u) ?? [])) touched.add(u);
    // files of the chart know it from now on, also those whose findings are gone
    const prefix = dir + sep;
    for (const u of touched) if (!dirOfUri.has(u) && URI.parse(u).fsPath.startsWith(prefix)) dirOfUri.set(u, dir);
    live.results = next;
    live.byTemplate = byTemplate;
    live.chart = chart;
    live.key = key;
    live.generation = generation;
    live.valuesFiles = valuesFiles;
    live.versions = new Map([...open].filter(([p]) => !p.includes(':') || valuesFiles.has(p)).map(([p, d]) => [p, d.version]));
    return [...touched];
  };

  return {
    chartDirOf,
    refresh(uri, settings, generation) {
      const dir = chartDirOf(uri, settings.folderUri);
      // a -f values file outside the chart renders the charts that read it
      const dirs = dir ? [dir] : [...charts.values()].filter((c) => c.valuesFiles.has(uri)).map((c) => c.dir);
      if (dirs.length === 0) return undefined;
      return [...new Set(dirs.flatMap((d) => render(d, settings, generation)))];
    },
    openReport(report) {
      const at = chartOfUri(report.uri);
      return at ? withChartResults(report, at.inside, at.live.results.get(report.uri)) : report;
    },
    closedReport(uri, settings) {
      const at = chartOfUri(uri);
      if (!at) return undefined;
      return withChartResults(diskReport(at.live, uri, settings), at.inside, at.live.results.get(uri));
    },
    fixes(uri, settings, wanted, overrides) {
      const at = chartOfUri(uri);
      if (!at) return undefined;
      const dir = at.live.dir;
      const all = documents();
      const textOf = (u: string): string | undefined => overrides?.get(u) ?? all.find((d) => d.uri === u)?.getText();
      const texts = new Map([...openBelow(all, dir)].map(([p, d]) => [p, d.getText()] as const));
      const prefix = dir + sep;
      for (const [u, text] of overrides ?? []) {
        const path = u.startsWith('file:') ? URI.parse(u).fsPath : '';
        if (path.startsWith(prefix)) texts.set(relative(dir, path).split(sep).join('/'), text);
      }
      const readText = (path: string): string => textOf(fileUri(path)) ?? readFileSync(path, 'utf8');
      const base = settings.folderUri?.startsWith('file:') ? URI.parse(settings.folderUri).fsPath : undefined;
      return lintChartDir(dir, settings.config, fileUri, base, log, { tree: overlayTree(diskTree(dir), texts), readText, lintCache: at.live.lintCache, fixes: wanted }).results;
    },
    uris: () => [...charts.values()].flatMap((c) => [...c.results.keys()]),
    has: (uri) => chartOfUri(uri) !== undefined,
    clear() {
      charts.clear();
      dirOfUri.clear();
    },
  };
}
