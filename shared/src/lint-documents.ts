import type { Config } from './config';
import { DEFAULT_CONFIG } from './config';
import { checkInput, fileRules, lintText, notCheckedResults, readingResults, runFileRules, sortResults, toResult, workspaceFacts, type FileReport, type LintOptions, type WorkspaceFacts } from './lint';
import { detectKind } from './parse/kind';
import { parseYaml, splitDocuments, type YamlFile } from './parse/yaml';
import { PrunedCache } from './pruned-cache';
import { suppressionIndex, suppressionsOf } from './suppress';
import { eol, lineIndex, type LineIndex } from './text';
import type { FileRule, Fix, ParsedFile, Range, RawFinding, Result, Rule, RuleContext, TextEdit } from './types';

/**
 * Per-document lint of Kubernetes manifests for the editor. Each document chunk (splitDocuments)
 * is linted on its own and its results are cached by the chunk's text, with ranges relative to
 * the chunk; an unchanged chunk that moved reuses them shifted by its new start line (a chunk
 * starts at a line start, so only lines shift). What is file-wide stays file-wide and is done per
 * lint over the whole text: suppressions (applied after the cache), parse errors (from the whole
 * file, when a chunk has any), limit notes, and the rules marked `crossDocument`. The results equal {@link lintText}'s, except that
 * a rule that throws loses only the findings of the documents it threw on.
 */

/** A finding of the cache: its rule, its result and what suppressions look at (range, object range, annotations). */
interface Entry {
  readonly rule: FileRule<YamlFile>;
  readonly result: Result;
  readonly finding: RawFinding;
}

/** The lint of one chunk, ranges relative to the chunk's first line. */
interface ChunkLint {
  readonly entries: readonly Entry[];
  /** Whether the chunk has YAML syntax errors (reported from the whole file: yaml may place them past the chunk's end). */
  readonly hasErrors: boolean;
  /** Internal errors of rules that threw on this chunk, by rule id. */
  readonly crashes: readonly { readonly ruleId: string; readonly result: Result }[];
  /** Line breaks in the chunk: the next chunk starts that many lines further down. */
  readonly lineBreaks: number;
  /** The entries shifted to the line the chunk started at last time. */
  shifted?: { readonly line: number; readonly entries: readonly Entry[] };
}

/**
 * The per-chunk results of one open document, kept by the caller across edits. Each lint drops
 * the chunks the text no longer has, so the cache never outgrows the document.
 */
export class DocumentLintCache {
  private readonly chunks = new PrunedCache<ChunkLint>();
  private scope: { uri: string; config: Config; rules: readonly Rule[] | undefined } | undefined;

  /** Starts a lint: a different file, configuration or rule list empties the cache. */
  begin(uri: string, config: Config, rules: readonly Rule[] | undefined): void {
    const s = this.scope;
    if (!s || s.uri !== uri || s.config !== config || s.rules !== rules) {
      this.clear();
      this.scope = { uri, config, rules };
    }
  }
  /** The cached lint of a chunk text, marking it as used. */
  get(text: string): ChunkLint | undefined {
    return this.chunks.get(text);
  }
  set(text: string, lint: ChunkLint): ChunkLint {
    this.chunks.set(text, lint);
    return lint;
  }
  /** Deletes every chunk the last lint did not use. */
  prune(): void {
    this.chunks.prune();
  }
  clear(): void {
    this.chunks.clear();
    this.scope = undefined;
  }
  /** Number of cached chunks. */
  get size(): number {
    return this.chunks.size;
  }
}

/** Options of {@link lintDocuments}: those of lintText and the document's cache. */
export interface LintDocumentsOptions extends LintOptions {
  readonly cache: DocumentLintCache;
}

