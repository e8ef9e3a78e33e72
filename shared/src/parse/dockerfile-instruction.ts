/** One Dockerfile instruction: offsets from the scan, everything else computed once on first use. */
import type { LineIndex } from '../text';
import type { Range } from '../types';
import { heredocs, type HeredocSpan } from './dockerfile-heredocs';
import { flagStop, jsonStrings, readFlags, variableSpans, type FlagSpan, type JsonSpan } from './dockerfile-parts';
import { propertyWords, type PropertySpan } from './dockerfile-properties';
import { properties } from './dockerfile-property-value';
import { argumentPieces, splitWords, type Word } from './dockerfile-words';

/** What instructions share: the text, the escape character and the (lazily built) line index. */
export interface SyntaxDoc {
  readonly text: string;
  escape: string;
  lines(): LineIndex;
}

/** An argument of an instruction (escapes removed from its value). */
export class Argument {
  private range: Range | undefined = undefined;
  constructor(
    private readonly doc: SyntaxDoc,
    readonly word: Word,
  ) {}
  /** The value with escapes and line continuations removed. */
  getValue(): string {
    return this.word.value;
  }
  /** From the first to just after the last character of the argument. */
  getRange(): Range {
    return (this.range ??= this.doc.lines().rangeOf(this.word.start, this.word.end));
  }
}

/** A `--name=value` flag. */
export class Flag {
  constructor(
    private readonly doc: SyntaxDoc,
    readonly span: FlagSpan,
  ) {}
  /** The name without `--`. */
  getName(): string {
    return this.span.name;
  }
  /** The value after `=`; null without `=`. */
  getValue(): string | null {
    return this.span.value;
  }
  /** The whole flag, `--` included. */
  getRange(): Range {
    return this.doc.lines().rangeOf(this.span.start, this.span.end);
  }
  /** The name. */
  getNameRange(): Range {
    return this.doc.lines().rangeOf(this.span.nameStart, this.span.nameEnd);
  }
  /** The value; null without `=`. */
  getValueRange(): Range | null {
    return this.span.valueStart < 0 ? null : this.doc.lines().rangeOf(this.span.valueStart, this.span.valueEnd);
  }
}

/** A string of an exec-form JSON array. */
export class JsonString {
  constructor(
    private readonly doc: SyntaxDoc,
    readonly span: JsonSpan,
  ) {}
  /** The string as written, quotes included. */
  getValue(): string {
    return this.span.value;
  }
  /** Range including the quotes. */
  getRange(): Range {
    return this.doc.lines().rangeOf(this.span.start, this.span.end);
  }
}

/** An ENV/ARG/LABEL property. */
export class Property {
  constructor(
    private readonly doc: SyntaxDoc,
    readonly span: PropertySpan,
  ) {}
  /** The name, escapes removed. */
  getName(): string {
    return this.span.name;
  }
  /** The value, quotes and escapes removed; null when there is none (`ARG name`). */
  getValue(): string | null {
    return this.span.value;
  }
  /** The name's range. */
  getNameRange(): Range {
    return this.doc.lines().rangeOf(this.span.nameStart, this.span.nameEnd);
  }
  /** The value's range; null when there is no value. */
  getValueRange(): Range | null {
    return this.span.valueStart < 0 ? null : this.doc.lines().rangeOf(this.span.valueStart, this.span.valueEnd);
  }
  /** The whole property. */
  getRange(): Range {
    return this.doc.lines().rangeOf(this.span.start, this.span.end);
  }
}

const JSON_KEYWORDS = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME']);
const PROPERTY_KEYWORDS = new Set(['ENV', 'ARG', 'LABEL']);

/** One instruction. Methods follow dockerfile-ast's names; `start`/`keywordEnd`/`end` are document offsets. */
export class Instruction {
  /** The keyword upper-cased. */
  readonly keyword: string;
  // computed on first use; every field declared here so that all instructions share one shape
  private cRange: Range | undefined = undefined;
  private cRaw: Word[] | undefined = undefined;
  private cFlags: FlagSpan[] | undefined = undefined;
  private cWords: Word[] | undefined = undefined;
  private cArgs: Argument[] | undefined = undefined;
  private cFlagObjects: Flag[] | undefined = undefined;
  private cJson: JsonString[] | undefined = undefined;
  private cProps: Property[] | undefined = undefined;
  private cPropWords: Word[] | undefined = undefined;
  private cHeredocs: HeredocSpan[] | undefined = undefined;
  private cMemo: Map<string, unknown> | undefined = undefined;

