import type { Config } from './config';
import { DEFAULT_CONFIG } from './config';
import { parseDockerfile } from './parse/dockerfile';
import { checkLimits } from './limits';
import { detectKind, failsAtTemplate } from './parse/kind';
import { parseYaml, type ParsedChunk } from './parse/yaml';
import { MAX_COPIED_NODES } from './parse/yaml-reading';
import { suppressionIndex, suppressionsOf, type SuppressionIndex, type Suppressions } from './suppress';
import { format } from './text';
import type { FileFacts, FileKind, FileRule, Localized, ParsedFile, RawFinding, Result, Rule, RuleContext, RuleMeta, Severity, WorkspaceRule, YamlFile } from './types';
import { DUPLICATE_KEY, ENGINE_RULES, INTERNAL_ERROR, NOT_CHECKED, PARSE_ERROR } from './engine-rules';
import { RULES } from './rules';
import { append } from './append';

/** Why a file was not (fully) checked. */
export interface Note {
  readonly code: 'templated' | 'too-large' | 'too-many-documents' | 'too-deep' | 'too-complex' | 'binary' | 'invalid-utf8' | 'unreadable' | 'not-checked';
  readonly message: Localized;
}

/** The outcome of linting one file. */
export interface FileReport {
  readonly uri: string;
  readonly kind: FileKind | undefined;
  readonly results: readonly Result[];
  readonly notes: readonly Note[];
  /** The parsed file; undefined when it was skipped. Scans drop it and keep only `workspace`. */
  readonly parsed?: ParsedFile;
  /** What the enabled workspace rules read of this file; undefined when they read nothing of it. */
  readonly workspace?: WorkspaceFacts;
}

/**
 * A report without its parse, as scans, workers and the server keep it (`workspace` holds what the
 * workspace rules need). Reports are built as one of two literals, here and in lintText, not by
 * spreading, so that every report has one of two shapes and reads of them stay monomorphic.
 */
export function withoutParsed(report: FileReport): FileReport {
  if (report.parsed === undefined) return report;
  const { uri, kind, results, notes, workspace } = report;
  return workspace === undefined ? { uri, kind, results, notes } : { uri, kind, results, notes, workspace };
}

/** What the workspace rules read of one file: plain data, kept per file instead of its parse. */
export interface WorkspaceFacts {
  readonly uri: string;
  readonly kind: FileKind;
  /** What each workspace rule collected (WorkspaceRule.collect), by rule id; rules with nothing for this file are absent. */
  readonly facts: Readonly<Record<string, unknown>>;
  /** The file's suppression comments, when it has any (workspace findings in this file honour them). */
  readonly suppressions?: SuppressionIndex;
  /** Internal errors of workspace rules that threw while collecting. */
  readonly errors?: readonly Result[];
}

/** Options of a lint run. */
export interface LintOptions {
  readonly config?: Config;
  /** The rules to run (defaults to the whole catalogue). */
  readonly rules?: readonly Rule[];
  /** Whether a `.dockerignore` sits beside a Dockerfile, or a function that finds out when a rule asks (DockerfileContext). */
  readonly hasDockerignore?: boolean | (() => boolean);
  /** Overrides kind detection (the editor knows the language id). */
  readonly kind?: FileKind;
  /** Cache of parsed YAML chunks by text, kept by the caller across edits. */
  readonly yamlCache?: Map<string, ParsedChunk>;
  /** Receives internal errors (rule crashes) for logging. */
  readonly log?: (message: string) => void;
  /**
   * The kinds of files the scan this file belongs to can hold (parse/kind.ts possibleKinds): a
   * workspace rule whose findings go into a kind not among them collects nothing. Default: all.
   */
  readonly scanKinds?: ReadonlySet<FileKind>;
  /**
   * The file lies in a folder tree with a `Chart.yaml`: a Helm chart, whose files are templates
   * until rendered. Such YAML files are skipped with a `templated` note (the host looks, see
   * workspace/source.ts inChartTree).
   */
  readonly inChart?: boolean;
}

/** Whether a rule runs under a configuration: enabled and at the configured level. */
export function isEnabled(rule: RuleMeta, config: Config): boolean {
  const setting = config.rules[rule.id];
  if (setting === 'off') return false;
  if (setting !== undefined) return true; // an explicit severity enables a rule at any level
  return rule.levels.includes(config.level);
}

