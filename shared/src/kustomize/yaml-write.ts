// Writes values as kustomize prints them: `kustomize build` turns each resource into JSON and then into
// YAML with sigs.k8s.io/yaml (go-yaml v2): keys in go-yaml's natural order, block style, sequences not
// indented under their key, plain scalars folded after column 80, go-yaml's quoting rules.
// The scalar analysis and style choice follow go-yaml v2 emitterc.go (yaml_emitter_analyze_scalar,
// yaml_emitter_select_scalar_style, yaml_emitter_write_*_scalar), encode.go (stringv) and
// sorter.go (keyList.Less). go-yaml: Copyright (c) 2006-2011 Kirill Simonov, Copyright 2011-2019
// Canonical Ltd; MIT and Apache-2.0 licensed.
import { isMap, type Json, type JsonMap } from './json';

const BEST_WIDTH = 80;

/** True when go-yaml v2 would read the plain text `s` as something other than a string. */
function resolvesToNonString(s: string): boolean {
  switch (s) {
    case '': case '~': case 'null': case 'Null': case 'NULL':
    case 'y': case 'Y': case 'yes': case 'Yes': case 'YES': case 'on': case 'On': case 'ON':
    case 'n': case 'N': case 'no': case 'No': case 'NO': case 'off': case 'Off': case 'OFF':
    case 'true': case 'True': case 'TRUE': case 'false': case 'False': case 'FALSE':
    case '.inf': case '.Inf': case '.INF': case '+.inf': case '+.Inf': case '+.INF':
    case '-.inf': case '-.Inf': case '-.INF': case '.nan': case '.NaN': case '.NAN': case '<<':
      return true;
  }
  const c = s[0]!;
  if (!((c >= '0' && c <= '9') || c === '-' || c === '+' || c === '.')) return false;
  if (/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[ \t]*[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/.test(s)) return true;
  const plain = s.replaceAll('_', '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  return /^-?0b[01]+$/.test(plain);
}

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) || (cp >= 0x10000 && cp <= 0x10ffff);
}
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined): boolean => c === ' ';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** go-yaml's yaml_emitter_analyze_scalar, for block context. */
function analyze(chars: readonly string[]): Analysis {
  if (chars.length === 0) return { multiline: false, blockPlain: true, singleQuoted: true, block: false };
  const s = chars.join('');
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let lineBreaks = false, special = false, leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWhitespace = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c.codePointAt(0)!)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
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
  let blockPlain = true, singleQuoted = true, block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = singleQuoted = false;
  if (spaceBreak || special) blockPlain = singleQuoted = block = false;
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, singleQuoted, block };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function styleOf(s: string, chars: readonly string[], key: boolean): Style {
  const a = analyze(chars);
  let style: Style = s.includes('\n') ? 'literal' : !resolvesToNonString(s) && !BASE60.test(s) ? 'plain' : 'double';
  if (key && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlain || (chars.length === 0 && key))) style = 'single';
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || key)) style = 'double';
  return style;
}

const ESCAPES: Record<string, string> = { '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P' };

function escapeChar(c: string): string {
  const known = ESCAPES[c];
  if (known) return `\\${known}`;
  const cp = c.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/** Strings that print plain whatever their column: no blank, no indicator, printable ASCII. */
const SIMPLE = /^[A-Za-z_/$(][A-Za-z0-9_./$()=+-]*$/;

/** Writes a scalar that starts at `column`; continuation lines are indented by `indent`. */
function writeScalar(s: string, column: number, indent: number, key: boolean): string {
  if (SIMPLE.test(s) && !resolvesToNonString(s)) return s;
  const chars = Array.from(s);
  const style = styleOf(s, chars, key);
  const pad = ' '.repeat(indent);
  let out = '';
  let col = column;
  const breakLine = (): void => {
    out += `\n${pad}`;
    col = indent;
  };
  if (style === 'literal') return literal(chars, pad);
  if (style === 'plain') {
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (!key && !spaces && col > BEST_WIDTH && chars[i + 1] !== ' ') breakLine();
        else (out += c), col++;
        spaces = true;
      } else {
        out += c;
        col++;
        spaces = false;
      }
    }
    return out;
  }
  if (style === 'single') {
    out = "'";
    col++;
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (!key && !spaces && col > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') breakLine();
        else (out += c), col++;
        spaces = true;
      } else {
        if (c === "'") (out += "'"), col++;
        out += c;
        col++;
        spaces = false;
      }
    }
    return `${out}'`;
  }
  out = '"';
  col++;
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const cp = c.codePointAt(0)!;
    if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
      const e = escapeChar(c);
      out += e;
      col += e.length;
      spaces = false;
    } else if (c === ' ') {
      if (!key && !spaces && col > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        breakLine();
        if (chars[i + 1] === ' ') (out += '\\'), col++;
      } else (out += c), col++;
      spaces = true;
    } else {
      out += c;
      col++;
      spaces = false;
    }
  }
  return `${out}"`;
}

function literal(chars: readonly string[], pad: string): string {
  let hints = '';
  if (chars[0] === ' ' || isBreak(chars[0])) hints += '2';
  const last = chars.length - 1;
  if (!isBreak(chars[last])) hints += '-';
  else if (last === 0 || isBreak(chars[last - 1])) hints += '+';
  let out = `|${hints}\n`;
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      out += '\n';
      breaks = true;
    } else {
      if (breaks) out += pad;
      breaks = false;
      out += c;
    }
  }
  return breaks ? out.slice(0, -1) : out;
}

/** go-yaml v2's key order (sorter.go keyList.Less) for string keys: letters after other runes, digit runs by value. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a), br = Array.from(b);
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!), bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0, bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai]!.charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

function sortedKeys(m: JsonMap): string[] {
  return Object.keys(m).sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A non-string scalar, or an empty collection, as go-yaml prints it. */
function simple(v: Json): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isMap(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

function mapBody(m: JsonMap, indent: number, inline: boolean): string {
  let out = '';
  let first = true;
  for (const k of sortedKeys(m)) {
    const start = first && inline ? '' : ' '.repeat(indent);
    first = false;
    const key = writeScalar(k, indent, indent, true);
    out += `${start}${key}:${value(m[k]!, indent, indent + Array.from(key).length + 1, true)}`;
  }
  return out;
}

function seqBody(items: readonly Json[], indent: number, inline: boolean): string {
  let out = '';
  items.forEach((item, i) => {
    out += `${i === 0 && inline ? '' : ' '.repeat(indent)}-${value(item, indent, indent + 1, false)}`;
  });
  return out;
}

/** The text after `key:` or `-`: a scalar on the same line, or a nested block on the next lines. */
function value(v: Json, indent: number, column: number, inMap: boolean): string {
  const s = simple(v);
  if (s !== undefined) return ` ${s}\n`;
  if (typeof v === 'string') return ` ${writeScalar(v, column + 1, indent + 2, false)}\n`;
  if (Array.isArray(v)) return inMap ? `\n${seqBody(v, indent, false)}` : ` ${seqBody(v, indent + 2, true)}`;
  return inMap ? `\n${mapBody(v as JsonMap, indent + 2, false)}` : ` ${mapBody(v as JsonMap, indent + 2, true)}`;
}

/** One document as go-yaml v2 prints it, ending in a newline. */
export function writeYaml(v: Json): string {
  if (isMap(v) && Object.keys(v).length > 0) return mapBody(v, 0, false);
  if (Array.isArray(v) && v.length > 0) return seqBody(v, 0, false);
  const s = simple(v);
  return `${s ?? writeScalar(v as string, 0, 0, false)}\n`;
}