  constructor(
    readonly doc: SyntaxDoc,
    /** The keyword as written (escape characters inside kept). */
    readonly instruction: string,
    readonly start: number,
    readonly keywordEnd: number,
    readonly end: number,
  ) {
    this.keyword = instruction.toUpperCase();
  }

  /** The keyword upper-cased (`RUN`). */
  getKeyword(): string {
    return this.keyword;
  }
  /** The keyword as written. */
  getInstruction(): string {
    return this.instruction;
  }
  /** From the keyword to the end of the last argument (here-documents included). */
  getRange(): Range {
    return (this.cRange ??= this.doc.lines().rangeOf(this.start, this.end));
  }
  /** The keyword. */
  getInstructionRange(): Range {
    return this.doc.lines().rangeOf(this.start, this.keywordEnd);
  }
  /** The instruction's text as written. */
  getTextContent(): string {
    return this.doc.text.substring(this.start, this.end);
  }
  /** Every word after the keyword, flags included. */
  rawWords(): readonly Word[] {
    return (this.cRaw ??= splitWords(this.doc.text, this.keywordEnd, this.end, this.doc.escape));
  }
  /** The flags' spans (empty for keywords without flags). */
  flagSpans(): readonly FlagSpan[] {
    if (!this.cFlags) {
      const stop = flagStop(this.keyword);
      this.cFlags = stop ? readFlags(this.doc.text, this.rawWords(), stop) : [];
    }
    return this.cFlags;
  }
  /** The words after the flags (as many leading words dropped as there are flags). */
  words(): readonly Word[] {
    if (!this.cWords) {
      const n = this.flagSpans().length;
      this.cWords = n === 0 ? (this.rawWords() as Word[]) : this.rawWords().slice(n);
    }
    return this.cWords;
  }
  /** The arguments after the flags. */
  getArguments(): readonly Argument[] {
    return (this.cArgs ??= this.words().map((w) => new Argument(this.doc, w)));
  }
  /** From the first to the last argument; null without arguments. */
  getArgumentsRange(): Range | null {
    const w = this.words();
    return w.length === 0 ? null : this.doc.lines().rangeOf(w[0]!.start, w[w.length - 1]!.end);
  }
  /** The arguments' text without line continuations and comment lines; null without arguments. */
  getArgumentsContent(): string | null {
    const w = this.words();
    if (w.length === 0) return null;
    const lines = this.doc.lines();
    const lineStartOf = (o: number): number => o - lines.positionAt(o).character;
    return argumentPieces(this.doc.text, lineStartOf, w, this.doc.escape)
      .map(([a, b]) => this.doc.text.substring(a, b))
      .join('');
  }
  /** The flags (`--from=…`, `--mount=…`); empty for keywords without flags. */
  getFlags(): readonly Flag[] {
    return (this.cFlagObjects ??= this.flagSpans().map((f) => new Flag(this.doc, f)));
  }
  /** COPY's `--from` flag when it is the only flag. */
  getFromFlag(): Flag | null {
    const flags = this.getFlags();
    return this.keyword === 'COPY' && flags.length === 1 && flags[0]!.getName() === 'from' ? flags[0]! : null;
  }
  /** The strings of an exec-form argument list (ADD, CMD, COPY, ENTRYPOINT, RUN, SHELL, VOLUME); empty otherwise. */
  getJSONStrings(): readonly JsonString[] {
    if (!this.cJson) {
      this.cJson = JSON_KEYWORDS.has(this.keyword) ? jsonStrings(this.doc.text, this.words()).map((j) => new JsonString(this.doc, j)) : [];
    }
    return this.cJson;
  }
  /** The property words of ENV/ARG/LABEL (quotes and `${…}` keep spaces). */
  propertyWords(): readonly Word[] {
    return (this.cPropWords ??= propertyWords(this.doc.text, this.start, this.keywordEnd, this.end, this.doc.escape));
  }
  /** The properties of ENV, ARG and LABEL; empty for other keywords. */
  getProperties(): readonly Property[] {
    if (!this.cProps) {
      this.cProps = PROPERTY_KEYWORDS.has(this.keyword) ? properties(this.doc.text, this.doc.escape, this.propertyWords()).map((p) => new Property(this.doc, p)) : [];
    }
    return this.cProps;
  }
  /** ARG's single property; null when ARG has none or several. */
  getProperty(): Property | null {
    const p = this.getProperties();
    return this.keyword === 'ARG' && this.propertyWords().length === 1 ? p[0]! : null;
  }
  /** FROM's image as written (escapes removed); null without arguments. */
  getImage(): string | null {
    return this.words()[0]?.value ?? null;
  }
  /** FROM's image range. */
  getImageRange(): Range | null {
    const w = this.words()[0];
    return w ? this.doc.lines().rangeOf(w.start, w.end) : null;
  }
  private imageIndex(content: string, base: number, search: string, last: boolean): number {
    let index = last ? content.lastIndexOf(search) : content.indexOf(search);
    if (index === -1 || content.indexOf('$') === -1) return index;
    const spans = this.rawWords().flatMap((w) => variableSpans(this.doc.text, w, this.doc.escape));
    for (let k = 0; k < spans.length; k++) {
      const pos = base + index;
      const [a, b] = spans[k]!;
      if (a < pos && pos < b) {
        index = last ? content.substring(0, index).lastIndexOf(search) : content.indexOf(search, b - base);
        if (index === -1) return -1;
        k = -1;
      }
    }
    return index;
  }
  /** Offsets of FROM's tag (after `:`), or null. */
  imageTagSpan(): [number, number] | null {
    const w = this.words()[0];
    if (!w) return null;
    const content = this.doc.text.substring(w.start, w.end);
    const at = this.imageIndex(content, w.start, '@', false);
    const slash = content.indexOf('/');
    if (at === -1) {
      const colon = this.imageIndex(content, w.start, ':', true);
      if (colon > slash) return [w.start + colon + 1, w.end];
    }
    const sub = content.substring(0, at);
    const subColon = sub.indexOf(':');
    if (subColon === -1) return null;
    if (slash === -1) return [w.start + subColon + 1, w.start + at];
    if (subColon < slash) return null;
    return [w.start + subColon + 1, w.start + sub.length];
  }
  /** FROM's tag range. */
  getImageTagRange(): Range | null {
    const span = this.imageTagSpan();
    return span ? this.doc.lines().rangeOf(span[0], span[1]) : null;
  }
  /** FROM's digest range (after `@`). */
  getImageDigestRange(): Range | null {
    const w = this.words()[0];
    if (!w) return null;
    const index = this.imageIndex(this.doc.text.substring(w.start, w.end), w.start, '@', true);
    if (index === -1) return null;
    const r = this.doc.lines().rangeOf(w.start, w.end);
    return { start: { line: r.start.line, character: r.start.character + index + 1 }, end: r.end };
  }
  /** FROM's `AS name` as written; null without. */
  getBuildStage(): string | null {
    const w = this.words();
    return w.length > 2 && w[1]!.value.toUpperCase() === 'AS' ? this.doc.text.substring(w[2]!.start, w[2]!.end) : null;
  }
  /** FROM's stage name range. */
  getBuildStageRange(): Range | null {
    const w = this.words();
    return w.length > 2 && w[1]!.value.toUpperCase() === 'AS' ? this.doc.lines().rangeOf(w[2]!.start, w[2]!.end) : null;
  }
  /** ONBUILD's instruction; null for other keywords or an empty ONBUILD. */
  getTriggerInstruction(): Instruction | null {
    const w = this.keyword === 'ONBUILD' ? this.words()[0] : undefined;
    return w ? new Instruction(this.doc, this.doc.text.substring(w.start, w.end), w.start, w.end, this.end) : null;
  }
  /** A value derived from this instruction, computed once per key (the shell parse of a RUN, COPY's paths). */
  memo<T>(key: string, compute: () => T): T {
    const memo = (this.cMemo ??= new Map());
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  }
  /** The here-documents the instruction opens (RUN, COPY, ADD). */
  heredocSpans(): readonly HeredocSpan[] {
    return (this.cHeredocs ??= heredocs(this));
  }
}
