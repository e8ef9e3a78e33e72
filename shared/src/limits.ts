import type { FileKind, Localized } from './types';

/**
 * Input bounds that keep hostile or generated files from hanging the process (PRODUCT.md: no
 * crash, no hang). Checked in one linear pass over the text, without recursion, before parsing.
 *
 * - Size (`config.maxFileBytes`, UTF-8 bytes): the file is skipped.
 * - More than {@link MAX_DOCUMENTS} YAML documents with content (empty ones and those of comments
 *   only do not count): the first {@link MAX_DOCUMENTS} are checked (the text is cut before the
 *   next one starts, so every range stays valid in the whole file) and a note says where checking
 *   stopped.
 * - Nesting deeper than {@link MAX_DEPTH} levels (block indentation, `- ` items and flow brackets
 *   counted together): the file is skipped. Real manifests stay below 40 levels (the
 *   deepest file of the real-world corpus, a CRD, has 38); the
 *   YAML parser itself gives up (stack overflow) at a few hundred flow levels, so deeper input is
 *   generated or hostile and any partial result would be misleading.
 * - A file skipped or checked only in part is a `bollwerk/not-checked` finding (lint.ts), never a
 *   silent "no problems".
 * - Dockerfiles with more than {@link MAX_STAGE_COMMENT_PAIRS} (build stages × comment lines): skipped,
 *   no findings. dockerfile-ast assigns every comment to a stage by scanning all stages, so its time
 *   grows with that product (a 100 KB file of alternating `FROM` and `#` lines takes seconds). Real
 *   Dockerfiles stay far below (the corpus maximum is 465). Stage chains (`FROM <stage>`) are followed
 *   through a per-file index.
 * - Long lines are fine: they cost linear time only.
 */

/** Most YAML documents checked in one file. */
export const MAX_DOCUMENTS = 1000;

/** Deepest YAML nesting checked. */
export const MAX_DEPTH = 100;

/** Most build stages × comment lines in a Dockerfile. */
export const MAX_STAGE_COMMENT_PAIRS = 1_000_000;

/** Why a file was skipped or only partly checked because of a limit. */
export interface LimitNote {
  readonly code: 'too-large' | 'too-many-documents' | 'too-deep' | 'too-complex';
  readonly message: Localized;
}

/** The outcome of the limit checks: the text to parse (the whole file or a prefix) and notes, or a skip. */
export type LimitOutcome =
  | { readonly skip: true; readonly note: LimitNote }
  | { readonly skip: false; readonly text: string; readonly notes: readonly LimitNote[] };

const nativeByteLength = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer
  ?.byteLength;

/** UTF-8 length of `text`, or `limit + 1` as soon as it is known to exceed `limit`. */
export function utf8Length(text: string, limit: number = Number.MAX_SAFE_INTEGER): number {
  if (text.length > limit) return limit + 1; // every UTF-16 unit takes at least one byte
  // A host's native count (Node's Buffer; lone surrogates count 3, as below) is many times faster on the editor's
  // every keystroke. The core is host-neutral, so it looks the function up instead of importing it.
  if (nativeByteLength) return Math.min(nativeByteLength(text, 'utf8'), limit + 1);
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) return limit + 1;
  }
  return bytes;
}

/**
 * Counts the documents of a YAML stream line by line (see countDocuments). Only documents with
 * content count: a run of empty `---` lines (or of comments) is no work for the parser and must not
 * push a real document past the limit.
 */
class DocumentCounter {
  count = 0;
  cutAt: number | undefined;
  private inDoc = false;
  private hasContent = false;
  /** Where the current document starts: its `---` or the directives before it. */
  private docStart = 0;
  private pendingStart: number | undefined;

  constructor(
    private readonly text: string,
    private readonly max: number,
  ) {}

  line(from: number, to: number): void {
    const text = this.text;
    const c = text.charCodeAt(from);
    if (c === 45 /* - */ && isMarker(text, from, to, '---')) {
      this.start(from);
      if (!isBlankOrComment(text, from + 3, to)) this.content();
    } else if (c === 46 /* . */ && isMarker(text, from, to, '...')) this.inDoc = false;
    else if (c === 37 /* % */ && !this.inDoc) this.pendingStart ??= from;
    else if (!isBlankOrComment(text, from, to)) {
      if (!this.inDoc) this.start(from);
      if (!this.hasContent) this.content();
    }
  }

  private start(offset: number): void {
    this.inDoc = true;
    this.hasContent = false;
    this.docStart = this.pendingStart ?? offset;
    this.pendingStart = undefined;
  }

  private content(): void {
    this.hasContent = true;
    this.count++;
    if (this.count === this.max + 1) this.cutAt = this.docStart;
  }
}

