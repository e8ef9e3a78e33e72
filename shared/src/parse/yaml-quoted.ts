import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

/**
 * Multi-line quoted scalars whose continuation lines are not indented more than their key:
 *
 *     description: "a long
 *     text"
 *
 * YAML 1.2 requires the indentation, and the `yaml` parser gives up at the first line break. goyaml
 * (v2 and v3, which Kubernetes and Compose decode with) and PyYAML do not look at the indentation
 * inside quotes; they read `"a long text"`, and so does Bollwerk: {@link parseLenient} parses the
 * text again with the line breaks of such a scalar replaced by blanks (no offset moves, so every
 * range stays right) and then gives the scalar the value of its original text (its lines folded
 * as YAML folds them).
 */

/** A quoted scalar of the text, from its opening to its closing quote (inclusive). */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** Most quoted scalars mended per chunk, longest one looked for, and most text parsed again per chunk: beyond, the parse errors stand. */
const MAX_SPANS = 200;
const MAX_SPAN_LENGTH = 64 * 1024;
const MAX_REPARSED = 8 * 1024 * 1024;

/**
 * Parses a chunk like `parse`, then, while its first parse error stems from a quoted scalar that
 * closes on a later line, parses it again with that scalar mended (see the file comment).
 */
export function parseLenient(text: string, parse: (text: string) => Document.Parsed[]): Document.Parsed[] {
  let docs = parse(text);
  const spans: Span[] = [];
  let patched = text;
  let reparsed = 0;
  while (spans.length < MAX_SPANS && reparsed + text.length <= MAX_REPARSED) {
    const span = firstUnclosed(patched, docs);
    if (!span) break;
    reparsed += text.length;
    spans.push(span);
    patched = patched.slice(0, span.start) + patched.slice(span.start, span.end).replace(/[\r\n]/g, ' ') + patched.slice(span.end);
    docs = parse(patched);
  }
  if (spans.length > 0) restoreValues(text, docs, spans);
  return docs;
}

/**
 * The quoted scalar the first parse error stems from: one that opens on the error's line, or on
 * the line before it (the parser may fail only at the continuation), and closes on a later line.
 */
function firstUnclosed(text: string, docs: readonly Document.Parsed[]): Span | undefined {
  const error = docs.find((d) => d.errors.length > 0)?.errors[0];
  if (!error) return undefined;
  const at = Math.min(error.pos[0], text.length);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const own = spanOnLine(text, lineStart);
  if (own) return own;
  let previous = lineStart - 1;
  while (previous > 0 && /\s/.test(text[previous - 1]!)) previous--;
  return previous > 0 ? spanOnLine(text, text.lastIndexOf('\n', previous - 1) + 1) : undefined;
}

/** The quoted scalar that opens on the line starting at `lineStart` and closes on a later line, or undefined. */
function spanOnLine(text: string, lineStart: number): Span | undefined {
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) return undefined;
  for (let i = lineStart; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */ && (i === lineStart || text.charCodeAt(i - 1) === 32)) return undefined; // a comment
    if (c !== 34 && c !== 39) continue;
    const before = i === lineStart ? 32 : text.charCodeAt(i - 1);
    if (!(before === 32 || before === 9 || before === 91 || before === 123 || before === 44)) continue; // blank [ { ,
    const close = closingQuote(text, i, c);
    if (close < 0) return undefined;
    if (close > lineEnd) return { start: i, end: close + 1 };
    i = close; // closed on its line: look further
    lineEnd = text.indexOf('\n', lineStart);
  }
  return undefined;
}

/** The offset of the quote closing the scalar opened at `open`, or -1 (not within reach, or a document marker first). */
function closingQuote(text: string, open: number, quote: number): number {
  const limit = Math.min(text.length, open + MAX_SPAN_LENGTH);
  for (let i = open + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (quote === 34 && c === 92 /* \ */) i++;
    else if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) i++; // '' is a quote inside single quotes
      else return i;
    } else if (c === 10 && (text.startsWith('---', i + 1) || text.startsWith('...', i + 1))) return -1;
  }
  return -1;
}

/** Gives each mended scalar the value of its original text, read on its own (where no indentation applies). */
function restoreValues(text: string, docs: readonly Document.Parsed[], spans: readonly Span[]): void {
  const byStart = new Map(spans.map((s) => [s.start, s]));
  const visit = (node: unknown): void => {
    if (isPair(node)) {
      visit(node.key);
      visit(node.value);
    } else if (isScalar(node)) {
      const span = node.range ? byStart.get(node.range[0]) : undefined;
      if (span) {
        const value = parseDocument(text.slice(span.start, span.end)).contents;
        if (isScalar(value)) node.value = value.value;
      }
    } else if (isMap(node) || isSeq(node)) for (const item of node.items) visit(item);
  };
  for (const doc of docs) visit(doc.contents as Node | null);
}
