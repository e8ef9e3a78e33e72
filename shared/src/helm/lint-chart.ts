/**
 * Lints a Helm chart: renders it with a source map, runs the Kubernetes rules over each rendered
 * template and reports every finding where it is caused: on the values line that set the offending
 * value (values.yaml or a -f file), else on the template line that wrote it. A chart that does not
 * render is one `helm/render-error` finding on its template line; a library chart renders nothing.
 */
import type { Config } from '../config';
import { DEFAULT_CONFIG } from '../config';
import { PARSE_ERROR, RENDER_ERROR } from '../engine-rules';
import type { FileTree } from '../file-tree';
import { lintText, sortResults, toResult } from '../lint';
import type { Fix, Range, RelatedPlace, Result } from '../types';
import { FixVerifier, translateFix, translatePin, type FileEdits, type FixContext, type FixTarget, type RenderedTemplate } from './chart-fix';
import { causeAt, type OutputCause, type TemplatePlace } from './source-origin';
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
   * Translate the rules' fixes to the chart's files (chart-fix.ts). Each is verified by rendering
   * the chart again, so it costs a render per distinct fix: on for `--fix`; a code action asks for
   * the findings under its cursor only (a predicate over the reported findings).
   */
  readonly fixes?: boolean | ((finding: Result) => boolean);
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

/**
 * The chart's own file that did not load (`cannot load values.yaml: … yaml: line 3: …`) and the line
 * the YAML error names (1 when it names none). A subchart's load errors start with `error
 * unpacking subchart` and stay on Chart.yaml.
 */
