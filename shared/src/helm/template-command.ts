// `helm template`, after Helm's pkg/cmd/template.go, pkg/cmd/install.go and pkg/action/install.go
// (Copyright The Helm Authors, Apache-2.0; see NOTICE-HELM.md): load the chart, merge the user's
// values, drop disabled subcharts, validate against the schemas, render, split and sort the
// documents, and print them with `# Source:` headers (CRDs first with --include-crds, hooks last).
import type { FileTree } from '../file-tree';
import { capabilitiesStruct, DEFAULT_API_VERSIONS, DEFAULT_KUBE_VERSION, parseKubeVersion } from './capabilities';
import { chartName, cloneChart, crdObjects, type Chart } from './chart';
import { coalesceValues } from './coalesce';
import { processDependencies } from './dependencies';
import { pathMatch } from './go-match';
import { newMap, type GoMap } from './go-value';
import { ChartError, fileText, loadChart } from './loader';
import { ManifestError, sortManifests, splitManifests, type HeadCache, type HelmMajor } from './manifests';
import { renderTemplates, RenderError } from './render';
import { validateAgainstSchema } from './schema';
import { isCompatibleRange } from './compatible';
import { TemplateError, TemplateSet, type FuncMap, type OutputSegment } from './template/index';
import { mergeUserValues, ValuesError, type ValueOptions } from './values-options';
import { ValuesProvenance, valuesSources } from './values-source';

/** A `helm template` run. */
export interface TemplateRequest extends ValueOptions {
  /** The tree holding the chart. */
  readonly tree: FileTree;
  /** The chart's folder (or .tgz) in the tree; '' is the root. */
  readonly chartPath?: string;
  readonly releaseName?: string;
  readonly nameTemplate?: string;
  readonly namespace?: string;
  readonly kubeVersion?: string;
  readonly apiVersions?: readonly string[];
  readonly includeCrds?: boolean;
  readonly skipTests?: boolean;
  readonly noHooks?: boolean;
  readonly debug?: boolean;
  readonly showOnly?: readonly string[];
  /** Sprig's functions. */
  readonly sprig: FuncMap;
  /** Which Helm's output to reproduce (default 4); Helm 3 trims the blank lines after each document. */
  readonly helmMajor?: HelmMajor;
  /** Test harnesses (helm-unittest) only: the user's values already merged, instead of the value options. */
  readonly userValues?: GoMap;
  /** Test harnesses only: accept any release name (helm-unittest's default is RELEASE-NAME). */
  readonly anyReleaseName?: boolean;
  /** Test harnesses only: an upgrade instead of an install, and its revision. */
  readonly upgrade?: { readonly isUpgrade: boolean; readonly revision: number };
  /** Test harnesses only: Chart.yaml's version and appVersion replaced. */
  readonly chartOverride?: { readonly version?: string; readonly appVersion?: string };
  /** Test harnesses only: the templates to execute, by their full name (`chart/templates/x.yaml`); all are parsed. */
  readonly onlyTemplates?: (filename: string) => boolean;
  /** Test harnesses only: what `lookup` finds (helm template has no cluster and finds nothing). */
  readonly lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => GoMap;
  /** Test harnesses only: the API versions `.Capabilities` starts from, instead of Helm's known ones. */
  readonly baseApiVersions?: readonly string[];
  /** A chart loaded before (the render works on a copy); otherwise it is loaded from the tree. */
  readonly chart?: Chart;
  /** Keep a source map: each template's output segments and where its values came from. */
  readonly sourceMap?: boolean;
}

/** The source map of a render: each rendered template's segments and the values' provenance. */
export interface RenderSourceMap {
  readonly segments: Map<string, OutputSegment[]>;
  readonly values: ValuesProvenance;
}

/** Where a failure points, when it points into the chart. */
export interface FailureLocation {
  readonly template: string;
  readonly line?: number;
  readonly column?: number;
}

/** What `helm template` printed: its standard output and, when it failed, the error (without `Error: `). */
export interface TemplateResult {
  readonly stdout: string;
  readonly error?: string;
  readonly location?: FailureLocation;
}

