// Ported from Go's src/text/template/parse/lex.go (Go 1.22+: trim markers, comments, break and
// continue, newlines inside actions). Copyright 2011 The Go Authors; BSD licence, see LICENSE-GO.md.
// Differences: the scanner runs to completion into an array instead of a goroutine, and positions
// are UTF-16 offsets into the JavaScript string.

/** Token kinds of the template lexer (Go's itemType). */
export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'complex' | 'assign' | 'declare' | 'eof'
  | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim'
  | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

/** One token. */
export interface Item {
  readonly typ: ItemType;
  readonly pos: number;
  readonly val: string;
  readonly line: number;
}

const keywords: Readonly<Record<string, ItemType>> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else',
  end: 'end', if: 'if', range: 'range', nil: 'nil', template: 'template', with: 'with',
};

/** True for the keyword token kinds (Go's `typ > itemKeyword`). */
export function isKeyword(t: ItemType): boolean {
  return Object.values(keywords).includes(t);
}

const leftDelim = '{{';
const rightDelim = '}}';
const leftComment = '/*';
const rightComment = '*/';
const trimMarkerLen = 2;

/** Options of the lexer: whether `break` and `continue` are keywords (not shadowed by functions). */
export interface LexOptions {
  readonly breakOK: boolean;
  readonly continueOK: boolean;
}

type StateFn = ((l: Lexer) => StateFn) | null;

/** Scans a whole template text into tokens; an error token ends the list. */
export function lex(input: string, options: LexOptions): Item[] {
  const l = new Lexer(input, options);
  for (let state: StateFn = lexText; state !== null; ) state = state(l);
  return l.items;
}

class Lexer {
  readonly items: Item[] = [];
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  insideAction = false;
  constructor(readonly input: string, readonly options: LexOptions) {}

  next(): string {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return '';
    }
    const r = runeAt(this.input, this.pos);
    this.pos += r.length;
    if (r === '\n') this.line++;
    return r;
  }
  peek(): string {
    if (this.pos >= this.input.length) return '';
    return runeAt(this.input, this.pos);
  }
  backup(r: string): void {
    if (this.atEOF) {
      this.atEOF = false;
      return;
    }
    if (r === '') return;
    this.pos -= r.length;
    if (r === '\n') this.line--;
  }
  thisItem(typ: ItemType): Item {
    const item = { typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return item;
  }
  emit(typ: ItemType): StateFn {
    return this.emitItem(this.thisItem(typ));
  }
  emitItem(item: Item): StateFn {
    this.items.push(item);
    return item.typ === 'eof' || item.typ === 'error' ? null : this.state;
  }
  /** The state after an emitted token (set by each state function before emitting). */
  state: StateFn = null;
  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }
  accept(valid: string): boolean {
    const r = this.next();
    if (r !== '' && valid.includes(r)) return true;
    this.backup(r);
    return false;
  }
  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === '' || !valid.includes(r)) {
        this.backup(r);
        return;
      }
    }
  }
  errorf(message: string): StateFn {
    this.items.push({ typ: 'error', pos: this.start, val: message, line: this.startLine });
    return null;
  }
  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(rightDelim, this.pos + trimMarkerLen)) return { delim: true, trimSpaces: true };
    if (this.input.startsWith(rightDelim, this.pos)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case '': case '.': case ',': case '|': case ':': case ')': case '(':
        return true;
    }
    return r === rightDelim[0];
  }
  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      // a leading 0 does not mean octal in floats
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    // the next thing must not be alphanumeric
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

/** The rune (one or two UTF-16 units) at i. */
function runeAt(s: string, i: number): string {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return s[i]!;
  return String.fromCodePoint(s.codePointAt(i)!);
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length >= at + 2 && s[at] === '-' && isSpace(s[at + 1]!);
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length >= at + 2 && isSpace(s[at]!) && s[at + 1] === '-';
}

/** Space as the template syntax sees it: blank, tab, CR, LF. */
export function isSpace(r: string): boolean {
  return r === ' ' || r === '\t' || r === '\r' || r === '\n';
}

/** Letters, digits and underscore, as Go's unicode.IsLetter/IsDigit. */
export function isAlphaNumeric(r: string): boolean {
  if (r.length === 1) {
    const c = r.charCodeAt(0);
    if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
  }
  return r !== '' && /^[\p{L}\p{Nd}]$/u.test(r);
}

function rightTrimLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(s[i - 1]!)) i--;
  return to - i;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s[i]!)) i++;
  return i - from;
}

function lexText(l: Lexer): StateFn {
  const x = l.input.indexOf(leftDelim, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      const delimEnd = l.pos + leftDelim.length;
      if (hasLeftTrimMarker(l.input, delimEnd)) trimLength = rightTrimLength(l.input, l.start, l.pos);
      l.pos -= trimLength;
      l.line += countNewlines(l.input, l.start, l.pos);
      const item = l.thisItem('text');
      l.pos += trimLength;
      l.ignore();
      if (item.val.length > 0) {
        l.state = lexLeftDelim;
        return l.emitItem(item);
      }
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    l.state = lexEOF;
    return l.emit('text');
  }
  return lexEOF(l);
}

function lexEOF(l: Lexer): StateFn {
  l.state = null;
  return l.emit('eof');
}