function loadFailure(tree: FileTree, chartDir: string, error: string): { file: string; line: number } | undefined {
  const m = /^cannot load (Chart\.yaml|values\.yaml|requirements\.yaml): (?:.*?\byaml: line (\d+):)?/.exec(error);
  if (m) return { file: m[1]!, line: m[2] ? Number(m[2]) : 1 };
  // `found in Chart.yaml, but missing in charts/ directory: a, b`: the line that names the first of them
  const missing = /found in (Chart\.yaml|requirements\.yaml), but missing in charts\/ directory: ([^,\s]+)/.exec(error);
  if (!missing) return undefined;
  const bytes = tree.readFile(join(chartDir, missing[1]!));
  const lines = bytes ? new TextDecoder().decode(bytes).split('\n') : [];
  const name = missing[2]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = lines.findIndex((l) => new RegExp(`^\\s*(?:-\\s+)?name:\\s*["']?${name}["']?\\s*(?:#.*)?\r?$`).test(l));
  return { file: missing[1]!, line: at + 1 || 1 };
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

/** The call of a named template or tpl in the executed template, as related information of a finding placed inside. */
function callPlace(via: TemplatePlace, chartDir: string, uriOf: (p: string) => string): RelatedPlace {
  const start = { line: via.line - 1, character: via.column - 1 };
  return {
    uri: uriOf(templatePath(chartDir, via.file)),
    range: { start, end: { line: start.line, character: start.character + 2 } },
    message: { en: `the object is rendered by ${via.file.slice(via.file.indexOf('/') + 1)}, which calls the shared template here`, de: `das Objekt rendert ${via.file.slice(via.file.indexOf('/') + 1)}, das die gemeinsame Vorlage hier aufruft` },
  };
}

/** Moves one finding of a rendered template to its cause; undefined when the place has no origin. */
function relocate(r: Result, output: string, segments: readonly OutputSegment[], values: ValuesProvenance, chartDir: string, uriOf: (p: string) => string): Result | undefined {
  const start = offsetOf(output, r.range.start.line, r.range.start.character);
  const found = causeAt(output, segments, values, valueOffset(segments, start, offsetOf(output, r.range.end.line, r.range.end.character)));
  if (!found) return undefined;
  // broken YAML is the template's layout (indentation, quoting), as helm reports it, never the value printed there
  const cause = r.ruleId === PARSE_ERROR.id ? { template: found.template } : found;
  const file = cause.value ? cause.value.file : templatePath(chartDir, cause.template.file);
  // the object range and the fix belong to the rendered text, which no one edits
  const { objectRange, fix: _f, ...rest } = r;
  const moved = { ...rest, uri: uriOf(file), range: causeRange(cause, r.range) };
  // a finding in a shared template (or the values it printed) names the call of the object's template
  const call = cause.via && (cause.value || cause.template.file !== cause.via.file) ? [callPlace(cause.via, chartDir, uriOf)] : [];
  if (cause.value) return call.length > 0 ? { ...moved, related: call } : moved;
  const end = objectRange ? offsetOf(output, objectRange.end.line, objectRange.end.character) : output.length;
  const feeding = feedingBlock(r.ruleId, output, segments, values, start, end, uriOf);
  const related = feeding ? [...call, feeding] : call;
  return related.length > 0 ? { ...moved, related } : moved;
}

/** The related places of `b` that `a` lacks added to `a` (one finding reached from several objects names each call). */
function mergeRelated(a: Result, b: Result): Result {
  const same = (x: RelatedPlace, y: RelatedPlace): boolean => x.uri === y.uri && x.range.start.line === y.range.start.line && x.range.start.character === y.range.start.character;
  const extra = (b.related ?? []).filter((x) => !(a.related ?? []).some((y) => same(x, y)));
  return extra.length === 0 ? a : { ...a, related: [...(a.related ?? []), ...extra] };
}

const key = (r: Result): string => `${r.ruleId}\0${r.uri}\0${r.range.start.line}:${r.range.start.character}\0${r.message.en}`;

/** Renders the chart at `chartDir` of `tree` and lints its manifests (see the module comment). Never throws on chart content. */
export function lintChart(tree: FileTree, chartDir: string, options: ChartLintOptions): ChartLint {
  const config = options.config ?? DEFAULT_CONFIG;
  const uriOf = options.uriOf ?? ((p: string): string => p);
  const { sprig, config: _c, uriOf: _u, log: _l, fixes: _x, lintCache, ...given } = options;
  // fixes are verified against the whole chart rendered again from its files: a render that
  // translates them executes every template and loads the chart itself
  const { onlyTemplates: _o, chart: _h, ...whole } = given;
  const values = options.fixes ? whole : given;
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
    const loading = at ? undefined : loadFailure(tree, chartDir, f.error ?? '');
    const file = at ? templatePath(chartDir, at.template) : join(chartDir, loading?.file ?? 'Chart.yaml');
    const line = Math.max(0, (at?.line ?? loading?.line ?? 1) - 1);
    const character = Math.max(0, (at?.column ?? 1) - 1);
    const detail = (f.error ?? '').replace(/\n\nUse --debug flag to render out invalid YAML$/, '');
    const result = toResult(RENDER_ERROR, { range: { start: { line, character }, end: { line, character: character + 1 } }, args: { detail } }, uriOf(file), config);
    return { results: [result], linted: [], library: false };
  }
  const { files, sourceMap } = rendered;
  const byTemplate = new Map<string, Result[]>();
  const linted: string[] = [];
  const found: { template: RenderedTemplate; result: Result; moved: Result }[] = [];
  for (const [name, output] of files) {
    if (!/\.ya?ml$/i.test(name) || output.trim() === '') continue;
    const segments = sourceMap!.segments.get(name);
    if (!segments) continue;
    const path = templatePath(chartDir, name);
    linted.push(path);
    const template = { name, output, segments };
    const hit = lintCache?.get(name);
    const raw = hit && hit.output === output ? hit.results : lintText(uriOf(path), output, { config, kind: 'kubernetes', ...(options.log ? { log: options.log } : {}) }).results;
    lintCache?.set(name, { output, results: raw });
    const located: Result[] = [];
    for (const r of raw) {
      // a rule's fix edits the rendered text: never the template's (chart-fix.ts translates it)
      const { fix: _rendered, ...unmoved } = r;
      const moved = relocate(r, output, segments, sourceMap!.values, chartDir, uriOf) ?? unmoved;
      found.push({ template, result: r, moved });
      located.push(moved);
    }
    byTemplate.set(name, located);
  }
  if (!options.fixes) return { results: chartResults(byTemplate.values()), linted, library: false, byTemplate };
  const results = new Map<string, Result>();
  const fixer = chartFixer({ tree, chartDir, request: { chartPath: chartDir, sprig, ...whole }, config, values: sourceMap!.values, pathOf: (n) => templatePath(chartDir, n), baseline: found.map((f) => ({ name: f.template.name, result: f.result })), outputs: files });
  const wanted = typeof options.fixes === 'function' ? options.fixes : (): boolean => true;
  const withFix = new Set<string>();
  // the rendered findings that land on one place (a define used by several objects): a fix must settle them all
  const groups = new Map<string, { name: string; result: Result }[]>();
  for (const f of found) {
    const k = key(f.moved);
    const group = groups.get(k);
    if (group) group.push({ name: f.template.name, result: f.result });
    else groups.set(k, [{ name: f.template.name, result: f.result }]);
  }
  for (const f of found) {
    const k = key(f.moved);
    const fixed = withFix.has(k) || !wanted(f.moved) ? undefined : fixer(f.template, f.result, groups.get(k)!);
    // of one finding reached from several templates, the first with a fix keeps it; each names its call
    const prior = results.get(k);
    if (prior && (!fixed || withFix.has(k))) {
      results.set(k, mergeRelated(prior, f.moved));
      continue;
    }
    if (fixed) withFix.add(k);
    const entry = prior ? mergeRelated(f.moved, prior) : f.moved;
    results.set(k, fixed ? withChartFix(entry, fixed, uriOf) : entry);
  }
  return { results: sortResults([...results.values()]), linted, library: false, byTemplate };
}