/** Lints a file like lintText; Kubernetes manifests document by document, reusing unchanged documents' results. */
export function lintDocuments(uri: string, text: string, options: LintDocumentsOptions): FileReport {
  const config = options.config ?? DEFAULT_CONFIG;
  const kind = options.kind ?? detectKind(uri, text);
  const { cache } = options;
  // a template is recognised by the parse of the whole file (lintText)
  if (kind !== 'kubernetes' || text.includes('{{')) {
    cache.clear();
    return lintText(uri, text, options);
  }
  const input = checkInput(uri, text, kind, config, options.inChart);
  if ('skipped' in input) {
    cache.clear();
    return input.skipped;
  }
  const body = input.text;
  const chunks = splitDocuments(body).map((c) => body.slice(c.start, c.end));
  if (!sameLineBreaks(body, chunks)) {
    // A fix inserts lines with the file's line break (its first one), which a lone document cannot know.
    cache.clear();
    return lintText(uri, text, options);
  }
  cache.begin(uri, config, options.rules);
  const rules = fileRules(kind, options, config);
  const local = rules.filter((r) => !r.crossDocument);
  const crossDocument = local.length < rules.length; // then the whole file is parsed below, from the chunk cache
  const context: RuleContext = { trustedRegistries: config.trustedRegistries };
  const parseOptions = options.yamlCache ? { cache: options.yamlCache } : {};
  let whole: YamlFile | undefined;
  const wholeFile = (): YamlFile => (whole ??= parseYaml(uri, body, kind, parseOptions));

  const entries: Entry[] = [];
  let hasErrors = false;
  const crashes = new Map<string, Result>();
  let line = 0;
  for (const chunk of chunks) {
    if (!crossDocument) options.yamlCache?.get(chunk); // keeps the parsed chunk for a later whole-file parse (workspace rules)
    const lint = cache.get(chunk) ?? cache.set(chunk, lintChunk(uri, chunk, local, context, config, options));
    for (const e of shifted(lint, line).entries) entries.push(e);
    hasErrors ||= lint.hasErrors;
    for (const c of lint.crashes) if (!crashes.has(c.ruleId)) crashes.set(c.ruleId, c.result);
    line += lint.lineBreaks;
  }
  cache.prune();
  if (crossDocument) {
    const cross = rules.filter((r) => r.crossDocument);
    runFileRules(cross, wholeFile(), context, uri, config, options.log, (rule, f) => entries.push(entryOf(rule, toResult(rule, f, uri, config), f.annotations)), (rule, failure) => crashes.set(rule.id, failure));
  }

  const index = suppressionIndex(whole?.lines ?? lazyLines(body), kind);
  const suppressions = suppressionsOf(index);
  const results: Result[] = [];
  for (const e of entries) {
    if (!suppressions.isSuppressed(e.rule, e.finding)) results.push(e.result);
  }
  for (const rule of rules) {
    const crash = crashes.get(rule.id);
    if (crash) results.push(crash);
  }
  if (hasErrors) for (const r of readingResults(wholeFile(), config)) results.push(r);
  for (const r of notCheckedResults(uri, input.notes, config)) results.push(r);
  // The whole parse and the workspace rules' facts only when asked (a workspace scan is open).
  let facts: { value: WorkspaceFacts | undefined } | undefined;
  return {
    uri,
    kind,
    results: sortResults(results),
    notes: input.notes,
    get parsed(): ParsedFile {
      return wholeFile();
    },
    get workspace(): WorkspaceFacts | undefined {
      facts ??= { value: workspaceFacts(wholeFile(), { ...options, config }, index) };
      return facts.value;
    },
  };
}

/** A line index built on first use: suppressionIndex reads only the text of a file without suppression comments. */
function lazyLines(text: string): LineIndex {
  let built: LineIndex | undefined;
  const lines = (): LineIndex => (built ??= lineIndex(text));
  return {
    text,
    positionAt: (offset) => lines().positionAt(offset),
    offsetAt: (position) => lines().offsetAt(position),
    rangeOf: (start, end) => lines().rangeOf(start, end),
    lineText: (line) => lines().lineText(line),
    get lineCount() {
      return lines().lineCount;
    },
  };
}

/** True when every chunk's first line break is the file's: then a fix built on a chunk alone is the same. */
function sameLineBreaks(body: string, chunks: readonly string[]): boolean {
  if (!body.includes('\r')) return true;
  const style = eol(body);
  return chunks.every((c) => eol(c) === style);
}

/** Lints one chunk as a file of its own: ranges relative to the chunk. */
function lintChunk(uri: string, chunk: string, rules: readonly FileRule<YamlFile>[], context: RuleContext, config: Config, options: LintOptions): ChunkLint {
  const file = parseYaml(uri, chunk, 'kubernetes', options.yamlCache ? { cache: options.yamlCache } : {});
  const entries: Entry[] = [];
  const crashes: { ruleId: string; result: Result }[] = [];
  runFileRules(rules, file, context, uri, config, options.log, (rule, f) => entries.push(entryOf(rule, toResult(rule, f, uri, config), f.annotations)), (rule, failure) => crashes.push({ ruleId: rule.id, result: failure }));
  // In position order (stable: equal positions keep the rules' order), so that the file's results
  // are already nearly sorted when the chunks are put together.
  const byResult = new Map(entries.map((e) => [e.result, e]));
  const sorted = sortResults(entries.map((e) => e.result)).map((r) => byResult.get(r)!);
  return { entries: sorted, hasErrors: file.documents.some((d) => d.errors.length > 0 || d.duplicates.length > 0 || d.truncated), crashes, lineBreaks: file.lines.lineCount - 1 };
}

/** A chunk's entries moved to start at `line` (memoised: a chunk usually stays where it was). */
function shifted(lint: ChunkLint, line: number): NonNullable<ChunkLint['shifted']> {
  if (line === 0) return { line, entries: lint.entries };
  if (lint.shifted?.line === line) return lint.shifted;
  const entries = lint.entries.map((e) => entryOf(e.rule, shiftResult(e.result, line), e.finding.annotations));
  return (lint.shifted = { line, entries });
}

function entryOf(rule: FileRule<YamlFile>, result: Result, annotations: RawFinding['annotations']): Entry {
  const finding: RawFinding = { range: result.range, ...(result.objectRange ? { objectRange: result.objectRange } : {}), ...(annotations ? { annotations } : {}) };
  return { rule, result, finding };
}

function shiftRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

function shiftFix(fix: Fix, lines: number): Fix {
  const shift = (edits: readonly TextEdit[]): TextEdit[] => edits.map((e) => ({ range: shiftRange(e.range, lines), newText: e.newText }));
  return { title: fix.title, edits: shift(fix.edits), ...(fix.snippets ? { snippets: shift(fix.snippets) } : {}) };
}

function shiftResult(r: Result, lines: number): Result {
  return {
    ...r,
    range: shiftRange(r.range, lines),
    ...(r.fix ? { fix: shiftFix(r.fix, lines) } : {}),
    ...(r.objectRange ? { objectRange: shiftRange(r.objectRange, lines) } : {}),
  };
}
