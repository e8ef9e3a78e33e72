/**
 * Lints a Helm chart: renders it with a source map, runs the Kubernetes rules over each rendered
 * template and reports every finding where it is caused: on the values line that set the offending
 * value (values.yaml or a -f file), else on the template line that wrote it. A chart that does not
 * render is one `helm/render-error` finding on its template line; a library chart renders nothing.
 */
import type { Config } from '../config';
import { DEFAULT_CONFIG } from '../config';
import { RENDER_ERROR } from '../engine-rules';
import type { FileTree } from '../file-tree';
import { lintText, sortResults, toResult } from '../lint';
import type { Range, RelatedPlace, Result } from '../types';
import { causeAt, type OutputCause } from './source-origin';
import { renderChart, type TemplateRequest } from './template-command';
import type { FuncMap, OutputSegment } from './template/index';
import type { ValuesProvenance } from './values-source';

/** How a chart is rendered for linting (`helm template`'s options) and where its findings go. */
export interface ChartLintOptions extends Pick<TemplateRequest, 'valuesFiles' | 'set' | 'setString' | 'setJson' | 'releaseName' | 'namespace' | 'kubeVersion' | 'apiVersions' | 'chart' | 'onlyTemplates'> {
  /** Sprig's functions. */
  readonly sprig: FuncMap;
  readonly config?: Config;
  /** The URI of a path of the tree (default: the path itself). */
  readonly uriOf?: (path: string) => string;
  readonly log?: (message: string) => void;
  /**
   * The rule results of each rendered template (by its name) with the text they were found in:
   * a template that renders to the same text again is not linted again (the editor renders a
   * chart on every edit, and most templates come out as before). Kept for one configuration.
   */
  readonly lintCache?: Map<string, { readonly output: string; readonly results: readonly Result[] }>;
}

/** The findings of one chart, each in a file of the chart (or a -f file). */
export interface ChartLint {
  readonly results: Result[];
  /** The tree paths of the templates that rendered and were linted. */
  readonly linted: string[];
  /** True for a library chart (nothing to render). */
  readonly library: boolean;
  /** The located findings of each rendered template, by its name (`results` holds them once each). */
  readonly byTemplate?: ReadonlyMap<string, readonly Result[]>;
}

const join = (dir: string, path: string): string => (dir === '' ? path : `${dir}/${path}`);

/** The tree path of a rendered template's name (`name/templates/x.yaml`, `name/charts/sub/templates/y.yaml`). */
export function templatePath(chartDir: string, name: string): string {
  const slash = name.indexOf('/');
  return join(chartDir, slash < 0 ? name : name.slice(slash + 1));
}

/** The offset of a 0-based line and character in a text. */
function offsetOf(text: string, line: number, character: number): number {
  let at = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return Math.min(text.length, at + character);
}

/** The range to report a cause at: the values key, or the template place (as long as the rendered range when it is one line). */
function causeRange(cause: OutputCause, rendered: Range): Range {
  if (cause.value) {
    const key = cause.value.path[cause.value.path.length - 1] ?? '';
    const start = { line: cause.value.line - 1, character: cause.value.column - 1 };
    return { start, end: { line: start.line, character: start.character + Math.max(1, key.length) } };
  }
  const start = { line: cause.template.line - 1, character: cause.template.column - 1 };
  const width = rendered.start.line === rendered.end.line ? Math.max(1, rendered.end.character - rendered.start.character) : 1;
  return { start, end: { line: start.line, character: start.character + width } };
}

/**
 * The offset to trace a finding's range from: its start, or, when the range holds printed values
 * (`image: "{{ .repository }}:{{ .tag }}"`), the start of the last of them (the tag, the digest).
 */
function valueOffset(segments: readonly OutputSegment[], start: number, end: number): number {
  let at = start;
  for (const s of segments) {
    if (s.start >= end) break;
    if (s.end > start && s.origin.kind === 'action' && s.origin.value !== undefined) at = Math.max(start, s.start);
  }
  return at;
}

const SECURITY_CONTEXT = /securitycontext$/i;
/** The values key under which each rule's missing setting goes (rules that report a missing setting only). */
const BLOCK_KEYS: Readonly<Record<string, RegExp>> = {
  'k8s/allow-privilege-escalation': SECURITY_CONTEXT,
  'k8s/read-only-root-filesystem': SECURITY_CONTEXT,
  'k8s/capabilities-restricted': SECURITY_CONTEXT,
  'k8s/run-as-non-root': SECURITY_CONTEXT,
  'k8s/seccomp-restricted': SECURITY_CONTEXT,
  'k8s/seccomp-baseline': SECURITY_CONTEXT,
  'k8s/resources': /^resources$/i,
};

/**
 * The values node that feeds the block a missing setting belongs in: the first block printed from
 * values (`toYaml .Values.securityContext | nindent 12`) after the finding's place and within its
 * object, whose key names that block.
 */