/** The effective severity of a rule. */
export function severityOf(rule: RuleMeta, config: Config): Severity {
  const setting = config.rules[rule.id];
  return setting && setting !== 'off' ? setting : rule.severity;
}

const note = (code: Note['code'], en: string, de: string): Note => ({ code, message: { en, de } });

/** Parses a file of a known kind. Never throws. */
export function parseFile(uri: string, text: string, kind: FileKind, options: LintOptions = {}): ParsedFile {
  return kind === 'dockerfile'
    ? parseDockerfile(uri, text, options.hasDockerignore === undefined ? {} : { hasDockerignore: options.hasDockerignore })
    : parseYaml(uri, text, kind, options.yamlCache ? { cache: options.yamlCache } : {});
}

/** The whole rule catalogue. */
export function allRules(): readonly Rule[] {
  return RULES;
}

const DOCUMENTED: readonly RuleMeta[] = [...RULES, ...ENGINE_RULES];
/** Every rule a result can name: the catalogue and the engine's own (internal and parse errors), for docs, SARIF and listings. */
export function documentedRules(): readonly RuleMeta[] {
  return DOCUMENTED;
}

/**
 * The input checks before parsing: size, nesting and document-count limits (limits.ts), binary
 * content, files of a Helm chart. Either the report of a skipped file, or the text to check (the
 * whole file or a prefix) and the notes. (A template outside a chart is found by its parse: lintText.)
 */
export function checkInput(uri: string, text: string, kind: FileKind, config: Config, inChart = false): { skipped: FileReport } | { text: string; notes: readonly Note[] } {
  const limited = checkLimits(text, kind, config.maxFileBytes);
  if (limited.skip) return { skipped: { uri, kind, results: notCheckedResults(uri, [limited.note], config), notes: [limited.note] } };
  if (text.includes('\u0000')) {
    const binary = note('binary', 'skipped: binary content (NUL bytes)', 'übersprungen: binärer Inhalt (NUL-Bytes)');
    return { skipped: { uri, kind, results: notCheckedResults(uri, [binary], config), notes: [binary] } };
  }
  if (kind !== 'dockerfile' && inChart) return { skipped: templated(uri, kind) };
  return { text: limited.text, notes: limited.notes };
}

/** The report of a YAML file skipped as a Go/Helm template. */
function templated(uri: string, kind: FileKind): FileReport {
  return { uri, kind, results: [], notes: [note('templated', 'skipped: a Go/Helm template, not plain YAML; lint the rendered manifests (helm template …)', 'übersprungen: eine Go-/Helm-Vorlage, kein reines YAML; die gerenderten Manifeste prüfen (helm template …)')] };
}

/** The enabled file rules (not workspace rules) of a kind: of `options.rules`, else of the whole catalogue. */
export function fileRules(kind: 'compose' | 'kubernetes', options: LintOptions, config: Config): readonly FileRule<YamlFile>[];
export function fileRules(kind: FileKind, options: LintOptions, config: Config): readonly FileRule<ParsedFile>[];
export function fileRules(kind: FileKind, options: LintOptions, config: Config): readonly FileRule<ParsedFile>[] {
  return selection(options, config).file[kind];
}

/** The enabled rules of a rule list under a configuration, by kind; both are immutable, so a scan selects once, not per file. */
interface Selection {
  readonly file: Readonly<Record<FileKind, readonly FileRule<ParsedFile>[]>>;
  readonly workspace: readonly WorkspaceRule[];
}
const selections = new WeakMap<Config, WeakMap<readonly Rule[], Selection>>();

function selection(options: LintOptions, config: Config): Selection {
  const rules = options.rules ?? allRules();
  let byRules = selections.get(config);
  if (!byRules) selections.set(config, (byRules = new WeakMap()));
  let s = byRules.get(rules);
  if (!s) {
    const enabled = rules.filter((r) => isEnabled(r, config));
    const file = (kind: FileKind): FileRule<ParsedFile>[] => enabled.filter((r): r is FileRule<ParsedFile> => r.kind === kind && r.scope !== 'workspace');
    s = { file: { dockerfile: file('dockerfile'), compose: file('compose'), kubernetes: file('kubernetes'), pipeline: file('pipeline') }, workspace: enabled.filter((r): r is WorkspaceRule => r.scope === 'workspace') };
    byRules.set(rules, s);
  }
  return s;
}

