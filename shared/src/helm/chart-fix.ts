/**
 * Fixes of a chart's findings, translated from the rendered manifest to the file that causes it.
 *
 * A Kubernetes rule's fix is a text edit of the rendered output, which no one edits. Its effect is
 * read as structural changes (a key set, an item appended) and each change goes where the changed
 * block comes from: the values file that printed it (`toYaml .Values.securityContext | nindent 12`),
 * edited with yaml-edit.ts so that comments, key order and indentation stay, or else the template's
 * own text. A translated fix is offered
 * only when rendering the chart again with it shows the finding gone, no new finding and the chart
 * still rendering; otherwise the finding has no fix.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Config } from '../config';
import { changesOf, deepest, flatten, pairOf, valueYaml, type Change, type Step } from '../fix-changes';
import type { FileTree } from '../file-tree';
import { lintText } from '../lint';
import { parseYaml } from '../parse/yaml';
import { applyEdits, lineIndex, rangesOverlap } from '../text';
import type { Result, TextEdit } from '../types';
import { appendToSeq, setIn } from '../yaml-edit';
import { blockPath } from './source-origin';
import { renderChart, type TemplateRequest } from './template-command';
import { segmentAt, type OutputSegment } from './template/index';
import type { ValuesProvenance } from './values-source';

/** Edits of one file: a tree path of the chart, or the name of a -f values file. */
export interface FileEdits {
  readonly file: string;
  readonly edits: readonly TextEdit[];
}

/** A rendered template with its source map, as the chart lint keeps it. */
export interface RenderedTemplate {
  /** The rendered template's name (`chart/templates/x.yaml`). */
  readonly name: string;
  readonly output: string;
  readonly segments: readonly OutputSegment[];
}

/** What a translation needs to know of the render. */
export interface FixContext {
  readonly tree: FileTree;
  readonly chartDir: string;
  /** The render request the findings came from (without tree and source map). */
  readonly request: Omit<TemplateRequest, 'tree' | 'sourceMap'>;
  readonly config: Config;
  readonly values: ValuesProvenance;
  /** The tree path of a rendered template's name. */
  readonly pathOf: (templateName: string) => string;
  /** Every rendered finding of the render, for comparing renders with a fix and without. */
  readonly baseline: readonly { readonly name: string; readonly result: Result }[];
  /** The rendered templates' texts: a template whose output a fix leaves unchanged keeps its findings unlinted. */
  readonly outputs?: ReadonlyMap<string, string>;
}

/** The values key path printed at output offset `at`: the values node of an action, the key under `at` within a printed block. */
function valuesPathAt(t: RenderedTemplate, values: ValuesProvenance, at: number): { path: readonly string[]; segment: OutputSegment } | undefined {
  const segment = segmentAt(t.segments, at);
  const o = segment?.origin;
  if (!segment || o?.kind !== 'action' || o.value === undefined) return undefined;
  const base = values.pathOf(o.value);
  if (base === undefined) return undefined;
  const text = t.output.slice(segment.start, segment.end);
  if (!text.includes('\n')) return { path: base, segment };
  const column = segment.start - (t.output.lastIndexOf('\n', segment.start - 1) + 1);
  return { path: [...base, ...blockPath(' '.repeat(column) + text, column + at - segment.start)], segment };
}

/** The values path of a rendered map or sequence that values printed whole or in part; undefined when template text holds it. */
function containerPath(t: RenderedTemplate, values: ValuesProvenance, node: Node): readonly string[] | undefined {
  if (!node.range) return undefined;
  if (isMap(node) && node.items.length > 0) {
    const key = node.items[0]!.key as Node | null;
    if (!isScalar(key) || !key.range) return undefined;
    const at = valuesPathAt(t, values, key.range[0]);
    // the key line's path ends with the key itself; the map is the path above it
    if (!at || at.path[at.path.length - 1] !== String(key.value)) return undefined;
    return at.path.slice(0, -1);
  }
  if (isSeq(node) && node.items.length > 0) {
    const item = node.items[0] as Node | null;
    if (!item?.range) return undefined;
    const at = valuesPathAt(t, values, item.range[0]);
    if (!at || at.path[at.path.length - 1] !== '0') return undefined;
    return at.path.slice(0, -1);
  }
  // an empty flow collection (`{}`, `[]`) printed by one action, alone or as a key's value in a printed block
  const at = valuesPathAt(t, values, node.range[0]);
  return at && at.segment.end >= node.range[1] ? at.path : undefined;
}

