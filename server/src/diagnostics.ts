import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE, ruleDocsUrl, type DiagnosticData } from '../../shared/src/protocol';
import type { Note } from '../../shared/src/lint';
import type { Lang, Result, Severity } from '../../shared/src/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** An LSP diagnostic for a result: code = rule id linking its docs, data = finding data + fix for `version`. */
export function toDiagnostic(result: Result, version: number, lang: Lang): Diagnostic {
  const data: DiagnosticData = {
    ...result.data,
    version,
    ...(result.fix ? { fix: { edits: result.fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } } : {}),
  };
  return {
    range: result.range,
    severity: SEVERITY[result.severity],
    code: result.ruleId,
    codeDescription: { href: ruleDocsUrl(result.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: result.message[lang],
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

/** An information diagnostic on the first character for a note saying why a file was not (fully) checked; none for templates. */
export function noteDiagnostics(notes: readonly Note[], lang: Lang): Diagnostic[] {
  return notes
    .filter((n) => n.code !== 'templated')
    .map((n) => ({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      code: `bollwerk/${n.code}`,
      source: DIAGNOSTIC_SOURCE,
      message: n.message[lang],
    }));
}