/** Count of the documents with content of a YAML stream and the offset where the `max + 1`th starts (undefined when there are at most `max`). */
export function countDocuments(text: string, max: number = MAX_DOCUMENTS): { count: number; cutAt: number | undefined } {
  const { count, cutAt } = yamlShape(text, Infinity, max);
  return { count, cutAt };
}

/** Deepest nesting of a YAML text (stops early past `max`) and the 0-based line where it occurs. */
export function nestingDepth(text: string, max: number = MAX_DEPTH): { depth: number; line: number } {
  return yamlShape(text, max, Infinity).deepest;
}

/** Nesting depth (as nestingDepth, stopping past `maxDepth`) and document count (as countDocuments) of a YAML text in one pass. */
function yamlShape(text: string, maxDepth: number, maxDocuments: number): { deepest: { depth: number; line: number }; count: number; cutAt: number | undefined } {
  const scan = new DepthScanner(text);
  const counter = new DocumentCounter(text, maxDocuments);
  let line = 0;
  let deepest = { depth: 0, line: 0 };
  forEachLine(text, (from, to) => {
    const depth = scan.line(from, to);
    if (depth > deepest.depth) deepest = { depth, line };
    line++;
    counter.line(from, to);
    return depth > maxDepth;
  });
  return { deepest, count: counter.count, cutAt: counter.cutAt };
}

/** Applies the limits to a file's text. `maxFileBytes` comes from the configuration. */
export function checkLimits(text: string, kind: FileKind, maxFileBytes: number): LimitOutcome {
  const bytes = utf8Length(text, maxFileBytes);
  if (bytes > maxFileBytes) {
    return { skip: true, note: limitNote('too-large', `skipped: larger than ${maxFileBytes} bytes (maxFileBytes)`, `übersprungen: größer als ${maxFileBytes} Bytes (maxFileBytes)`) };
  }
  if (kind === 'dockerfile') {
    const { stages, comments } = stagesAndComments(text);
    if (stages * comments <= MAX_STAGE_COMMENT_PAIRS) return { skip: false, text, notes: [] };
    return {
      skip: true,
      note: limitNote(
        'too-complex',
        `skipped: ${stages} build stages with ${comments} comment lines; the parser's work grows with their product (limit ${MAX_STAGE_COMMENT_PAIRS})`,
        `übersprungen: ${stages} Build-Stufen mit ${comments} Kommentarzeilen; der Aufwand des Parsers wächst mit ihrem Produkt (Grenze ${MAX_STAGE_COMMENT_PAIRS})`,
      ),
    };
  }
  const shape = yamlShape(text, MAX_DEPTH, MAX_DOCUMENTS);
  const deep = shape.deepest;
  if (deep.depth > MAX_DEPTH) {
    return {
      skip: true,
      note: limitNote(
        'too-deep',
        `skipped: nested deeper than ${MAX_DEPTH} levels (line ${deep.line + 1}); no real manifest is, so the file was not checked`,
        `übersprungen: tiefer als ${MAX_DEPTH} Ebenen verschachtelt (Zeile ${deep.line + 1}); kein echtes Manifest ist das, daher wurde die Datei nicht geprüft`,
      ),
    };
  }
  const docs = shape;
  if (docs.cutAt === undefined) return { skip: false, text, notes: [] };
  const prefix = text.slice(0, docs.cutAt);
  const lastLine = lineCount(prefix);
  return {
    skip: false,
    text: prefix,
    notes: [
      limitNote(
        'too-many-documents',
        `partly checked: ${docs.count} YAML documents; only the first ${MAX_DOCUMENTS} (lines 1–${lastLine}) were checked`,
        `teilweise geprüft: ${docs.count} YAML-Dokumente; nur die ersten ${MAX_DOCUMENTS} (Zeilen 1–${lastLine}) wurden geprüft`,
      ),
    ],
  };
}

