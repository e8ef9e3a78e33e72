// Ported from Go's src/strconv/quote.go: Quote, QuoteToASCII, Unquote and UnquoteChar.
// Copyright 2009 The Go Authors; BSD licence, see LICENSE-GO.md.

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: string): boolean {
  const c = r.charCodeAt(0);
  if (c < 0x80) return c >= 0x20 && c < 0x7f;
  return printable.test(r);
}

/** strconv.Quote (asciiOnly: QuoteToASCII; graphicOnly extends printable to other spaces). */
export function goQuote(s: string, asciiOnly = false, quote = '"'): string {
  // plain printable ASCII needs no escapes
  if (quote === '"' && /^[ !#-\[\]-~]*$/.test(s)) return `"${s}"`;
  const out: string[] = [quote];
  for (const r of s) out.push(quoteRune(r, quote, asciiOnly));
  out.push(quote);
  return out.join('');
}

/** strconv.QuoteRune: 'x' with escapes. */
export function goQuoteRune(code: number, asciiOnly = false): string {
  const r = code >= 0xd800 && code <= 0xdfff ? '\ufffd' : String.fromCodePoint(code);
  return `'${quoteRune(r, "'", asciiOnly)}'`;
}

function quoteRune(r: string, quote: string, asciiOnly: boolean): string {
  if (r === quote || r === '\\') return `\\${r}`;
  const c = r.codePointAt(0)!;
  if (asciiOnly ? c < 0x80 && isPrint(r) : isPrint(r) && !(c >= 0xd800 && c <= 0xdfff)) return r;
  switch (r) {
    case '\x07': return '\\a';
    case '\b': return '\\b';
    case '\f': return '\\f';
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    case '\v': return '\\v';
  }
  if (c < 0x20 || c === 0x7f) return `\\x${hex(c, 2)}`;
  if (c >= 0xd800 && c <= 0xdfff) return '\\ufffd';
  if (c < 0x10000) return `\\u${hex(c, 4)}`;
  return `\\U${hex(c, 8)}`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** strconv.Unquote of a "…", `…` or '…' literal; throws `invalid syntax` as Go does. */
export function goUnquote(q: string): string {
  const quote = q[0];
  if (q.length < 2 || q[q.length - 1] !== quote) throw new SyntaxError('invalid syntax');
  const body = q.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) throw new SyntaxError('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (quote !== '"' && quote !== "'") throw new SyntaxError('invalid syntax');
  if (quote === '"' && !body.includes('\\') && !body.includes('"') && !body.includes('\n')) return body;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let i = 0;
  let runes = 0;
  while (i < body.length) {
    const { value, bytes: raw, next } = unquoteChar(body, i, quote);
    if (raw !== undefined) bytes.push(raw);
    else for (const b of encoder.encode(String.fromCodePoint(value))) bytes.push(b);
    i = next;
    runes++;
  }
  if (quote === "'" && runes !== 1) throw new SyntaxError('invalid syntax');
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** strconv.UnquoteChar at index i: the rune (or a raw byte for \x and octal escapes) and where the next one starts. */
export function unquoteChar(s: string, i: number, quote: string): { value: number; bytes: number | undefined; next: number } {
  const c = s.codePointAt(i)!;
  const ch = String.fromCodePoint(c);
  if (ch === quote && (quote === "'" || quote === '"')) throw new SyntaxError('invalid syntax');
  if (ch === '\n') throw new SyntaxError('invalid syntax');
  if (ch !== '\\') return { value: c, bytes: undefined, next: i + ch.length };
  const e = s[i + 1];
  if (e === undefined) throw new SyntaxError('invalid syntax');
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (simple[e] !== undefined) return { value: simple[e], bytes: undefined, next: i + 2 };
  if (e === "'" || e === '"') {
    if (e !== quote) throw new SyntaxError('invalid syntax');
    return { value: e.charCodeAt(0), bytes: undefined, next: i + 2 };
  }
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const digits = s.slice(i + 2, i + 2 + n);
    if (digits.length !== n || !/^[0-9a-fA-F]+$/.test(digits)) throw new SyntaxError('invalid syntax');
    const v = parseInt(digits, 16);
    if (e === 'x') return { value: v, bytes: v, next: i + 2 + n };
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError('invalid syntax');
    return { value: v, bytes: undefined, next: i + 2 + n };
  }
  if (e >= '0' && e <= '7') {
    const digits = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(digits)) throw new SyntaxError('invalid syntax');
    const v = parseInt(digits, 8);
    if (v > 255) throw new SyntaxError('invalid syntax');
    return { value: v, bytes: v, next: i + 4 };
  }
  throw new SyntaxError('invalid syntax');
}