const VALID_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** chartutil.ValidateReleaseName, with install's wording. */
function validateReleaseName(name: string): string | undefined {
  if (name === '') return 'no name provided';
  if (name.length > 53 || !VALID_NAME.test(name)) return `release name "${name}": invalid release name, must match regex ${VALID_NAME.source} and the length must not be longer than 53`;
  return undefined;
}

/** The release name from --name-template (rendered with Sprig, no data). */
function renderNameTemplate(text: string, sprig: FuncMap): string {
  const set = new TemplateSet(sprig, { name: 'name-template' });
  set.parse('name-template', text);
  return set.execute('name-template', null);
}

function checkDependencies(c: Chart): string | undefined {
  const missing = c.metadata.dependencies.filter((r) => !c.dependencies.some((d) => chartName(d) === r.name)).map((r) => r.name);
  if (missing.length === 0) return undefined;
  return `an error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`;
}

const failResult = (error: string, stdout = '', location?: FailureLocation): TemplateResult => (location ? { stdout, error, location } : { stdout, error });

/** A chart rendered into its files (template path → text, NOTES.txt and partials included), or the failure. */
export type RenderedChart = { readonly chart: Chart; readonly files: Map<string, string>; readonly sourceMap?: RenderSourceMap } | { readonly failure: TemplateResult };