/** Lints one file's text: detects the kind, parses, runs the file rules, applies config and suppressions. */
export function lintText(uri: string, text: string, options: LintOptions = {}): FileReport {
  const config = options.config ?? DEFAULT_CONFIG;
  // chunks parsed to recognise a manifest are parsed once: the lint reuses them
  const yamlCache = options.yamlCache ?? (options.kind === undefined ? new Map<string, ParsedChunk>() : undefined);
  const kind = options.kind ?? detectKind(uri, text, yamlCache);
  if (!kind) return { uri, kind, results: [], notes: [] };
  const limited = checkInput(uri, text, kind, config, options.inChart);
  if ('skipped' in limited) return limited.skipped;
  const parsed = parseFile(uri, limited.text, kind, yamlCache === options.yamlCache ? options : { ...options, yamlCache });
  if (parsed.kind !== 'dockerfile' && failsAtTemplate(parsed)) return templated(uri, kind);
  const rules = fileRules(kind, options, config);
  const context: RuleContext = { trustedRegistries: config.trustedRegistries };
  const index = suppressionIndex(parsed.lines, kind);
  const suppressions = suppressionsOf(index);
  const results: Result[] = [];
  runFileRules(rules, parsed, context, uri, config, options.log, (rule, f) => {
    if (!suppressions.isSuppressed(rule, f)) results.push(toResult(rule, f, uri, config));
  }, (_rule, failure) => results.push(failure));
  if (parsed.kind !== 'dockerfile') append(results, readingResults(parsed, config));
  append(results, notCheckedResults(uri, limited.notes, config));
  const workspace = workspaceFacts(parsed, options.config ? options : { ...options, config }, index);
  const sorted = sortResults(results);
  return workspace === undefined ? { uri, kind, results: sorted, notes: limited.notes, parsed } : { uri, kind, results: sorted, notes: limited.notes, parsed, workspace };
}

/**
 * Collects what the enabled workspace rules read of a parsed file (WorkspaceRule.collect), with its
 * suppression comments; undefined when they read nothing of it. A rule that throws yields an
 * internal error instead of facts. The facts hold no part of the file's text or parse.
 */
export function workspaceFacts(file: ParsedFile, options: LintOptions = {}, index: SuppressionIndex | undefined = suppressionIndex(file.lines, file.kind)): WorkspaceFacts | undefined {
  const config = options.config ?? DEFAULT_CONFIG;
  const context: RuleContext = { trustedRegistries: config.trustedRegistries };
  const facts: Record<string, unknown> = {};
  const errors: Result[] = [];
  for (const rule of enabledWorkspaceRules(options, config)) {
    if (!rule.fileKinds.includes(file.kind) || (options.scanKinds && !options.scanKinds.has(rule.kind))) continue;
    try {
      const collected = rule.collect(file, context);
      if (collected !== undefined) facts[rule.id] = collected;
    } catch (e) {
      options.log?.(`rule ${rule.id} failed on ${file.uri}: ${(e as Error).stack ?? String(e)}`);
      errors.push(internalError(rule, e, file.uri, config));
    }
  }
  if (Object.keys(facts).length === 0 && errors.length === 0) return undefined;
  // a copy: the strings a rule collects are mostly slices of the file's text, and each would keep
  // the whole text alive for as long as the facts are kept (a scan keeps them to its end)
  return structuredClone({ uri: file.uri, kind: file.kind, facts, ...(index ? { suppressions: index } : {}), ...(errors.length ? { errors } : {}) });
}

/** Runs the workspace rules over files parsed together; results carry each finding's own file. */
export function lintWorkspace(files: readonly ParsedFile[], options: LintOptions = {}): Result[] {
  return lintWorkspaceFacts(files.flatMap((f) => workspaceFacts(f, options) ?? []), options);
}

