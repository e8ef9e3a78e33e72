import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../../shared/src/protocol';
import { docsLinks } from './docs-location';
import { NOT_CHECKED_CODES, type Note } from '../../shared/src/lint';
import { NOT_CHECKED } from '../../shared/src/engine-rules';
import type { Lang, Result, Severity } from '../../shared/src/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  // shown in the editor (faded dots) but kept out of the Problems panel: advice, not a task
  info: DiagnosticSeverity.Hint,
};

/** What a result's diagnostic holds besides the document version: built once per result and display language. */
interface DiagnosticParts {
  readonly lang: Lang;
  readonly severity: DiagnosticSeverity;
  readonly codeDescription: { readonly href: string } | undefined;
  readonly message: string;
  readonly fix: DiagnosticData['fix'];
}

// Results of unchanged documents are the same objects from edit to edit (lintDocuments): convert them once.
const partsCache = new WeakMap<Result, DiagnosticParts>();
const links = new Map<string, { readonly href: string } | undefined>();
/** The shipped docs/rules.md, which every editor can open. */
const SHIPPED = docsLinks(false);

function partsOf(result: Result, lang: Lang): DiagnosticParts {
  let link = links.get(result.ruleId);
  if (!links.has(result.ruleId)) {
    const href = SHIPPED.diagnostic(result.ruleId);
    links.set(result.ruleId, (link = href ? { href } : undefined));
  }
  return {
    lang,
    severity: SEVERITY[result.severity],
    codeDescription: link,
    message: result.message[lang],
    fix: result.fix ? { edits: result.fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } : undefined,
  };
}

/** The related places of results as LSP related information (location and message), each place once. */
export function relatedInformation(results: readonly Result[], lang: Lang): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    for (const p of r.related ?? []) {
      const message = p.message[lang];
      const key = `${p.uri}\0${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character}\0${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ location: { uri: p.uri, range: p.range }, message });
    }
  }
  return out;
}

/**
 * An LSP diagnostic for a result: code = rule id linking its docs, data = finding data + fix for
 * `version`; with `related` (the client supports it), the result's related places as related information.
 */
export function toDiagnostic(result: Result, version: number, lang: Lang, related = false): Diagnostic {
  let parts = partsCache.get(result);
  if (!parts || parts.lang !== lang) partsCache.set(result, (parts = partsOf(result, lang)));
  const data: DiagnosticData = parts.fix ? { ...result.data, version, fix: parts.fix } : { ...result.data, version };
  return {
    range: result.range,
    severity: parts.severity,
    code: result.ruleId,
    ...(parts.codeDescription ? { codeDescription: parts.codeDescription } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: parts.message,
    ...(related && result.related?.length ? { relatedInformation: relatedInformation([result], lang) } : {}),
    data,
  };
}

/** True when a diagnostic (from the client's context) is the one this result produced. */
export function sameFinding(d: Diagnostic, r: Result): boolean {
  return (
    d.code === r.ruleId &&
    d.range.start.line === r.range.start.line &&
    d.range.start.character === r.range.start.character &&
    d.range.end.line === r.range.end.line &&
    d.range.end.character === r.range.end.character
  );
}

/**
 * An information diagnostic on the first character for a note saying why a file was not (fully)
 * checked; none for templates, and none when the file's results already say it (`bollwerk/not-checked`).
 */
export function noteDiagnostics(notes: readonly Note[], lang: Lang, results: readonly Result[] = []): Diagnostic[] {
  if (notes.length === 0) return [];
  const reported = results.some((r) => r.ruleId === NOT_CHECKED.id);
  return notes
    .filter((n) => n.code !== 'templated' && !(reported && NOT_CHECKED_CODES.has(n.code)))
    .map((n) => ({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      code: `bollwerk/${n.code}`,
      source: DIAGNOSTIC_SOURCE,
      message: n.message[lang],
    }));
}

const BASELINED: Record<Lang, string> = { en: 'In the baseline: ', de: 'In der Baseline: ' };

/**
 * The diagnostics of a file's results: those the baseline lists are left out (`hide`) or shown as
 * hints saying so (`hint`), so that only new findings stand out.
 */
export function resultDiagnostics(results: readonly Result[], version: number, lang: Lang, baselined: ReadonlySet<Result>, display: 'hide' | 'hint', related = false): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of results) {
    if (!baselined.has(r)) out.push(toDiagnostic(r, version, lang, related));
    else if (display === 'hint') {
      const d = toDiagnostic(r, version, lang, related);
      out.push({ ...d, severity: DiagnosticSeverity.Hint, message: `${BASELINED[lang]}${d.message}` });
    }
  }
  return out;
}
