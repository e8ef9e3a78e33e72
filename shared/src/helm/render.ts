// Port of Helm's pkg/engine/engine.go (Copyright The Helm Authors, Apache-2.0; see NOTICE-HELM.md):
// every template of a chart and its subcharts parsed into one set (deeper paths first, so a
// parent's defines win), each non-partial template executed with its chart's scope of values,
// `<no value>` removed, errors worded as Helm words them; include, tpl, required and fail bound
// to the set, with Helm's limit of 1000 nested includes of one name.
import { chartFullPath, chartName, type Chart } from './chart';
import { chartFiles } from './files';
import { helmFuncs } from './funcs';
import { hasKey, isMap, newMap, type GoMap } from './go-value';
import { deleteAll, FuncError, goFunc, isLimitError, SourceRecorder, TemplateError, TemplateSet, type FuncMap, type OutputSegment } from './template/index';
import type { Tree } from './template/parse';

/** A template of the render with its data. */
interface Renderable {
  readonly tpl: string;
  readonly vals: GoMap;
  readonly basePath: string;
}

/** A render that failed, with Helm's message. */
export class RenderError extends Error {
  constructor(
    message: string,
    /** The template file at fault, when known. */
    readonly template?: string,
    /** 1-based line in that file, when known. */
    readonly line?: number,
    /** 1-based column in that file, when known. */
    readonly column?: number,
  ) {
    super(message);
  }
}

const WARN_START = 'HELM_ERR_START';
const WARN_END = 'HELM_ERR_END';
const WARN = /HELM_ERR_START(.*)HELM_ERR_END/s;
const RECURSION_MAX = 1000;

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const warnWrap = (s: string): string => `${WARN_START}${s}${WARN_END}`;

/** The chart map of `.Chart`: Metadata with Go's field names (Helm v4's MetadataAsMap), plus IsRoot. */
function chartMap(c: Chart): GoMap {
  const md = c.metadata;
  const m = newMap();
  const deps = md.dependencies.map((d) => {
    const x = newMap();
    x['Name'] = d.name;
    x['Version'] = d.version;
    x['Repository'] = d.repository;
    x['Condition'] = d.condition;
    x['Tags'] = d.tags;
    x['Enabled'] = d.enabled;
    x['ImportValues'] = d.importValues;
    x['Alias'] = d.alias;
    return x;
  });
  const annotations = newMap();
  for (const [k, v] of Object.entries(md.annotations)) annotations[k] = v;
  Object.assign(m, {
    Name: md.name, Home: md.home, Sources: md.sources, Version: md.version, Description: md.description, Keywords: md.keywords,
    Maintainers: md.maintainers, Icon: md.icon, APIVersion: md.apiVersion, Condition: md.condition, Tags: md.tags,
    AppVersion: md.appVersion, Deprecated: md.deprecated, Annotations: annotations, KubeVersion: md.kubeVersion,
    Dependencies: deps, Type: md.type, IsRoot: c.parent === undefined,
  });
  return m;
}

function isTemplateValid(c: Chart, name: string): boolean {
  return c.metadata.type === 'library' ? base(name).startsWith('_') : true;
}

/** recAllTpls: every template with the data of its chart's scope. */
function recAllTpls(c: Chart, templates: Map<string, Renderable>, parent: GoMap): GoMap {
  const subcharts = newMap();
  const next = newMap();
  next['Chart'] = chartMap(c);
  next['Files'] = chartFiles(c.files) as unknown as GoMap;
  next['Release'] = parent['Release'] ?? null;
  next['Capabilities'] = parent['Capabilities'] ?? null;
  next['Values'] = newMap();
  next['Subcharts'] = subcharts;
  if (c.parent === undefined) next['Values'] = parent['Values'] ?? newMap();
  else {
    const pv = parent['Values'];
    const vs = isMap(pv) && hasKey(pv, chartName(c)) ? pv[chartName(c)] : undefined;
    if (isMap(vs)) next['Values'] = vs;
  }
  for (const child of c.dependencies) subcharts[chartName(child)] = recAllTpls(child, templates, next);
  const prefix = chartFullPath(c);
  for (const t of c.templates) {
    if (!isTemplateValid(c, t.name)) continue;
    templates.set(`${prefix}/${t.name}`, { tpl: templateText(t.data), vals: next, basePath: `${prefix}/templates` });
  }
  return next;
}