/** A values file parsed for editing, by file. */
type ValuesFiles = Map<string, ReturnType<typeof parseYaml> | null>;

function parsedValues(files: ValuesFiles, file: string, text: string): ReturnType<typeof parseYaml> | undefined {
  let p = files.get(file);
  if (p === undefined) {
    const parsed = parseYaml(file, text, 'kubernetes');
    p = parsed.documents.length === 1 && parsed.documents[0]!.errors.length === 0 ? parsed : null;
    files.set(file, p);
  }
  return p ?? undefined;
}

/** Follows a key path in a parsed values file. */
function valuesNode(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (isMap(node)) node = pairOf(node, key)?.value ?? undefined;
    else if (isSeq(node) && /^\d+$/.test(key)) node = node.items[Number(key)];
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** The edit of one change in the values file that sets the rendered container at `path`. */
function valuesEdit(ctx: FixContext, files: ValuesFiles, path: readonly string[], change: Change, rest: readonly Step[]): FileEdits | undefined {
  const source = ctx.values.sourceOf(path);
  if (!source) return undefined;
  const parsed = parsedValues(files, source.file, source.text);
  if (!parsed) return undefined;
  const doc = parsed.documents[0]!;
  const node = valuesNode(doc.doc.contents, source.path);
  if (change.op === 'append') {
    if (!isSeq(node) || rest.length > 0 || (change.value !== null && typeof change.value === 'object')) return undefined;
    const edits = appendToSeq(doc, parsed.lines, node, valueYaml(change.value));
    return edits ? { file: source.file, edits } : undefined;
  }
  if (rest.some((s) => typeof s !== 'string') || rest.length === 0) return undefined;
  const flat = flatten(rest as string[], change.value);
  if (isMap(node)) {
    const edits = setIn(doc, parsed.lines, node, flat.path, valueYaml(flat.value, node.flow === true));
    return edits ? { file: source.file, edits } : undefined;
  }
  // an empty key (`securityContext:`) is given the nested setting through its parent
  const parent = source.path.length === 0 ? undefined : valuesNode(doc.doc.contents, source.path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const edits = setIn(doc, parsed.lines, parent, [source.path[source.path.length - 1]!, ...flat.path], valueYaml(flat.value));
  return edits ? { file: source.file, edits } : undefined;
}

/** The values-file edits of a fix: each change goes into the values that printed the block it changes. */
function valuesCandidate(ctx: FixContext, t: RenderedTemplate, read: { changes: Change[]; roots: (Node | null)[] }): FileEdits | undefined {
  const files: ValuesFiles = new Map();
  let file: string | undefined;
  const edits: TextEdit[] = [];
  for (const change of read.changes) {
    const { node, depth } = deepest(read.roots[change.doc] ?? null, change.path);
    let out: FileEdits | undefined;
    if (change.op === 'set' && depth === change.path.length && node && isScalar(node) && node.range) {
      // a scalar replaced: it must be printed by values, whole
      const at = valuesPathAt(t, ctx.values, node.range[0]);
      if (!at || at.segment.end < node.range[1] || at.path.length === 0) return undefined;
      const last = change.path[change.path.length - 1];
      if (typeof last === 'string' && at.path[at.path.length - 1] !== last) return undefined;
      out = valuesEdit(ctx, files, at.path.slice(0, -1), change, [at.path[at.path.length - 1]!]);
    } else if (node && (isMap(node) || isSeq(node))) {
      const path = containerPath(t, ctx.values, node);
      if (!path) return undefined;
      out = valuesEdit(ctx, files, path, change, change.path.slice(depth));
    }
    if (!out || (file !== undefined && out.file !== file)) return undefined;
    file = out.file;
    for (const e of out.edits) {
      if (edits.some((c) => rangesOverlap(c.range, e.range))) return undefined;
      edits.push(e);
    }
  }
  return file === undefined ? undefined : { file, edits };
}

/** The number of spaces a line of `text` starts with (the line holding `at`). */
function lineIndent(text: string, at: number): number {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let i = start;
  while (text.charCodeAt(i) === 32) i++;
  return i - start;
}

/**
 * Inserted text written for the rendered indentation, in the indentation of a named template's own
 * text: the caller indented its output by `delta` (`include … | nindent 12`), so each new line
 * loses that many spaces (the first too when the insertion starts a line). Undefined when a line
 * has fewer.
 */
function unindent(newText: string, delta: number, startsLine: boolean): string | undefined {
  if (delta === 0) return newText;
  if (delta < 0) return undefined;
  const pad = ' '.repeat(delta);
  const lines = newText.split('\n');
  for (let i = startsLine ? 0 : 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    if (!line.startsWith(pad)) return undefined;
    lines[i] = line.slice(delta);
  }
  return lines.join('\n');
}

/** An action that opens a conditional body (`if`, `with`, `range`, `else`), then blanks to the end. */
const BODY_START = /\{\{-?\s*(?:if|with|range|else)\b(?:[^}]|\}(?!\}))*\}\}\s*$/;

