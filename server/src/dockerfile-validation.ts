/**
 * dockerfile-utils' syntax validation among the diagnostics of a Dockerfile (source
 * `dockerfile-utils`), without the problems Bollwerk reports itself.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import { ValidationCode } from 'dockerfile-utils';
import type { Result } from '../../shared/src/types';

/** dockerfile-utils codes that a Bollwerk rule reports on the same line, with that rule's id. */
const REPORTED_BY_BOLLWERK: ReadonlyMap<ValidationCode, string> = new Map([
  // `CMD ['a']` is shell form to Docker; dockerfile/exec-form says so and offers the fix
  [ValidationCode.JSON_IN_SINGLE_QUOTES, 'dockerfile/exec-form'],
]);

/** Bollwerk's parse errors; a dockerfile-utils problem on the same line repeats them. */
const PARSE_ERROR = 'bollwerk/parse-error';

/** dockerfile-utils' diagnostics of a Dockerfile's text, minus those a Bollwerk result on the same line already reports. */
export function dockerfileDiagnostics(service: DockerfileLanguageService, text: string, results: readonly Result[]): Diagnostic[] {
  const linesOf = (ruleId: string): Set<number> => new Set(results.filter((r) => r.ruleId === ruleId).map((r) => r.range.start.line));
  const parseErrors = linesOf(PARSE_ERROR);
  return service.validate(text).filter((d) => {
    if (parseErrors.has(d.range.start.line)) return false;
    const rule = typeof d.code === 'number' ? REPORTED_BY_BOLLWERK.get(d.code) : undefined;
    return !rule || !linesOf(rule).has(d.range.start.line);
  });
}
