import { DEFAULT_CONFIG, type Config } from '../../shared/src/config';
import { allRules, lintText, lintWorkspace, parseFile } from '../../shared/src/lint';
import { detectKind } from '../../shared/src/parse/kind';
import type { FileKind, Result, Rule } from '../../shared/src/types';

/** A finding reduced to what the fact tables compare: rule, file, range `[line, char, endLine, endChar]`. */
export interface Seen {
  readonly rule: string;
  readonly uri: string;
  readonly range: readonly [number, number, number, number];
}

const CONFIG = { ...DEFAULT_CONFIG, level: 'L3' as const };

const ruleById = (id: string): Rule => {
  const rule = allRules().find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
};

const seen = (r: Result): Seen => ({ rule: r.ruleId, uri: r.uri.replace('file:///ws/', ''), range: [r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character] });

/** The findings of the named file rules on one file (path below file:///ws/). */
export function lintFile(ruleIds: readonly string[], path: string, text: string, config: Partial<Config> = {}): Seen[] {
  const report = lintText(`file:///ws/${path}`, text, { rules: ruleIds.map(ruleById), config: { ...CONFIG, ...config }, log: (m) => { throw new Error(m); } });
  return report.results.map(seen);
}

/** The findings of the named workspace rules over files (path → text) below file:///ws/. */
export function lintFiles(ruleIds: readonly string[], files: Readonly<Record<string, string>>): Seen[] {
  const parsed = Object.entries(files).map(([path, text]) => parseFile(`file:///ws/${path}`, text, detectKind(path, text) ?? ('kubernetes' satisfies FileKind)));
  return lintWorkspace(parsed, { rules: ruleIds.map(ruleById), config: CONFIG, log: (m) => { throw new Error(m); } }).map(seen);
}

/** The range of the `nth` (0-based) occurrence of `needle` in `text`, which must be on one line. */
export function rangeOf(text: string, needle: string, nth = 0): [number, number, number, number] {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} not in ${JSON.stringify(text)}`);
  }
  const before = text.slice(0, at).split('\n');
  const line = before.length - 1;
  const character = before[line]!.length;
  return [line, character, line, character + needle.length];
}

/** The range of `value` where it follows `prefix` (`user: ` and its value) on one line. */
export function rangeAfter(text: string, prefix: string, value: string): [number, number, number, number] {
  const [line, start, , end] = rangeOf(text, prefix + value);
  return [line, start + prefix.length, line, end];
}