function lexLeftDelim(l: Lexer): StateFn {
  l.pos += leftDelim.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? trimMarkerLen : 0;
  if (l.input.startsWith(leftComment, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const item = l.thisItem('leftDelim');
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  l.state = lexInsideAction;
  return l.emitItem(item);
}

function lexComment(l: Lexer): StateFn {
  l.pos += leftComment.length;
  const x = l.input.indexOf(rightComment, l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + rightComment.length;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (trimSpaces) l.pos += trimMarkerLen;
  l.pos += rightDelim.length;
  if (trimSpaces) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn {
  const { trimSpaces } = l.atRightDelim();
  if (trimSpaces) {
    l.pos += trimMarkerLen;
    l.ignore();
  }
  l.pos += rightDelim.length;
  const item = l.thisItem('rightDelim');
  if (trimSpaces) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  l.state = lexText;
  return l.emitItem(item);
}

function lexInsideAction(l: Lexer): StateFn {
  const { delim } = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  l.state = lexInsideAction;
  const r = l.next();
  if (r === '') return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup(r); // put the space back in case of " -}}"
    return lexSpace;
  }
  switch (r) {
    case '=': return l.emit('assign');
    case ':':
      if (l.next() !== '=') return l.errorf('expected :=');
      return l.emit('declare');
    case '|': return l.emit('pipe');
    case '"': return lexQuote;
    case '`': return lexRawQuote;
    case '$': return lexVariable;
    case "'": return lexChar;
    case '(':
      l.parenDepth++;
      return l.emit('leftParen');
    case ')':
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit('rightParen');
  }
  if (r === '.') {
    // special look-ahead for ".field" so we don't break backup()
    if (l.pos < l.input.length) {
      const c = l.input[l.pos]!;
      if (c < '0' || c > '9') return lexField;
    }
  }
  if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
    l.backup(r);
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup(r);
    return lexIdentifier;
  }
  const code = r.codePointAt(0)!;
  if (code <= 0x7f && code >= 0x20 && code !== 0x7f) return l.emit('char');
  return l.errorf(`unrecognized character in action: ${unicodeName(r)}`);
}

/** Go's %#U of a rune: U+0007 or U+00E4 'ä'. */
function unicodeName(r: string): string {
  const code = r.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return /^\P{C}$/u.test(r) ? `U+${hex} '${r}'` : `U+${hex}`;
}

function lexSpace(l: Lexer): StateFn {
  let numSpaces = 0;
  for (;;) {
    const r = l.peek();
    if (!isSpace(r)) break;
    l.next();
    numSpaces++;
  }
  // a trim-marked closing delimiter has a minus after a space
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(rightDelim, l.pos - 1 + trimMarkerLen)) {
    l.backup(l.input[l.pos - 1]!); // before the space
    if (numSpaces === 1) return lexRightDelim;
  }
  l.state = lexInsideAction;
  return l.emit('space');
}

function lexIdentifier(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup(r);
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${unicodeName(r)}`);
    const kw = Object.prototype.hasOwnProperty.call(keywords, word) ? keywords[word] : undefined;
    l.state = lexInsideAction;
    if (kw !== undefined && kw !== 'dot') {
      if ((kw === 'break' && !l.options.breakOK) || (kw === 'continue' && !l.options.continueOK)) return l.emit('identifier');
      return l.emit(kw);
    }
    if (word[0] === '.') return l.emit('field');
    if (word === 'true' || word === 'false') return l.emit('bool');
    return l.emit('identifier');
  }
}

function lexField(l: Lexer): StateFn {
  return lexFieldOrVariable(l, 'field');
}

function lexVariable(l: Lexer): StateFn {
  if (l.atTerminator()) {
    l.state = lexInsideAction;
    return l.emit('variable');
  }
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, typ: 'field' | 'variable'): StateFn {
  l.state = lexInsideAction;
  if (l.atTerminator()) return l.emit(typ === 'variable' ? 'variable' : 'dot');
  let r: string;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup(r);
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${unicodeName(r)}`);
  return l.emit(typ);
}

function lexChar(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === '\\') {
      const e = l.next();
      if (e !== '' && e !== '\n') continue;
      return l.errorf('unterminated character constant');
    }
    if (r === '' || r === '\n') return l.errorf('unterminated character constant');
    if (r === "'") break;
  }
  l.state = lexInsideAction;
  return l.emit('charConstant');
}

function lexNumber(l: Lexer): StateFn {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${goQuoteASCII(l.input.slice(l.start, l.pos))}`);
  l.state = lexInsideAction;
  const sign = l.peek();
  if (sign === '+' || sign === '-') {
    // complex: 1+2i, no spaces, must end in 'i'
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${goQuoteASCII(l.input.slice(l.start, l.pos))}`);
    return l.emit('complex');
  }
  return l.emit('number');
}

function lexQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === '\\') {
      const e = l.next();
      if (e !== '' && e !== '\n') continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === '' || r === '\n') return l.errorf('unterminated quoted string');
    if (r === '"') break;
  }
  l.state = lexInsideAction;
  return l.emit('string');
}

function lexRawQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === '') return l.errorf('unterminated raw quoted string');
    if (r === '`') break;
  }
  l.state = lexInsideAction;
  return l.emit('rawString');
}

/** %q of a short ASCII-ish text, enough for the lexer's messages. */
function goQuoteASCII(s: string): string {
  return JSON.stringify(s);
}