/** The findings of a chart's templates, once each (templates that include the same block report it at the same place), sorted. */
export function chartResults(byTemplate: Iterable<readonly Result[]>): Result[] {
  const results = new Map<string, Result>();
  for (const list of byTemplate) {
    for (const r of list) {
      // one place reached from several objects (a define they include) names each object's call
      const prior = results.get(key(r));
      results.set(key(r), prior ? mergeRelated(prior, r) : r);
    }
  }
  return sortResults([...results.values()]);
}

/** Where a chart finding's digest pin goes: `@sha256:…` inserted at `position` of `uri` (lintChart's `data.pin.insert`). */
export interface ChartPinSite {
  readonly uri: string;
  readonly position: Range['start'];
}

/** The edit pinning a chart finding's image: the digest of `pinned` (`name:tag@sha256:…`, as the registry answered) inserted at the site. */
export function chartPinEdit(site: ChartPinSite, pinned: string): { uri: string; edit: { range: Range; newText: string } } | undefined {
  const at = pinned.lastIndexOf('@');
  if (at < 0) return undefined;
  return { uri: site.uri, edit: { range: { start: site.position, end: site.position }, newText: pinned.slice(at) } };
}

/** A finding with its translated fix, or its pin site in `data.pin.insert`. */
function withChartFix(r: Result, fixed: { fix?: { title: Result['message']; edits: Fix['edits']; file: string }; pin?: FileEdits }, uriOf: (p: string) => string): Result {
  let out = r;
  if (fixed.fix) out = { ...out, fix: { title: fixed.fix.title, edits: fixed.fix.edits, ...(uriOf(fixed.fix.file) === r.uri ? {} : { uri: uriOf(fixed.fix.file) }) } };
  if (fixed.pin) {
    const insert: ChartPinSite = { uri: uriOf(fixed.pin.file), position: fixed.pin.edits[0]!.range.start };
    out = { ...out, data: { ...out.data, pin: { ...(out.data?.['pin'] as object), insert } } };
  }
  return out;
}

/** Translates rendered findings' fixes and digest pins (chart-fix.ts); the edits' file is a tree path or a -f file. */
function chartFixer(ctx: FixContext): (t: RenderedTemplate, r: Result, all: readonly FixTarget[]) => { fix?: { title: Result['message']; edits: Fix['edits']; file: string }; pin?: FileEdits } | undefined {
  const verifier = new FixVerifier(ctx);
  return (t, r, all) => {
    const edits = r.fix ? translateFix(ctx, verifier, t, r, all) : undefined;
    const pin = r.data?.['pin'] ? translatePin(ctx, verifier, t, r, all) : undefined;
    if (!edits && !pin) return undefined;
    return { ...(edits && r.fix ? { fix: { title: r.fix.title, edits: edits.edits, file: edits.file } } : {}), ...(pin ? { pin } : {}) };
  };
}

/** One value set of a chart: its name and its values (over the chart's values.yaml). */
export interface ChartValueSet {
  readonly name: string;
  readonly values: Pick<ChartLintOptions, 'valuesFiles' | 'set' | 'setString'>;
}

/**
 * Lints a chart with each of several value sets and reports each finding once: a finding of the
 * same rule, place and message in several sets is one, its message naming the value sets it
 * occurs in (also `data.valueSets`). With one set this is lintChart.
 */
export function lintChartValueSets(tree: FileTree, chartDir: string, sets: readonly ChartValueSet[], options: ChartLintOptions): ChartLint {
  const lints = sets.map((s) => {
    const { valuesFiles: _v, set: _s, setString: _t, ...shared } = options;
    return { name: s.name, lint: lintChart(tree, chartDir, { ...shared, ...s.values }) };
  });
  if (lints.length === 1) return lints[0]!.lint;
  const merged = new Map<string, { result: Result; names: string[] }>();
  for (const { name, lint } of lints) {
    for (const r of lint.results) {
      const k = key(r);
      const entry = merged.get(k);
      if (!entry) merged.set(k, { result: r, names: [name] });
      else {
        entry.names.push(name);
        // a fix (or pin site) verified in one set is kept when the first set had none
        if (!entry.result.fix && r.fix) entry.result = { ...entry.result, fix: r.fix };
      }
    }
  }
  const results = [...merged.values()].map(({ result, names }) => {
    const list = names.join(', ');
    return {
      ...result,
      message: { en: `${result.message.en} (value sets: ${list})`, de: `${result.message.de} (Wertesätze: ${list})` },
      data: { ...result.data, valueSets: names },
    };
  });
  return {
    results: sortResults(results),
    linted: [...new Set(lints.flatMap((l) => l.lint.linted))].sort(),
    library: lints.every((l) => l.lint.library),
  };
}
