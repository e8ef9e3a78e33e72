// The scalar side of go-yaml v2's emitter (emitterc.go, Copyright 2011-2016 Canonical Ltd. and
// 2006-2010 Kirill Simonov, Apache-2.0 and MIT; see NOTICE-HELM.md): the writer state, the analysis
// that picks plain, single-quoted, double-quoted or literal style, and the writers of each style,
// folding long lines after column 80. Helm's toYaml (helm/to-yaml.ts) and kustomize's output
// (kustomize/yaml-write.ts) both print through sigs.k8s.io/yaml, that is go-yaml v2, and both
// write their scalars here.

/** The style the encoder asks for: go-yaml then may fall back to quotes. */
export type Style = 'plain' | 'double' | 'literal';

const BEST_WIDTH = 80;
/** go-yaml's indentation step. */
export const BEST_INDENT = 2;

/** The emitter state: output, column, and whether the last character was blank or indentation. */
export interface Writer {
  out: string[];
  column: number;
  whitespace: boolean;
  indention: boolean;
  indent: number;
  readonly indents: number[];
}

/** Where a node is written. */
export interface Context {
  readonly root: boolean;
  readonly sequence: boolean;
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

/** A writer at the start of a document. */
export function newWriter(): Writer {
  return { out: [], column: 0, whitespace: true, indention: true, indent: -1, indents: [] };
}

/** Writes one character. */
export function put(w: Writer, c: string): void {
  w.out.push(c);
  w.column++;
}

/** Writes a line break. */
export function putBreak(w: Writer): void {
  w.out.push('\n');
  w.column = 0;
}

/** yaml_emitter_increase_indent. */
export function increaseIndent(w: Writer, flow: boolean, indentless: boolean): void {
  w.indents.push(w.indent);
  if (w.indent < 0) w.indent = flow ? BEST_INDENT : 0;
  else if (!indentless) w.indent += BEST_INDENT;
}

/** Restores the indentation of the enclosing node. */
export function popIndent(w: Writer): void {
  w.indent = w.indents.pop() ?? -1;
}

/** yaml_emitter_write_indent: a line break when needed, then spaces up to the indentation. */
export function writeIndent(w: Writer): void {
  const indent = Math.max(w.indent, 0);
  if (!w.indention || w.column > indent || (w.column === indent && !w.whitespace)) putBreak(w);
  while (w.column < indent) put(w, ' ');
  w.whitespace = true;
  w.indention = true;
}

/** yaml_emitter_write_indicator. */
export function writeIndicator(w: Writer, text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
  if (needWhitespace && !w.whitespace) put(w, ' ');
  for (const c of text) put(w, c);
  w.whitespace = isWhitespace;
  w.indention = w.indention && isIndention;
}

/** A key go-yaml writes as a simple key: one line, at most 128 bytes. */
export function isSimpleKey(key: string): boolean {
  return !/[\n\r\u0085\u2028\u2029]/.test(key) && new TextEncoder().encode(key).length <= 128;
}

interface Analysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

const isBreakChar = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
/** is_blankz: a blank, a line break, NUL or the end of the value. */
const isBlankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\0' || isBreakChar(c);

/** libyaml's is_printable (go-yaml v2 writes unicode): tabs and characters beyond the BMP are not. */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

/** yaml_emitter_analyze_scalar, as far as block context needs it. */
function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = Array.from(value);
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWhitespace = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakChar(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockAllowed = false;
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

type FinalStyle = 'plain' | 'single' | 'double' | 'literal';

function selectStyle(value: string, wanted: Style, simpleKey: boolean): FinalStyle {
  const a = analyze(value);
  let style: FinalStyle = wanted;
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (value.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

/** Writes a scalar in the style go-yaml settles on. */
export function emitScalar(w: Writer, value: string, wanted: Style, ctx: Context): void {
  const style = selectStyle(value, wanted, ctx.simpleKey);
  increaseIndent(w, true, false);
  const allowBreaks = !ctx.simpleKey;
  if (style === 'plain') writePlain(w, value, allowBreaks);
  else if (style === 'single') writeSingle(w, value, allowBreaks);
  else if (style === 'double') writeDouble(w, value, allowBreaks);
  else writeLiteral(w, value);
  popIndent(w);
}

/**
 * A scalar as go-yaml writes it inside a block collection: the text from `column` on, continuation
 * lines (folded plain and quoted scalars, a literal block's lines) indented to `indent`, as go-yaml
 * indents a value of a mapping whose keys stand at `indent - 2` (a root scalar: `indent` 0, which
 * go-yaml indents as a flow node, by 2). `simpleKey`: the scalar is a mapping key (one line, never
 * folded). The text ends with a line break only when the scalar does (a literal block).
 */
export function scalarText(value: string, wanted: Style, column: number, indent: number, simpleKey: boolean): string {
  const w: Writer = { out: [], column, whitespace: true, indention: false, indent: indent - BEST_INDENT, indents: [] };
  emitScalar(w, value, wanted, { root: false, sequence: false, mapping: !simpleKey, simpleKey });
  return w.out.join('');
}

function writeBreakChar(w: Writer, c: string): void {
  if (c === '\n') putBreak(w);
  else {
    w.out.push(c);
    w.column = 0;
  }
}

function writePlain(w: Writer, value: string, allowBreaks: boolean): void {
  if (!w.whitespace) put(w, ' ');
  const chars = Array.from(value);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && chars[i + 1] !== ' ') writeIndent(w);
      else put(w, c);
      spaces = true;
    } else if (isBreakChar(c)) {
      if (!breaks && c === '\n') putBreak(w);
      writeBreakChar(w, c);
      w.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(w);
      put(w, c);
      w.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  w.whitespace = false;
  w.indention = false;
}

function writeSingle(w: Writer, value: string, allowBreaks: boolean): void {
  writeIndicator(w, "'", true, false, false);
  const chars = Array.from(value);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') writeIndent(w);
      else put(w, c);
      spaces = true;
    } else if (isBreakChar(c)) {
      if (!breaks && c === '\n') putBreak(w);
      writeBreakChar(w, c);
      w.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(w);
      if (c === "'") put(w, "'");
      put(w, c);
      w.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  writeIndicator(w, "'", false, false, false);
  w.whitespace = false;
  w.indention = false;
}

const ESCAPES: Readonly<Record<number, string>> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function writeDouble(w: Writer, value: string, allowBreaks: boolean): void {
  writeIndicator(w, '"', true, false, false);
  const chars = Array.from(value);
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const cp = c.codePointAt(0)!;
    if (!isPrintable(c) || cp === 0xfeff || isBreakChar(c) || c === '"' || c === '\\') {
      put(w, '\\');
      const esc = ESCAPES[cp];
      if (esc !== undefined) put(w, esc);
      else {
        const [letter, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
        put(w, letter as string);
        for (const d of cp.toString(16).toUpperCase().padStart(width as number, '0')) put(w, d);
      }
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        writeIndent(w);
        if (chars[i + 1] === ' ') put(w, '\\');
      } else put(w, c);
      spaces = true;
    } else {
      put(w, c);
      spaces = false;
    }
  }
  writeIndicator(w, '"', false, false, false);
  w.whitespace = false;
  w.indention = false;
}

function writeLiteral(w: Writer, value: string): void {
  writeIndicator(w, '|', true, false, false);
  const chars = Array.from(value);
  if (chars[0] === ' ' || isBreakChar(chars[0])) writeIndicator(w, String(BEST_INDENT), false, false, false);
  const last = chars[chars.length - 1];
  if (!isBreakChar(last)) writeIndicator(w, '-', false, false, false);
  else if (chars.length === 1 || isBreakChar(chars[chars.length - 2])) writeIndicator(w, '+', false, false, false);
  putBreak(w);
  w.indention = true;
  w.whitespace = true;
  let breaks = true;
  for (const c of chars) {
    if (isBreakChar(c)) {
      writeBreakChar(w, c);
      w.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(w);
      put(w, c);
      w.indention = false;
      breaks = false;
    }
  }
}