/** Counts `FROM` lines (build stages) and comment lines of a Dockerfile. */
export function stagesAndComments(text: string): { stages: number; comments: number } {
  let stages = 0;
  let comments = 0;
  forEachLine(text, (from, to) => {
    let i = from;
    while (i < to && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (text.charCodeAt(i) === 35 /* # */) comments++;
    else if (/^from[ \t]/i.test(text.slice(i, i + 5))) stages++;
  });
  return { stages, comments };
}

const limitNote = (code: LimitNote['code'], en: string, de: string): LimitNote => ({ code, message: { en, de } });

/** Calls `visit(from, to)` for each line (without its line break); stops when `visit` returns true. */
function forEachLine(text: string, visit: (from: number, to: number) => boolean | void): void {
  let from = 0;
  while (from <= text.length) {
    let nl = text.indexOf('\n', from);
    if (nl === -1) nl = text.length;
    const to = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (visit(from, to) === true || nl === text.length) return;
    from = nl + 1;
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function isMarker(text: string, from: number, to: number, marker: string): boolean {
  if (!text.startsWith(marker, from)) return false;
  const next = text.charCodeAt(from + 3);
  return from + 3 >= to || next === 32 || next === 9;
}

function isBlankOrComment(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) return true;
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return true;
}

/**
 * Line-by-line nesting estimate: a stack of block indentation columns (each `- ` or `? ` opening
 * a deeper column) plus the depth of open flow brackets. Skips block scalar bodies, quoted text and
 * comments. An estimate, not a parser (a compact `- ` under its key may count one level less,
 * a scalar leaf none): it never fails and never recurses.
 */
class DepthScanner {
  private readonly columns: number[] = [];
  private flow = 0;
  private quote: 0 | 34 | 39 = 0;
  private blockScalarIndent = -1;

  constructor(private readonly text: string) {}

  /** Scans one line; returns the nesting depth reached in it. */
  line(from: number, to: number): number {
    const t = this.text;
    let i = from;
    while (i < to && t.charCodeAt(i) === 32) i++;
    const indent = i - from;
    if (this.blockScalarIndent >= 0) {
      if (i === to || indent > this.blockScalarIndent) return 0;
      this.blockScalarIndent = -1;
    }
    if (this.flow > 0 || this.quote !== 0) return this.scanInline(i, to);
    if (i === to || t.charCodeAt(i) === 35 /* # */) return 0;
    if (indent === 0 && (isMarker(t, i, to, '---') || isMarker(t, i, to, '...') || t.charCodeAt(i) === 37)) {
      this.columns.length = 0;
      return 0;
    }
    this.push(indent);
    // `- ` and `? ` open a deeper level on the same line; a nested `- ` or a key after them one more.
    let item = -1;
    while (i < to && (t.charCodeAt(i) === 45 || t.charCodeAt(i) === 63) && (i + 1 === to || t.charCodeAt(i + 1) === 32 || t.charCodeAt(i + 1) === 9)) {
      if (item >= 0) this.push(item);
      i++;
      while (i < to && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
      item = i - from;
    }
    const { value, key } = this.valueStart(i, to);
    if (key && item >= 0) this.push(item);
    if (value < to && (t.charCodeAt(value) === 124 || t.charCodeAt(value) === 62) /* | > */) {
      this.blockScalarIndent = indent;
      return this.columns.length;
    }
    return this.scanInline(value, to);
  }

  private push(column: number): void {
    const c = this.columns;
    while (c.length > 0 && c[c.length - 1]! > column) c.pop();
    if (c.length === 0 || c[c.length - 1]! < column) c.push(column);
  }

  /** Where the value of `key: value` starts (after anchors and tags), and whether the line has a key. */
  private valueStart(from: number, to: number): { value: number; key: boolean } {
    const t = this.text;
    let i = from;
    let key = false;
    const first = t.charCodeAt(i);
    if (first !== 91 && first !== 123 /* [ { */) {
      for (let q = 0; i < to; i++) {
        const c = t.charCodeAt(i);
        if (q !== 0) {
          if (c === q) q = 0;
          else if (c === 92 && q === 34) i++;
        } else if (c === 34 || c === 39) q = i === from ? c : q;
        else if (c === 35 && i > from && t.charCodeAt(i - 1) === 32) return { value: to, key: false };
        else if (c === 58 && (i + 1 === to || t.charCodeAt(i + 1) === 32 || t.charCodeAt(i + 1) === 9)) break;
      }
      if (i >= to) return { value: from, key: false };
      key = true;
      i++;
    }
    for (;;) {
      while (i < to && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
      const c = t.charCodeAt(i);
      if (i >= to || (c !== 38 && c !== 33)) return { value: i, key }; // & anchor, ! tag
      while (i < to && t.charCodeAt(i) !== 32) i++;
    }
  }

  /** Scans the rest of a line for flow brackets and quotes. */
  private scanInline(from: number, to: number): number {
    const t = this.text;
    let deepest = this.columns.length + this.flow;
    for (let i = from; i < to; i++) {
      const c = t.charCodeAt(i);
      if (this.quote !== 0) {
        if (c === 92 && this.quote === 34) i++;
        else if (c === this.quote) this.quote = 0;
        continue;
      }
      if (this.flow === 0 && i > from) break; // the rest of a block line is a plain scalar
      if (c === 91 || c === 123) {
        this.flow++;
        deepest = Math.max(deepest, this.columns.length + this.flow);
      } else if ((c === 93 || c === 125) && this.flow > 0) this.flow--;
      else if (c === 34 || c === 39) this.quote = c;
      else if (c === 35 && (i === from || t.charCodeAt(i - 1) === 32)) break;
    }
    return deepest;
  }
}