/** Runs the workspace rules over the facts of files checked together (in scan order); results carry each finding's own file. */
export function lintWorkspaceFacts(files: readonly WorkspaceFacts[], options: LintOptions = {}): Result[] {
  const config = options.config ?? DEFAULT_CONFIG;
  const results: Result[] = files.flatMap((f) => f.errors ?? []);
  const suppressions = suppressionLookup(files);
  for (const rule of enabledWorkspaceRules(options, config)) append(results, workspaceRuleResults(rule, files, options, suppressions));
  return sortResults(results);
}

/** The enabled workspace rules of a lint run, in catalogue order. */
export const enabledWorkspaceRules = (options: LintOptions, config: Config = options.config ?? DEFAULT_CONFIG): readonly WorkspaceRule[] => selection(options, config).workspace;

/** The suppressions of each file among `files` (by URI), read once per file when first asked. */
export function suppressionLookup(files: readonly WorkspaceFacts[]): (uri: string) => Suppressions {
  const byUri = new Map(files.map((f) => [f.uri, f]));
  const cache = new Map<string, Suppressions>();
  return (uri) => {
    let s = cache.get(uri);
    if (!s) cache.set(uri, (s = suppressionsOf(byUri.get(uri)?.suppressions)));
    return s;
  };
}

/**
 * One workspace rule over the facts of every file, in scan order: its findings that no suppression
 * where they land silences (the files' collect errors are not among them), or an internal error when
 * it throws. The language server runs again only the rules whose facts changed.
 */
export function workspaceRuleResults(rule: WorkspaceRule, files: readonly WorkspaceFacts[], options: LintOptions = {}, suppressionsFor: (uri: string) => Suppressions = suppressionLookup(files)): Result[] {
  const config = options.config ?? DEFAULT_CONFIG;
  const input: FileFacts[] = [];
  for (const f of files) if (f.facts[rule.id] !== undefined) input.push({ uri: f.uri, kind: f.kind, facts: f.facts[rule.id] });
  let findings: RawFinding[];
  try {
    findings = rule.check(input, { trustedRegistries: config.trustedRegistries });
  } catch (e) {
    options.log?.(`rule ${rule.id} failed: ${(e as Error).stack ?? String(e)}`);
    return [internalError(rule, e, files[0]?.uri ?? '', config)];
  }
  const results: Result[] = [];
  for (const f of findings) {
    const uri = f.uri ?? files[0]?.uri ?? '';
    if (suppressionsFor(uri).isSuppressed(rule, f)) continue;
    results.push(toResult(rule, f, uri, config));
  }
  return results;
}

/**
 * Runs file rules over one parsed file, in order, each isolated: `found` receives every finding
 * with its rule, `failed` the internal-error result of a rule that threw (logged). The one loop over
 * the rules, for lintText and for the editor's per-document lint (lint-documents.ts).
 */
export function runFileRules<F extends ParsedFile>(
  rules: readonly FileRule<F>[],
  file: F,
  context: RuleContext,
  uri: string,
  config: Config,
  log: ((m: string) => void) | undefined,
  found: (rule: FileRule<F>, finding: RawFinding) => void,
  failed: (rule: FileRule<F>, failure: Result) => void,
): void {
  // index loops: they run for every rule of every file, before V8 has optimised away what for…of
  // allocates per step; and findings one by one, not push(...): a rule may report 100,000 findings
  // on a generated file, more than a call's arguments can hold
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    let run: RawFinding[];
    try {
      run = rule.check(file, context);
    } catch (e) {
      failed(rule, ruleFailed(rule, e, uri, config, log));
      continue;
    }
    for (let k = 0; k < run.length; k++) found(rule, run[k]!);
  }
}

/** What a file rule that threw `e` gives: its internal-error result, logged. */
function ruleFailed(rule: RuleMeta, e: unknown, uri: string, config: Config, log?: (m: string) => void): Result {
  log?.(`rule ${rule.id} failed on ${uri}: ${(e as Error).stack ?? String(e)}`);
  return internalError(rule, e, uri, config);
}

/** The result reporting that a rule threw (at the file's start); logged by the caller. */
export function internalError(rule: RuleMeta, e: unknown, uri: string, config: Config): Result {
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
  return toResult(INTERNAL_ERROR, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, args: { rule: rule.id, detail } }, uri, config);
}