/** Blanks, then the `end` of a define, then only blanks, comments or the next define. */
const DEFINE_END = /^\s*\{\{-?\s*end\s*-?\}\}\s*(?:$|\{\{-?\s*(?:define\b|\/\*))/;

/**
 * The place in a named template's text right after its output that ends at output offset `s`: after
 * its text, or after the closing delimiter of an action it ends with. Undefined when no output of a
 * named template ends there, when its action trims the blanks after it (`-}}`), or when the place is
 * not the end of the define's body (inside an `if` or `range`, where other values would drop it).
 */
function nestedEnd(t: RenderedTemplate, s: number): { seg: OutputSegment; at: number } | undefined {
  const before = s > 0 ? segmentAt(t.segments, s - 1) : undefined;
  if (!before || before.origin.via === undefined || before.end !== s) return undefined;
  const o = before.origin;
  let at: number;
  if (o.kind === 'text') at = o.offset + (s - before.start);
  else {
    const close = o.source.text.indexOf('}}', o.offset);
    if (close < 0 || o.source.text[close - 1] === '-') return undefined;
    at = close + 2;
  }
  return DEFINE_END.test(o.source.text.slice(at, at + 200)) ? { seg: before, at } : undefined;
}

/**
 * The template edits of a fix: the rendered edits placed at the template text that wrote the
 * output around them. Template text is written out verbatim, so inserted lines keep the rendered
 * indentation, also after a line that an action indented (`toYaml … | nindent 12`); text of a
 * named template (include, template) that its caller indented gets its own indentation back, so
 * the edit fixes every object that includes it. An insertion right after a named template's
 * output goes into it when `intoNested`, else into the text that follows. Undefined when an edit
 * touches output an action wrote.
 */
function templateCandidate(ctx: FixContext, t: RenderedTemplate, edits: readonly TextEdit[], intoNested = false): FileEdits | undefined {
  const rendered = lineIndex(t.output);
  let file: string | undefined;
  let sourceText: string | undefined;
  const spans: { start: number; end: number; newText: string }[] = [];
  for (const e of edits) {
    let s = rendered.offsetAt(e.range.start);
    let end = rendered.offsetAt(e.range.end);
    let newLines = e.newText;
    let nested = intoNested && end === s ? nestedEnd(t, s) : undefined;
    // lines inserted at the start of the line after a named template's output (its caller's line
    // break between) are the same lines added at the end of that output, before the line break
    if (intoNested && !nested && end === s && s > 1 && t.output[s - 1] === '\n' && newLines.endsWith('\n')) {
      nested = nestedEnd(t, s - 1);
      if (nested) {
        s -= 1;
        end = s;
        newLines = `\n${newLines.slice(0, -1)}`;
      }
    }
    // the template offset of the output at s: the text holding s, else the text ending just before it
    let seg = nested?.seg ?? segmentAt(t.segments, s);
    let at: number | undefined = nested?.at;
    if (nested === undefined) {
      if (seg?.origin.kind === 'text') at = seg.origin.offset + (s - seg.start);
      else {
        seg = s > 0 ? segmentAt(t.segments, s - 1) : undefined;
        if (seg?.origin.kind === 'text') at = seg.origin.offset + (s - seg.start);
      }
    }
    if (!seg || at === undefined) return undefined;
    if (end > s && (seg.origin.kind !== 'text' || end > seg.end || s < seg.start)) return undefined;
    const name = seg.origin.source.parseName;
    const text = seg.origin.source.text;
    if (file !== undefined && file !== name) return undefined;
    file = name;
    sourceText = text;
    let newText: string | undefined = newLines;
    if (seg.origin.via !== undefined) {
      // lines inserted at the very start of a conditional body in a define belong before it as much
      // as in it: in it, other values would drop them; refused
      if (end === s && BODY_START.test(text.slice(Math.max(0, at - 400), at))) return undefined;
      newText = unindent(newLines, lineIndent(t.output, s) - lineIndent(text, at), s === 0 || t.output[s - 1] === '\n');
      if (newText === undefined) return undefined;
    }
    spans.push({ start: at, end: at + (end - s), newText });
  }
  if (file === undefined || sourceText === undefined) return undefined;
  const lines = lineIndex(sourceText);
  return { file: ctx.pathOf(file), edits: spans.map((sp) => ({ range: lines.rangeOf(sp.start, sp.end), newText: sp.newText })) };
}

// A finding is counted by its rule and template, not by its message: a fix may change what another
// finding of the same object says (privileged: false turns "privileged, escalation allowed" into
// "escalation allowed") without adding one.
const findingKey = (name: string, r: Result): string => `${r.ruleId}\0${name}`;

/** The counts of findings by rule and template. */
function countFindings(found: readonly { readonly name: string; readonly result: Result }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of found) counts.set(findingKey(f.name, f.result), (counts.get(findingKey(f.name, f.result)) ?? 0) + 1);
  return counts;
}

/** A tree with some files' texts replaced. */
function overlay(tree: FileTree, texts: ReadonlyMap<string, string>): FileTree {
  const encoder = new TextEncoder();
  return {
    readFile: (path) => {
      const text = texts.get(path);
      return text === undefined ? tree.readFile(path) : encoder.encode(text);
    },
    readDir: (path) => tree.readDir(path),
  };
}

/**
 * The findings of a chart rendered again (no source map); undefined when it no longer renders. A
 * template whose output equals its text in `before` takes its findings from there, unlinted.
 */
export function relint(tree: FileTree, request: FixContext['request'], config: Config, before?: { readonly outputs: ReadonlyMap<string, string>; readonly found: readonly { readonly name: string; readonly result: Result }[] }): { name: string; result: Result }[] | undefined {
  let rendered;
  try {
    rendered = renderChart({ ...request, tree });
  } catch {
    return undefined;
  }
  if ('failure' in rendered) return undefined;
  const out: { name: string; result: Result }[] = [];
  for (const [name, output] of rendered.files) {
    if (!/\.ya?ml$/i.test(name) || output.trim() === '') continue;
    if (before?.outputs.get(name) === output) {
      for (const f of before.found) if (f.name === name) out.push(f);
      continue;
    }
    for (const result of lintText(name, output, { config, kind: 'kubernetes' }).results) out.push({ name, result });
  }
  return out;
}

/** A rendered finding: its template's name and the finding in the rendered text. */
export interface FixTarget {
  readonly name: string;
  readonly result: Result;
}

/** Verifies candidates by rendering again; remembers each candidate's render. */
export class FixVerifier {
  private readonly renders = new Map<string, Map<string, number> | null>();
  private baseline: Map<string, number> | undefined;

  constructor(private readonly ctx: FixContext) {}

  /** The texts of the edited files (a tree path or a -f file) after `candidate`; undefined when the edits do not apply. */
  private apply(candidate: FileEdits): { tree: FileTree; request: FixContext['request'] } | undefined {
    const valuesFiles = this.ctx.request.valuesFiles ?? [];
    const f = valuesFiles.findIndex((v) => v.name === candidate.file);
    const bytes = f >= 0 ? undefined : this.ctx.tree.readFile(candidate.file);
    const before = f >= 0 ? valuesFiles[f]!.text : bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    if (before === undefined) return undefined;
    let after: string;
    try {
      after = applyEdits(before, candidate.edits);
    } catch {
      return undefined;
    }
    if (after === before) return undefined;
    if (f >= 0) return { tree: this.ctx.tree, request: { ...this.ctx.request, valuesFiles: valuesFiles.map((v, i) => (i === f ? { name: v.name, text: after } : v)) } };
    return { tree: overlay(this.ctx.tree, new Map([[candidate.file, after]])), request: this.ctx.request };
  }

  /**
   * True when the chart renders with `candidate`, the finding is gone and no finding is new. `all`
   * are the rendered findings reported as one with it (a define's line reached from each object that
   * includes it): each of them must be gone too.
   */
  verify(candidate: FileEdits, name: string, finding: Result, all: readonly FixTarget[] = []): boolean {
    const key = JSON.stringify(candidate);
    let counts = this.renders.get(key);
    if (counts === undefined) {
      const applied = this.apply(candidate);
      const before = this.ctx.outputs ? { outputs: this.ctx.outputs, found: this.ctx.baseline } : undefined;
      const found = applied ? relint(applied.tree, applied.request, this.ctx.config, before) : undefined;
      counts = found ? countFindings(found) : null;
      this.renders.set(key, counts);
    }
    if (!counts) return false;
    this.baseline ??= countFindings(this.ctx.baseline);
    const target = findingKey(name, finding);
    if ((counts.get(target) ?? 0) >= (this.baseline.get(target) ?? 0)) return false;
    for (const [k, n] of countFindings(all)) if ((counts.get(k) ?? 0) > (this.baseline.get(k) ?? 0) - n) return false;
    for (const [k, n] of counts) if (n > (this.baseline.get(k) ?? 0)) return false;
    return true;
  }
}

/**
 * The fix of a rendered finding in the chart's files: into the values that feed the block when
 * that verifies, else into the template's text; undefined when neither does.
 */
export function translateFix(ctx: FixContext, verifier: FixVerifier, t: RenderedTemplate, finding: Result, all: readonly FixTarget[] = []): FileEdits | undefined {
  if (!finding.fix || finding.fix.edits.length === 0) return undefined;
  const read = changesOf(t.output, finding.fix.edits);
  const fromValues = read ? valuesCandidate(ctx, t, read) : undefined;
  if (fromValues && verifier.verify(fromValues, t.name, finding, all)) return fromValues;
  const fromTemplate = templateCandidate(ctx, t, finding.fix.edits);
  if (fromTemplate && verifier.verify(fromTemplate, t.name, finding, all)) return fromTemplate;
  // an insertion right after a define's output: at the end of the define's body (settles every object that includes it)
  const intoNested = templateCandidate(ctx, t, finding.fix.edits, true);
  if (intoNested && JSON.stringify(intoNested) !== JSON.stringify(fromTemplate) && verifier.verify(intoNested, t.name, finding, all)) return intoNested;
  return undefined;
}

/** A digest stand-in for verifying where a pin goes (the registry is not asked while linting). */
const STAND_IN_DIGEST = `@sha256:${'0'.repeat(64)}`;

/**
 * Where a chart finding's image reference is pinned: the place in a chart file (the values scalar
 * that printed the tag, or the template text) right after the reference's last character, where
 * `@sha256:…` goes. Verified by rendering with a stand-in digest there. Undefined when the
 * reference's end is not printed whole by one values scalar or template text.
 */
export function translatePin(ctx: FixContext, verifier: FixVerifier, t: RenderedTemplate, finding: Result, all: readonly FixTarget[] = []): FileEdits | undefined {
  const pin = finding.data?.['pin'];
  const reference = typeof pin === 'object' && pin !== null ? (pin as { reference?: unknown }).reference : undefined;
  if (typeof reference !== 'string' || reference === '') return undefined;
  const rendered = lineIndex(t.output);
  const start = t.output.indexOf(reference, rendered.offsetAt(finding.range.start));
  const end = start + reference.length;
  if (start < 0 || end > rendered.offsetAt(finding.range.end)) return undefined;
  const seg = segmentAt(t.segments, end - 1);
  if (!seg) return undefined;
  let candidate: FileEdits | undefined;
  const o = seg.origin;
  if (o.kind === 'text') {
    const lines = lineIndex(o.source.text);
    const at = lines.positionAt(o.offset + (end - seg.start));
    candidate = { file: ctx.pathOf(o.source.parseName), edits: [{ range: { start: at, end: at }, newText: STAND_IN_DIGEST }] };
  } else if (o.value !== undefined && seg.end === end) {
    const path = ctx.values.pathOf(o.value);
    const source = path ? ctx.values.sourceOf(path) : undefined;
    const parsed = source ? parsedValues(new Map(), source.file, source.text) : undefined;
    const scalar = source && parsed ? valuesNode(parsed.documents[0]!.doc.contents, source.path) : undefined;
    if (!source || !parsed || !isScalar(scalar) || !scalar.range || String(scalar.value) !== t.output.slice(seg.start, seg.end)) return undefined;
    if (scalar.type !== 'PLAIN' && scalar.type !== 'QUOTE_DOUBLE' && scalar.type !== 'QUOTE_SINGLE') return undefined;
    const offset = parsed.documents[0]!.offset + scalar.range[1] - (scalar.type === 'PLAIN' ? 0 : 1);
    const at = parsed.lines.positionAt(offset);
    candidate = { file: source.file, edits: [{ range: { start: at, end: at }, newText: STAND_IN_DIGEST }] };
  }
  if (!candidate || !verifier.verify(candidate, t.name, finding, all)) return undefined;
  return candidate;
}
