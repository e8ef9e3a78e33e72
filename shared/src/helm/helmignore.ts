// Port of Helm's pkg/ignore/rules.go (Copyright The Helm Authors, Apache-2.0; see NOTICE-HELM.md):
// the .helmignore rules a chart folder is read with.
import { BadPatternError, pathMatch } from './go-match';

interface Pattern {
  readonly raw: string;
  readonly negate: boolean;
  readonly mustDir: boolean;
  readonly match: (path: string) => boolean;
}

/** Parsed .helmignore rules. */
export interface IgnoreRules {
  readonly patterns: readonly Pattern[];
}

/** Helm's default rule: hidden files directly in templates/ are skipped. */
const DEFAULT_RULE = 'templates/.?*';

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function parseRule(line: string): Pattern | undefined {
  let rule = line.trim();
  if (rule === '' || rule.startsWith('#')) return undefined;
  if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
  try {
    pathMatch(rule, 'abc');
  } catch (e) {
    if (e instanceof BadPatternError) throw new Error(`syntax error in pattern: ${rule}`);
    throw e;
  }
  const raw = rule;
  let negate = false;
  let mustDir = false;
  if (rule.startsWith('!')) {
    negate = true;
    rule = rule.slice(1);
  }
  if (rule.endsWith('/')) {
    mustDir = true;
    rule = rule.slice(0, -1);
  }
  const r = rule;
  let match: (path: string) => boolean;
  if (r.startsWith('/')) match = (n) => pathMatch(r.slice(1), n);
  else if (r.includes('/')) match = (n) => pathMatch(r, n);
  else match = (n) => pathMatch(r, base(n));
  return { raw, negate, mustDir, match };
}

/** Parses a .helmignore text (plus Helm's default rule); a bad pattern throws with Helm's message. */
export function parseHelmignore(text: string | undefined): IgnoreRules {
  const patterns: Pattern[] = [];
  for (const line of (text ?? '').split(/\r?\n/)) {
    const p = parseRule(line);
    if (p) patterns.push(p);
  }
  patterns.push(parseRule(DEFAULT_RULE)!);
  return { patterns };
}

/** Whether a chart-relative path is ignored (Rules.Ignore). */
export function isIgnored(rules: IgnoreRules, path: string, isDir: boolean): boolean {
  if (path === '' || path === '.' || path === './') return false;
  for (const p of rules.patterns) {
    if (p.negate) {
      if (p.mustDir && !isDir) return true;
      if (!p.match(path)) return true;
      continue;
    }
    if (p.mustDir && !isDir) continue;
    if (p.match(path)) return true;
  }
  return false;
}