/** Loads, prepares and renders a chart as `helm template` does, before its output is split and sorted. */
export function renderChart(req: TemplateRequest): RenderedChart {
  const fail = (error: string, stdout = '', location?: FailureLocation): { failure: TemplateResult } => ({ failure: failResult(error, stdout, location) });
  let releaseName = req.releaseName ?? 'release-name';
  if (req.nameTemplate !== undefined) {
    try {
      releaseName = renderNameTemplate(req.nameTemplate, req.sprig);
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
  }
  let chart: Chart;
  try {
    chart = req.chart ? cloneChart(req.chart) : loadChart(req.tree, req.chartPath ?? '');
  } catch (e) {
    return fail(e instanceof ChartError ? e.message : String(e));
  }
  if (chart.metadata.type !== '' && chart.metadata.type !== 'application') return fail(`${chart.metadata.type} charts are not installable`);
  const missing = checkDependencies(chart);
  if (missing) return fail(missing);
  if (req.chartOverride?.version !== undefined) chart.metadata.version = req.chartOverride.version;
  if (req.chartOverride?.appVersion !== undefined) chart.metadata.appVersion = req.chartOverride.appVersion;
  let userValues: GoMap;
  try {
    userValues = req.userValues ?? mergeUserValues(req);
  } catch (e) {
    return fail(e instanceof ValuesError ? e.message : String(e));
  }
  const kube = parseKubeVersion(req.kubeVersion ?? DEFAULT_KUBE_VERSION);
  if (!kube) return fail(`invalid kube version '${req.kubeVersion ?? ''}': could not parse '${req.kubeVersion ?? ''}' as version`);
  const nameProblem = req.anyReleaseName ? undefined : validateReleaseName(releaseName);
  if (nameProblem) return fail(nameProblem);
  let top: GoMap;
  try {
    processDependencies(chart, userValues);
    const values = coalesceValues(chart, userValues);
    const problems = validateAgainstSchema(chart, values);
    if (problems) return fail(`values don't meet the specifications of the schema(s) in the following chart(s):\n${problems}`);
    top = newMap();
    top['Chart'] = null;
    top['Capabilities'] = capabilitiesStruct(kube, [...(req.baseApiVersions ?? DEFAULT_API_VERSIONS), ...(req.apiVersions ?? [])]) as unknown as GoMap;
    const release = newMap();
    Object.assign(release, { Name: releaseName, Namespace: req.namespace ?? 'default', IsUpgrade: req.upgrade?.isUpgrade ?? false, IsInstall: !(req.upgrade?.isUpgrade ?? false), Revision: BigInt(req.upgrade?.revision ?? 1), Service: 'Helm' });
    top['Release'] = release;
    top['Values'] = values;
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const withHint = (msg: string): string => (req.debug ? msg : `${msg}\n\nUse --debug flag to render out invalid YAML`);
  if (chart.metadata.kubeVersion !== '' && !isCompatibleRange(chart.metadata.kubeVersion, kube.normalized)) {
    return fail(withHint(`chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.normalized}`));
  }
  try {
    const segments = req.sourceMap ? new Map<string, OutputSegment[]>() : undefined;
    const options = { sprig: req.sprig, helm: req.helmMajor ?? 4, ...(req.lookup ? { lookup: req.lookup } : {}), ...(segments ? { sourceMaps: segments } : {}) };
    const files = renderTemplates(chart, top, req.onlyTemplates ? { ...options, execute: req.onlyTemplates } : options);
    if (!segments) return { chart, files };
    const commandLine = req.userValues ? undefined : mergeUserValues({ ...req, valuesFiles: [] });
    const values = new ValuesProvenance(top['Values'] as GoMap, valuesSources(chart, req.chartPath ?? '', req.valuesFiles ?? []), commandLine);
    return { chart, files, sourceMap: { segments, values } };
  } catch (e) {
    if (e instanceof RenderError) return fail(withHint(e.message), '', e.template !== undefined ? { template: e.template, line: e.line, column: e.column } : undefined);
    if (e instanceof TemplateError) return fail(withHint(e.message));
    throw e;
  }
}

/** Runs `helm template` in memory and returns what it prints; a failure of any kind comes back as its error. */
export function helmTemplate(req: TemplateRequest): TemplateResult {
  try {
    return runTemplate(req);
  } catch (e) {
    return failResult(`rendering failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function runTemplate(req: TemplateRequest): TemplateResult {
  const rendered = renderChart(req);
  if ('failure' in rendered) return rendered.failure;
  const { chart, files } = rendered;
  const withHint = (msg: string): string => (req.debug ? msg : `${msg}\n\nUse --debug flag to render out invalid YAML`);
  for (const k of [...files.keys()]) if (k.endsWith('NOTES.txt')) files.delete(k);
  let sorted;
  try {
    sorted = sortManifests(files, req.helmMajor ?? 4, chart.headCache as HeadCache);
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    let blob = '';
    for (const name of [...files.keys()].sort()) {
      const content = files.get(name)!;
      if (content.trim() !== '') blob += `---\n# Source: ${name}\n${content}\n`;
    }
    const file = /^YAML parse error on (\S+):/.exec(e.message)?.[1];
    return failResult(withHint(e.message), req.debug ? `${blob.trim()}\n` : '', file ? { template: file } : undefined);
  }
  let manifest = '';
  if (req.includeCrds) for (const crd of crdObjects(chart)) manifest += `---\n# Source: ${crd.filename}\n${fileText(crd.file.data)}\n`;
  for (const m of sorted.manifests) manifest += `---\n# Source: ${m.name}\n${m.content}\n`;
  let out = `${manifest.trim()}\n`;
  if (!req.noHooks) {
    for (const h of sorted.hooks) {
      if (req.skipTests && h.events.includes('test')) continue;
      out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
    }
  }
  const showOnly = req.showOnly ?? [];
  if (showOnly.length === 0) return { stdout: out };
  const docs = splitManifests(out, req.helmMajor ?? 4);
  let shown = '';
  for (const raw of showOnly) {
    const f = raw.replace(/\\/g, '/');
    let found = false;
    for (const doc of docs) {
      const m = /# Source: [^/]+\/(.+)/.exec(doc);
      if (!m) continue;
      let matched = false;
      try {
        matched = pathMatch(f, m[1]!);
      } catch {
        matched = false;
      }
      if (!matched) continue;
      shown += `---\n${doc}\n`;
      found = true;
    }
    if (!found) return failResult(`could not find template ${f} in chart`);
  }
  return { stdout: shown };
}
