/** Here-documents (`<<EOF`, `<<-EOF`, `<<"EOF"`) of RUN, COPY and ADD, on document offsets (dockerfile-ast 0.7 semantics). */
import type { Word } from './dockerfile-words';

/** A here-document: its opening word, its name, and (when complete) its content and closing delimiter. */
export interface HeredocSpan {
  readonly name: string;
  /** The `<<EOF` word. */
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** null when the instruction ends before the here-document's content. */
  readonly content: readonly [number, number] | null;
  /** null when the closing delimiter is missing. */
  readonly delimiter: readonly [number, number] | null;
}

/** What the here-document parser needs of an instruction. */
export interface HeredocSource {
  readonly doc: { readonly text: string; readonly escape: string };
  readonly start: number;
  readonly end: number;
  words(): readonly Word[];
}

/** The delimiter named by a `<<…` word; null when it is not one (`<<<`, unbalanced quotes). */
export function heredocName(value: string): string | null {
  let v = value.substring(2);
  if (v.charAt(0) === '-') v = v.substring(1);
  if (v.charAt(0) === '"') {
    if (v.charAt(v.length - 1) !== '"') return null;
    v = v.substring(1, v.length - 1);
  }
  if (v.charAt(0) === "'") {
    if (v.charAt(v.length - 1) !== "'") return null;
    v = v.substring(1, v.length - 1);
  }
  return v.charAt(0) === '<' ? null : v;
}

/** Offsets of the name inside a `<<"EOF"` word. */
function nameSpan(text: string, w: Word, escape: string): [number, number] {
  const content = text.substring(w.start, w.end);
  let endFound = false;
  let searchHyphen = false;
  let start = -1;
  let end = -1;
  let escaping = false;
  let quote: string | null = null;
  contentLoop: for (let i = 0; i < content.length; i++) {
    const ch = content[i]!;
    if (ch === '"' || ch === "'") {
      if (quote === ch) break;
      quote = ch;
      continue;
    }
    if (ch === escape) {
      if (content.indexOf('\n', i + 1) !== -1) {
        escaping = true;
        continue contentLoop;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    if (ch === '<') {
      if (endFound) searchHyphen = true;
      else endFound = true;
      continue;
    }
    if (ch === '-' && searchHyphen) {
      searchHyphen = false;
      continue;
    }
    if ((ch === '-' || ch === '#') && escaping) {
      const nl = content.indexOf('\n', i + 1);
      if (nl !== -1) {
        i = nl;
        continue;
      }
    }
    if (start === -1) start = i;
    if (quote !== null) {
      end = i + 1;
      continue;
    }
    break;
  }
  if (start === -1) return [w.end, w.end];
  return [w.start + start, quote !== null ? w.start + end : w.end];
}

/** The name with escapes, continuations and comment lines removed. */
function nameOf(text: string, span: [number, number], escape: string): string {
  const content = text.substring(span[0], span[1]);
  let escaping = false;
  let name = '';
  nameLoop: for (let i = 0; i < content.length; i++) {
    const ch = content[i]!;
    if (ch === escape) {
      escaping = true;
      for (let j = i + 1; j < content.length; j++) {
        const d = content[j]!;
        if (d === ' ' || d === '\t') continue;
        if (d === '\r') i = j + 1;
        else if (d === '\n') i = j;
        else {
          name += d;
          i = j;
        }
        continue nameLoop;
      }
      continue;
    }
    if (ch === '#' && escaping) {
      const nl = content.indexOf('\n', i + 1);
      if (nl !== -1) {
        i = nl;
        continue;
      }
    }
    if ((ch === '#' || ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') && escaping) continue;
    name += ch;
  }
  return name;
}

function delimiter(text: string, opener: Word, name: string, start: number, end: number): [number, number] | null {
  const line = text.substring(start, end);
  if (opener.value.startsWith('<<-')) {
    let index = 0;
    while (line.charAt(index) === '\t') index++;
    return line.substring(index) === name ? [start + index, end] : null;
  }
  return line === name ? [start, end] : null;
}

function incomplete(text: string, w: Word, escape: string): HeredocSpan {
  const [nameStart, nameEnd] = nameSpan(text, w, escape);
  return { name: nameOf(text, [nameStart, nameEnd], escape), start: w.start, end: w.end, nameStart, nameEnd, content: null, delimiter: null };
}

/** The here-documents of an instruction, in order. */
export function heredocs(source: HeredocSource): HeredocSpan[] {
  const { text, escape } = source.doc;
  const args = source.words();
  const first = args[0];
  if (!first) return [];
  const singleLine = (): HeredocSpan[] => args.filter((a) => a.value.startsWith('<<') && heredocName(a.value) !== null).map((a) => incomplete(text, a, escape));
  const base = first.start;
  const content = text.substring(base, source.end);
  if (!/[\r\n]/.test(text.substring(source.start, source.end))) return singleLine();
  const out: HeredocSpan[] = [];
  const definitions: Word[] = [];
  let processed = false;
  let escaping = false;
  let contentStart = -1;
  let contentEnd = -1;
  let lineStart = -1;
  let current = 0;
  contentLoop: for (let i = 0; i < content.length; i++) {
    const ch = content[i]!;
    if (ch === escape) {
      escaping = true;
      for (let j = i + 1; j < content.length; j++) {
        const d = content[j];
        if (d === ' ' || d === '\t') continue;
        if (d === '\r') j++;
        i = j;
        continue contentLoop;
      }
      continue;
    }
    if (ch === '\r') continue;
    if (ch === '\n') {
      if (escaping) continue;
      if (processed) {
        if (contentStart === -1) contentStart = i;
        contentEnd = i;
        const arg = definitions[current];
        if (arg) {
          const h = incomplete(text, arg, escape);
          const d = delimiter(text, arg, h.name, base + lineStart, base + i);
          if (d) {
            out.push({ ...h, content: [base + contentStart, base + lineStart - 1], delimiter: d });
            contentStart = -1;
            current++;
          }
        }
        lineStart = -1;
      } else {
        for (const arg of args) {
          if (arg.start >= base + i) break;
          if (arg.value.startsWith('<<')) definitions.push(arg);
        }
        processed = true;
        lineStart = -1;
      }
      continue;
    }
    if ((ch === ' ' || ch === '\t') && escaping) continue;
    if (ch === '#' && escaping) {
      const nl = content.indexOf('\n', i + 1);
      if (nl !== -1) {
        i = nl;
        continue;
      }
    }
    escaping = false;
    if (processed) {
      if (contentStart === -1) contentStart = i;
      if (lineStart === -1) lineStart = i;
    }
  }
  if (!processed) return singleLine();
  const arg = definitions[current];
  if (!arg) return out;
  const h = incomplete(text, arg, escape);
  const d = delimiter(text, arg, h.name, base + lineStart, source.end);
  const body: [number, number] | null = d === null ? [base + contentStart, source.end] : contentEnd !== -1 ? [base + contentStart, base + contentEnd] : null;
  out.push({ ...h, content: body, delimiter: d });
  for (let k = current + 1; k < definitions.length; k++) out.push(incomplete(text, definitions[k]!, escape));
  return out;
}