/** sortTemplates: deeper paths first, then by name descending (sort.Reverse of byPathLen). */
function sortTemplates(names: Iterable<string>): string[] {
  const slashes = (s: string): number => s.split('/').length - 1;
  return [...names].sort((a, b) => slashes(b) - slashes(a) || (a < b ? 1 : a > b ? -1 : 0));
}

/** True when a template text parses to an empty body: blanks, comments and defines only. */
function isBlankTemplate(text: string): boolean {
  let rest = text.replace(/\{\{-?\s*\/\*[\s\S]*?\*\/\s*-?\}\}/g, '');
  if (/\{\{-?\s*define\b/.test(rest)) rest = rest.replace(/\{\{-?\s*define\b[\s\S]*?\{\{-?\s*end\s*-?\}\}/g, '');
  return rest.trim() === '';
}

/** Options of one render. */
export interface EngineOptions {
  /** Sprig's functions (Helm adds its own on top). */
  readonly sprig: FuncMap;
  /** missingkey=error instead of zero. */
  readonly strict?: boolean;
  /** Helm 3 prints Go's execution errors as they are, Helm 4 as a trace of locations. */
  readonly helm?: 3 | 4;
  /** Which templates to execute (all are parsed, so that they can be included); default all. */
  readonly execute?: (filename: string) => boolean;
  /** Answers `lookup` (test harnesses with fake cluster objects); default: an empty map, as helm template. */
  readonly lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => GoMap;
  /** When given, filled with each rendered template's source map (its output segments with their origins). */
  readonly sourceMaps?: Map<string, OutputSegment[]>;
}

/** The `.Template` value and message location of a Go template error. */
function locationOf(e: TemplateError): { loc: string; file: string; line?: number; column?: number } {
  const m = /^template: ([^:]+):(\d+)(?::(\d+))?: /.exec(e.message);
  if (!m) return { loc: e.templateName, file: e.templateName };
  return { loc: `${m[1]}:${m[2]}${m[3] !== undefined ? `:${m[3]}` : ''}`, file: m[1]!, line: Number(m[2]), column: m[3] !== undefined ? Number(m[3]) + 1 : undefined };
}

/** cleanupParseError: `parse error at (file:line): message`. */
function parseError(filename: string, e: unknown): RenderError {
  if (!(e instanceof TemplateError)) return new RenderError(`parse error in (${filename}): ${String(e)}`, filename);
  const tokens = e.message.split(': ');
  if (tokens.length === 1) return new RenderError(`parse error in (${filename}): ${e.message}`, filename);
  const { file, line } = locationOf(e);
  return new RenderError(`parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`, file, line);
}

/** The first limit stop in an error's cause chain: nested includes and tpl calls each wrap it, and only it says what happened. */
function innermostLimit(e: unknown): unknown {
  let found: unknown = e;
  for (let x: unknown = e, i = 0; x instanceof Error && i < 10_000; x = x.cause, i++) if (x instanceof TemplateError && x.kind === 'limit') found = x;
  return found;
}

/** cleanupExecError (Helm 3) and reformatExecErrorMsg (Helm 4): required/fail as `execution error at (…)`, other errors as Go words them (3) or as a trace of locations (4). */
function execError(filename: string, e: unknown, helm: 3 | 4): RenderError {
  if (!(e instanceof TemplateError)) return new RenderError(e instanceof Error ? e.message : String(e), filename);
  const tokens = e.message.split(': ');
  if (tokens.length < 3) return new RenderError(`execution error in (${filename}): ${e.message}`, filename);
  const { file, line, column } = locationOf(e);
  if (isLimitError(e)) {
    // the chain of wrapped calls would repeat itself a thousand times: the place and the limit say it all
    const inner = innermostLimit(e);
    return new RenderError(`execution error at (${tokens[1]}): ${inner instanceof Error ? inner.message : String(inner)}`, file, line, column);
  }
  const rest = tokens.slice(2).join(': ');
  const warn = WARN.exec(rest);
  if (warn) return new RenderError(`execution error at (${tokens[1]}): ${warn[1]}`, file, line, column);
  if (helm === 3) return new RenderError(e.message, file, line, column);
  const frames = e.message.split(/: error calling (?=\S+: template: )/);
  const out: string[] = [];
  for (const frame of frames) {
    const m = /^(?:\S+: )?template: ([^:]+:\d+(?::\d+)?): (executing "[^"]*" at <.*?>): (.*)$/s.exec(frame);
    if (!m) {
      out.push(frame);
      continue;
    }
    out.push(`${m[1]}\n  ${m[2]}:\n    ${m[3]}`);
  }
  return new RenderError(out.join('\n'), file, line, column);
}

const MAX_PARSED_SETS = 4;

/** The parsed files of a chart's template sets, by the chart's render cache (which its copies share): see TemplateSet.parse. */
const parsedFiles = new WeakMap<Map<string, unknown>, Map<string, { readonly text: string; readonly trees: ReadonlyMap<string, Tree> }>>();

/**
 * A template file's text, decoded once per file content: renders of a chart after an edit of one
 * file (the editor's) get the same string for every other file, and with it the same set key.
 */
const decoded = new WeakMap<Uint8Array, string>();
function templateText(data: Uint8Array): string {
  let text = decoded.get(data);
  if (text === undefined) decoded.set(data, (text = new TextDecoder().decode(data)));
  return text;
}

/** A short id for each template text seen (the set key names texts by id, not by their whole content). */
const textIds = new Map<string, number>();
let nextTextId = 0;
let textChars = 0;
const MAX_TEXT_CHARS = 64 * 1024 * 1024;
function textId(text: string): number {
  let id = textIds.get(text);
  if (id === undefined) {
    // at most MAX_TEXT_CHARS of texts are kept; ids are never reused, so after a clear a text gets a new one and old set keys miss
    if (textChars + text.length > MAX_TEXT_CHARS) {
      textIds.clear();
      textChars = 0;
    }
    textIds.set(text, (id = nextTextId++));
    textChars += text.length;
  }
  return id;
}

/**
 * Every template parsed into one set, in Helm's order; the set is kept on the chart for the next
 * render of the same templates, which then only clones it. `funcs` only need the right names.
 */
function parsedSet(chart: Chart, keys: readonly string[], templates: ReadonlyMap<string, Renderable>, funcs: FuncMap, strict: boolean): TemplateSet {
  const key = `${strict ? 'strict' : 'zero'}\0${keys.map((k) => `${k}\0${textId(templates.get(k)!.tpl)}`).join('\0')}`;
  const hit = chart.renderCache.get(key);
  if (hit instanceof TemplateSet) return hit;
  const set = new TemplateSet(funcs, { missingKey: strict ? 'error' : 'zero' });
  // each file's trees, for the next set after an edit of one file (the editor renders on every keystroke)
  let files = parsedFiles.get(chart.renderCache);
  if (!files) parsedFiles.set(chart.renderCache, (files = new Map()));
  for (const filename of keys) {
    try {
      set.parse(filename, templates.get(filename)!.tpl, files);
    } catch (e) {
      throw parseError(filename, e);
    }
  }
  if (chart.renderCache.size >= MAX_PARSED_SETS) chart.renderCache.delete(chart.renderCache.keys().next().value!);
  chart.renderCache.set(key, set);
  return set;
}

/** Renders every template of a chart whose values are prepared (`top` holds Values, Release, Capabilities). */
export function renderTemplates(chart: Chart, top: GoMap, options: EngineOptions): Map<string, string> {
  const templates = new Map<string, Renderable>();
  recAllTpls(chart, templates, top);
  const includedNames = new Map<string, number>();
  const bind = (t: TemplateSet): FuncMap => ({
    include: goFunc(['string', 'any'], undefined, (name: string, data: unknown) => {
      const count = includedNames.get(name) ?? 0;
      if (count > RECURSION_MAX) throw new FuncError(`rendering template has a nested reference name: ${name}: unable to execute template`);
      includedNames.set(name, count + 1);
      try {
        return t.execute(name, data);
      } finally {
        includedNames.set(name, (includedNames.get(name) ?? 1) - 1);
      }
    }),
    tpl: goFunc(['string', 'map'], undefined, (text: string, vals: GoMap) => {
      const clone = t.clone();
      clone.addFuncs(bind(clone));
      const tv = vals['Template'];
      const name = isMap(tv) && typeof tv['Name'] === 'string' ? tv['Name'] : undefined;
      if (name === undefined) throw new FuncError(`cannot retrieve Template.Name from values inside tpl function: ${text}: no value for key "Name"`);
      try {
        clone.parse(name, text);
      } catch (e) {
        throw new FuncError(`cannot parse template ${JSON.stringify(text)}: ${e instanceof Error ? e.message : String(e)}`);
      }
      // Go runs the new, empty template; the set keeps the old one of that name, which must not run
      if (isBlankTemplate(text)) return '';
      try {
        return clone.execute(name, vals).replaceAll('<no value>', '');
      } catch (e) {
        if (isLimitError(e)) throw innermostLimit(e);
        // anything but a template error (the engine's stack-overflow signal) is the engine's to handle
        if (!(e instanceof TemplateError)) throw e;
        throw new FuncError(`error during tpl function execution for ${JSON.stringify(text)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  });
  const funcs: FuncMap = {
    ...options.sprig,
    ...helmFuncs(),
    required: goFunc(['string', 'any'], undefined, (warn: string, val: unknown) => {
      if (val === null || val === undefined || val === '') throw new FuncError(warnWrap(warn));
      return val;
    }),
    fail: goFunc(['string'], undefined, (msg: string) => {
      throw new FuncError(warnWrap(msg));
    }),
  };
  if (options.lookup) funcs['lookup'] = goFunc(['string', 'string', 'string', 'string'], undefined, options.lookup);
  delete funcs['env'];
  delete funcs['expandenv'];
  const keys = sortTemplates(templates.keys());
  const set = parsedSet(chart, keys, templates, { ...funcs, ...bind(new TemplateSet()) }, options.strict === true).clone();
  set.addFuncs(funcs);
  set.addFuncs(bind(set));
  const rendered = new Map<string, string>();
  for (const filename of keys) {
    if (base(filename).startsWith('_') || (options.execute && !options.execute(filename))) continue;
    const r = templates.get(filename)!;
    const tv = newMap();
    tv['Name'] = filename;
    tv['BasePath'] = r.basePath;
    r.vals['Template'] = tv;
    let out: string;
    const recorder = options.sourceMaps ? new SourceRecorder() : undefined;
    try {
      out = set.execute(filename, r.vals, recorder);
    } catch (e) {
      throw execError(filename, e, options.helm ?? 4);
    }
    if (recorder && options.sourceMaps) {
      const cleaned = deleteAll(out, recorder.segments, '<no value>');
      options.sourceMaps.set(filename, cleaned.segments);
      rendered.set(filename, cleaned.text);
    } else rendered.set(filename, out.replaceAll('<no value>', ''));
  }
  return rendered;
}