function feedingBlock(ruleId: string, output: string, segments: readonly OutputSegment[], values: ValuesProvenance, from: number, to: number, uriOf: (p: string) => string): RelatedPlace | undefined {
  const pattern = BLOCK_KEYS[ruleId];
  if (!pattern) return undefined;
  for (const s of segments) {
    if (s.start >= to) break;
    if (s.start < from || s.origin.kind !== 'action' || s.origin.value === undefined || !output.slice(s.start, s.end).includes('\n')) continue;
    const path = values.pathOf(s.origin.value);
    if (!path || !pattern.test(path[path.length - 1] ?? '')) continue;
    const at = values.locate(path);
    if (!at) continue;
    const name = path.join('.');
    const start = { line: at.line - 1, character: at.column - 1 };
    return {
      uri: uriOf(at.file),
      range: { start, end: { line: start.line, character: start.character + (path[path.length - 1] ?? '').length } },
      message: { en: `the setting belongs in the values key ${name}, which feeds this block`, de: `die Einstellung gehört in den Werteschlüssel ${name}, der diesen Block füllt` },
    };
  }
  return undefined;
}

/** Moves one finding of a rendered template to its cause; undefined when the place has no origin. */
function relocate(r: Result, output: string, segments: readonly OutputSegment[], values: ValuesProvenance, chartDir: string, uriOf: (p: string) => string): Result | undefined {
  const start = offsetOf(output, r.range.start.line, r.range.start.character);
  const cause = causeAt(output, segments, values, valueOffset(segments, start, offsetOf(output, r.range.end.line, r.range.end.character)));
  if (!cause) return undefined;
  const file = cause.value ? cause.value.file : templatePath(chartDir, cause.template.file);
  // the object range and the fix belong to the rendered text, which no one edits
  const { objectRange, fix: _f, ...rest } = r;
  const moved = { ...rest, uri: uriOf(file), range: causeRange(cause, r.range) };
  if (cause.value) return moved;
  const end = objectRange ? offsetOf(output, objectRange.end.line, objectRange.end.character) : output.length;
  const related = feedingBlock(r.ruleId, output, segments, values, start, end, uriOf);
  return related ? { ...moved, related: [related] } : moved;
}

const key = (r: Result): string => `${r.ruleId}\0${r.uri}\0${r.range.start.line}:${r.range.start.character}\0${r.message.en}`;

/** Renders the chart at `chartDir` of `tree` and lints its manifests (see the module comment). Never throws on chart content. */
export function lintChart(tree: FileTree, chartDir: string, options: ChartLintOptions): ChartLint {
  const config = options.config ?? DEFAULT_CONFIG;
  const uriOf = options.uriOf ?? ((p: string): string => p);
  const { sprig, config: _c, uriOf: _u, log: _l, lintCache, ...values } = options;
  let rendered;
  try {
    rendered = renderChart({ tree, chartPath: chartDir, sprig, ...values, sourceMap: true });
  } catch (e) {
    options.log?.(`rendering ${chartDir || '.'} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    rendered = { failure: { stdout: '', error: `internal error: ${e instanceof Error ? e.message : String(e)}` } };
  }
  if ('failure' in rendered) {
    const f = rendered.failure;
    if (/^library charts are not installable/.test(f.error ?? '')) return { results: [], linted: [], library: true };
    if (config.rules[RENDER_ERROR.id] === 'off') return { results: [], linted: [], library: false };
    const at = f.location;
    const file = at ? templatePath(chartDir, at.template) : join(chartDir, 'Chart.yaml');
    const line = Math.max(0, (at?.line ?? 1) - 1);
    const character = Math.max(0, (at?.column ?? 1) - 1);
    const detail = (f.error ?? '').replace(/\n\nUse --debug flag to render out invalid YAML$/, '');
    const result = toResult(RENDER_ERROR, { range: { start: { line, character }, end: { line, character: character + 1 } }, args: { detail } }, uriOf(file), config);
    return { results: [result], linted: [], library: false };
  }
  const { files, sourceMap } = rendered;
  const byTemplate = new Map<string, Result[]>();
  const linted: string[] = [];
  for (const [name, output] of files) {
    if (!/\.ya?ml$/i.test(name) || output.trim() === '') continue;
    const segments = sourceMap!.segments.get(name);
    if (!segments) continue;
    const path = templatePath(chartDir, name);
    linted.push(path);
    const hit = lintCache?.get(name);
    const found = hit && hit.output === output ? hit.results : lintText(uriOf(path), output, { config, kind: 'kubernetes', ...(options.log ? { log: options.log } : {}) }).results;
    lintCache?.set(name, { output, results: found });
    byTemplate.set(name, found.map((r) => relocate(r, output, segments, sourceMap!.values, chartDir, uriOf) ?? r));
  }
  return { results: chartResults(byTemplate.values()), linted, library: false, byTemplate };
}

/** The findings of a chart's templates, once each (templates that include the same block report it at the same place), sorted. */
export function chartResults(byTemplate: Iterable<readonly Result[]>): Result[] {
  const results = new Map<string, Result>();
  for (const list of byTemplate) for (const r of list) if (!results.has(key(r))) results.set(key(r), r);
  return sortResults([...results.values()]);
}