/** A rule's first message, the default when a finding names none. */
function firstMessage(rule: RuleMeta): Localized | undefined {
  for (const id in rule.messages) return rule.messages[id];
  return undefined;
}

/** Turns a raw finding into a result: severity from config, message formatted in both languages. */
export function toResult(rule: RuleMeta, f: RawFinding, uri: string, config: Config): Result {
  const template = (f.messageId !== undefined ? rule.messages[f.messageId] : undefined) ?? firstMessage(rule) ?? rule.title;
  const result: { -readonly [K in keyof Result]: Result[K] } = {
    ruleId: rule.id,
    uri: f.uri ?? uri,
    severity: severityOf(rule, config),
    range: f.range,
    message: { en: format(template.en, f.args), de: format(template.de, f.args) },
  };
  // assigned, not spread from a temporary object each: this runs for every finding of a scan
  if (f.messageId !== undefined) result.messageId = f.messageId;
  if (f.fix) result.fix = f.fix;
  if (f.data) result.data = f.data;
  if (f.objectRange) result.objectRange = f.objectRange;
  return result;
}

/** Most parse errors reported per file. */
const MAX_PARSE_ERRORS = 5;

/** Most duplicate-key findings reported per file. */
const MAX_DUPLICATE_KEYS = 20;

/**
 * What reading a YAML file found besides the rules: the first syntax errors (`bollwerk/parse-error`),
 * keys written twice (`bollwerk/duplicate-key`) and documents whose aliases expand past the limit
 * (`bollwerk/not-checked`); each none when its rule is off.
 */
export function readingResults(file: ParsedFile & { kind: 'compose' | 'kubernetes' | 'pipeline' }, config: Config): Result[] {
  const out: Result[] = [];
  if (config.rules[PARSE_ERROR.id] !== 'off') {
    const errors = file.documents.flatMap((d) => d.errors).slice(0, MAX_PARSE_ERRORS);
    for (const e of errors) out.push(toResult(PARSE_ERROR, { range: e.range, args: { detail: e.message } }, file.uri, config));
  }
  if (config.rules[DUPLICATE_KEY.id] !== 'off') {
    const duplicates = file.documents.flatMap((d) => d.duplicates).slice(0, MAX_DUPLICATE_KEYS);
    for (const d of duplicates) out.push(toResult(DUPLICATE_KEY, { range: d.range, args: { key: shortKey(d.key), line: d.first.start.line + 1 } }, file.uri, config));
  }
  const truncated = file.documents.find((d) => d.truncated);
  if (truncated) {
    const line = truncated.rangeOf(truncated.doc.contents).start.line + 1;
    out.push(...notCheckedResults(file.uri, [note('not-checked', `partly checked: the aliases of the document at line ${line} expand to more than ${MAX_COPIED_NODES} nodes; what lies beyond was not checked`, `teilweise geprüft: die Aliase des Dokuments in Zeile ${line} ergeben mehr als ${MAX_COPIED_NODES} Knoten; was darüber hinausgeht, wurde nicht geprüft`)], config));
  }
  return out;
}

/** A key as a message shows it: one line, at most 60 characters. */
const shortKey = (key: string): string => {
  const line = key.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
};

/** The codes of notes about a file that a limit kept from being checked, or checked only in part. */
export const NOT_CHECKED_CODES: ReadonlySet<Note['code']> = new Set(['too-large', 'too-many-documents', 'too-deep', 'binary', 'invalid-utf8', 'not-checked']);

/** The `bollwerk/not-checked` results of a file's notes (at its first character; none when the rule is off). */
export function notCheckedResults(uri: string, notes: readonly Note[], config: Config): Result[] {
  if (notes.length === 0 || config.rules[NOT_CHECKED.id] === 'off') return [];
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const template = NOT_CHECKED.messages['default']!;
  return notes
    .filter((n) => NOT_CHECKED_CODES.has(n.code))
    .map((n) => ({ ...toResult(NOT_CHECKED, { range: zero }, uri, config), message: { en: format(template.en, { detail: n.message.en }), de: format(template.de, { detail: n.message.de }) } }));
}

/** Orders results by position, then rule id, for stable output. */
export function sortResults(results: Result[]): Result[] {
  return results.sort(
    (a, b) =>
      (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

