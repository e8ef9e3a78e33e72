/**
 * Where dockerfile-ast reads a Dockerfile differently from BuildKit's parser
 * (moby/buildkit frontend/dockerfile/parser: parser.go, directives.go), the text it is given is
 * adjusted here, so that the rules see the instructions `docker build` builds. Every adjustment keeps
 * each character's offset and every line break, so ranges stay those of the file:
 *
 * 1. Parser directives: BuildKit stops reading them at the first comment that is not `syntax`,
 *    `escape` or `check` (directives.go, validDirectives); dockerfile-ast reads on, so a later
 *    `# escape=\`` changed the escape character for it alone. The unknown directive's `=` is masked.
 * 2. Here-documents with a file descriptor (`cat 0<<EOF`): BuildKit opens them (reHeredoc
 *    `^(\d*)<<(-?)([^<]*)$`), dockerfile-ast does not and read the body as instructions. The digits
 *    are masked, so that dockerfile-ast sees `<<EOF`.
 * 3. Exec form (`RUN ["sh", "-c", "cat <<EOF"]`): BuildKit opens no here-document in a JSON
 *    instruction (canContainHeredoc), dockerfile-ast does and swallowed the following instructions
 *    up to a delimiter line or the end of the file. See {@link execFormCuts}.
 */

/** The directive names BuildKit knows; another name ends the directives. */
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
/** A directive line as dockerfile-ast reads one: `# name = value`. */
const DIRECTIVE = /^[ \t]*#[ \t]*([^ \t=\r\n]+)[ \t]*=/;

/** Replaces `[start, end)` of `chars` by blanks (line breaks stay). */
function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

/** Offsets of the lines of `text` as [start, end) without the line break. */
function lineSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      spans.push([start, i > start && text[i - 1] === '\r' ? i - 1 : i]);
      start = i + 1;
    }
  }
  return spans;
}

/** A span `[start, end)` of the text to blank. */
type Mask = readonly [number, number];

/** Case 1: the `=` of the first directive-like line with a name BuildKit does not know. */
function unknownDirective(text: string): Mask[] {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (const [start, end] of lineSpans(text)) {
    const from = start === 0 ? bom : start;
    const m = DIRECTIVE.exec(text.slice(from, end));
    if (!m) return [];
    if (!KNOWN_DIRECTIVES.has(m[1]!.toLowerCase())) return [[from + m[0].length - 1, from + m[0].length]];
  }
  return [];
}

/** Case 2: a RUN, COPY or ADD word `<digits><<NAME` (unquoted, outside exec form): the digits. */
const FD_HEREDOC = /(^|[ \t])(\d+)<<-?[^<\s]/g;
const HEREDOC_KEYWORD = /^[ \t]*(?:onbuild[ \t]+)?(?:run|copy|add)[ \t]/i;

function descriptorHeredocs(text: string): Mask[] {
  if (!/\d<</.test(text)) return [];
  const masks: Mask[] = [];
  for (const [start, end] of lineSpans(text)) {
    const line = text.slice(start, end);
    if (!HEREDOC_KEYWORD.test(line) || line.indexOf('<<') === -1 || /^[^[]*\[\s*"/.test(line.replace(HEREDOC_KEYWORD, ''))) continue;
    for (const m of line.matchAll(FD_HEREDOC)) {
      const at = start + m.index + m[1]!.length;
      masks.push([at, at + m[2]!.length]);
    }
  }
  return masks;
}

/** The text dockerfile-ast parses: the file with cases 1 and 2 masked; the file itself when nothing applies. */
export function buildkitText(text: string): string {
  const masks = [...(/^\uFEFF?[ \t]*#[^\r\n]*=/.test(text) ? unknownDirective(text) : []), ...descriptorHeredocs(text)];
  if (masks.length === 0) return text;
  const units = text.split('');
  for (const [start, end] of masks) blank(units, start, end);
  return units.join('');
}

/** `text` with everything outside `[from, to)` blanked, except the lines before `keepUpTo` (the directives). */
export function segment(text: string, keepUpTo: number, from: number, to: number): string {
  const units = text.split('');
  blank(units, keepUpTo, from);
  blank(units, to, units.length);
  return units.join('');
}

/** A JSON array of strings, as BuildKit's parseMaybeJSON accepts one. */
function isJsonArray(s: string): boolean {
  if (!s.startsWith('[')) return false;
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

/** A line that continues on the next (parser.go lineContinuationRegex), for each escape character. */
const CONTINUED_BACKSLASH = /(^|[^\\])\\[ \t]*$/;
const CONTINUED_BACKTICK = /(^|[^`])`[ \t]*$/;

/**
 * The offset where BuildKit ends the instruction starting at `start` (its first logical line: line
 * continuations followed, comment and empty lines inside them skipped) and that line's text joined.
 */
export function logicalLine(text: string, start: number, escape: string): { end: number; joined: string } {
  const continued = escape === '`' ? CONTINUED_BACKTICK : CONTINUED_BACKSLASH;
  let joined = '';
  let i = start;
  let first = true;
  while (i <= text.length) {
    let e = text.indexOf('\n', i);
    if (e === -1) e = text.length;
    const line = text.slice(i, e > i && text[e - 1] === '\r' ? e - 1 : e);
    const trimmed = line.trimStart();
    if (!first && (trimmed.startsWith('#') || trimmed === '')) {
      if (e >= text.length) return { end: text.length, joined };
      i = e + 1;
      continue;
    }
    first = false;
    if (!continued.test(line)) return { end: i + line.length, joined: joined + line };
    joined += line.replace(/[\\`][ \t]*$/, '');
    if (e >= text.length) return { end: text.length, joined };
    i = e + 1;
  }
  return { end: text.length, joined };
}

/** True when the logical line is an exec-form RUN, COPY or ADD (also under ONBUILD), where BuildKit opens no here-document. */
export function isExecFormHeredocCandidate(joined: string): boolean {
  const m = /^\s*(?:onbuild\s+)?(run|copy|add)\s+((?:--\S+\s+)*)(.*)$/is.exec(joined);
  return m !== null && isJsonArray(m[3]!.trim());
}
