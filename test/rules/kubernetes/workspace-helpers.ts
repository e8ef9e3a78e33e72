import { DEFAULT_CONFIG } from '../../../shared/src/config';
import { lintWorkspace, parseFile } from '../../../shared/src/lint';
import { detectKind } from '../../../shared/src/parse/kind';
import type { Result, Rule } from '../../../shared/src/types';

/** A finding of a workspace rule reduced to what the tables compare: file, range, message. */
export interface Brief {
  readonly uri: string;
  readonly range: readonly [number, number, number, number];
  readonly message: string;
}

/** Parses `files` (path → text) together and runs one workspace rule over them. */
export function runWorkspace(rule: Rule, files: Readonly<Record<string, string>>): Brief[] {
  const parsed = Object.entries(files).map(([path, text]) => parseFile(`file:///ws/${path}`, text, detectKind(path, text) ?? 'kubernetes'));
  const results: Result[] = lintWorkspace(parsed, { rules: [rule], config: { ...DEFAULT_CONFIG, level: 'L3' }, log: (m) => { throw new Error(m); } });
  return results.map((r) => ({
    uri: r.uri.replace('file:///ws/', ''),
    range: [r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character],
    message: r.message.en,
  }));
}
