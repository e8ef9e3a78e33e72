import type { LineIndex } from './text';
import type { FileKind, RawFinding, RuleMeta } from './types';

/**
 * Suppression comments and annotations, ours and the peers' (README.md, "Configuration and suppressions"):
 *  - `# bollwerk-ignore <id>[,<id>] [-- reason]` on the finding's line, or in the comment block
 *    directly above the finding or above its object;
 *  - `# bollwerk-ignore-file <id>[,<id>]` anywhere;
 *  - hadolint `# hadolint ignore=DL3002,DL3008` (line above) and `# hadolint global ignore=…`;
 *  - Checkov `# checkov:skip=CKV_DOCKER_2: reason` (line above; in Dockerfiles also file-wide,
 *    as Checkov applies them), K8s annotations `checkov.io/skip1: CKV_K8S_20=reason`;
 *  - kube-linter annotations `ignore-check.kube-linter.io/<check>`;
 *  - Trivy `# trivy:ignore:KSV001` / `#trivy:ignore:AVD-KSV-0001` (line above).
 * A peer's suppression applies only to rules whose `equivalents` name that peer's check.
 */
export interface Suppressions {
  /** True when the finding of `rule` is suppressed. */
  isSuppressed(rule: RuleMeta, finding: RawFinding): boolean;
}

const SPLIT = /[\s,]+/;

/** Normalises Trivy's ids: `AVD-KSV-0001` and `KSV001` are the same check. */
export function normalizeTrivyId(id: string): string {
  const m = /^(?:AVD-)?([A-Z]+)-?0*(\d+)$/i.exec(id.trim());
  return m ? `${m[1]!.toUpperCase()}${m[2]!.padStart(3, '0')}` : id.trim().toUpperCase();
}

// Asked once per finding: computed once per rule.
const tokenCache = new WeakMap<RuleMeta, string[]>();

function equivalentTokens(rule: RuleMeta): string[] {
  let cached = tokenCache.get(rule);
  if (!cached) tokenCache.set(rule, (cached = computeEquivalentTokens(rule)));
  return cached;
}

function computeEquivalentTokens(rule: RuleMeta): string[] {
  const tokens = [`bollwerk:${rule.id}`];
  for (const eq of rule.equivalents ?? []) {
    const i = eq.indexOf(':');
    if (i < 0) continue;
    const tool = eq.slice(0, i);
    const id = eq.slice(i + 1);
    tokens.push(tool === 'trivy' ? `trivy:${normalizeTrivyId(id)}` : `${tool}:${id.toUpperCase()}`);
  }
  return tokens;
}

function parseComment(comment: string, fileWide: Set<string>): Set<string> {
  const tokens = new Set<string>();
  const body = comment.replace(/^#\s*/, '');
  let m: RegExpExecArray | null;
  if ((m = /^bollwerk-ignore-file\s+([^\s].*?)(?:\s+--.*)?$/.exec(body))) {
    for (const id of m[1]!.split(SPLIT)) if (id) fileWide.add(`bollwerk:${id}`);
  } else if ((m = /^bollwerk-ignore\s+([^\s].*?)(?:\s+--.*)?$/.exec(body))) {
    for (const id of m[1]!.split(SPLIT)) if (id) tokens.add(`bollwerk:${id}`);
  } else if ((m = /^hadolint\s+global\s+ignore\s*=\s*(\S+)/.exec(body))) {
    for (const id of m[1]!.split(',')) if (id) fileWide.add(`hadolint:${id.toUpperCase()}`);
  } else if ((m = /^hadolint\s+ignore\s*=\s*(\S+)/.exec(body))) {
    for (const id of m[1]!.split(',')) if (id) tokens.add(`hadolint:${id.toUpperCase()}`);
  } else if ((m = /^checkov:skip=([A-Z0-9_]+)/i.exec(body))) {
    tokens.add(`checkov:${m[1]!.toUpperCase()}`);
  } else if ((m = /^trivy:ignore:(\S+)/i.exec(body))) {
    tokens.add(`trivy:${normalizeTrivyId(m[1]!)}`);
  }
  return tokens;
}

/** Finds the comment part of a line (`#` at line start or after whitespace, outside quotes). */
function commentOf(line: string): string | undefined {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:\[{,-]/.test(line[i - 1] ?? ' ')) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return line.slice(i);
    }
  }
  return undefined;
}

/** The suppression comments of a file as plain data (kept per file for workspace rules, sent across threads). */
export interface SuppressionIndex {
  /** Tokens that apply to the whole file. */
  readonly fileWide: readonly string[];
  /** Per 0-based line holding a suppression comment: its tokens. */
  readonly byLine: readonly (readonly [number, readonly string[]])[];
  /** 0-based lines that hold only a comment (a comment block above a finding applies to it). */
  readonly commentLines: readonly number[];
}

/** A `#` followed by the word a suppression comment starts with (parseComment), tried at one `#`. */
const SUPPRESSION_START = /#\s*(?:bollwerk-ignore|hadolint|checkov:|trivy:)/iy;

/**
 * Whether the text may hold a suppression comment: parseComment reads one only where a `#` is followed
 * by blanks and one of its words, so each `#` is tried there, not the rest of its line.
 */
function mayHoldSuppression(text: string): boolean {
  for (let i = text.indexOf('#'); i !== -1; i = text.indexOf('#', i + 1)) {
    SUPPRESSION_START.lastIndex = i;
    if (SUPPRESSION_START.test(text)) return true;
  }
  return false;
}

/** Reads the suppression comments of a file; undefined when it has none (the common case). */
export function suppressionIndex(lines: LineIndex, kind: FileKind): SuppressionIndex | undefined {
  if (!mayHoldSuppression(lines.text)) return undefined;
  const fileWide = new Set<string>();
  const byLine: [number, string[]][] = [];
  const commentLines: number[] = [];
  for (let n = 0; n < lines.lineCount; n++) {
    const line = lines.lineText(n);
    if (!line.includes('#')) continue;
    const comment = commentOf(line);
    if (!comment) continue;
    if (/^\s*#/.test(line)) commentLines.push(n);
    const tokens = parseComment(comment, fileWide);
    if (kind === 'dockerfile') for (const t of tokens) if (t.startsWith('checkov:')) fileWide.add(t);
    if (tokens.size) byLine.push([n, [...tokens]]);
  }
  if (fileWide.size === 0 && byLine.length === 0) return undefined;
  return { fileWide: [...fileWide], byLine, commentLines };
}

const ANNOTATIONS_ONLY: Suppressions = {
  isSuppressed: (rule, finding) => finding.annotations !== undefined && annotationSuppresses(rule, finding.annotations),
};

/** The suppressions of a file from its index (annotations only when it has no suppression comment). */
export function suppressionsOf(index: SuppressionIndex | undefined): Suppressions {
  if (!index) return ANNOTATIONS_ONLY;
  const fileWide = new Set(index.fileWide);
  const byLine = new Map(index.byLine);
  const commentLines = new Set(index.commentLines);

  /** Tokens on `line` and in the block of comment lines directly above it. */
  const tokensAround = (line: number): Set<string> => {
    const out = new Set<string>(byLine.get(line) ?? []);
    for (let n = line - 1; n >= 0 && commentLines.has(n); n--) for (const t of byLine.get(n) ?? []) out.add(t);
    return out;
  };

  return {
    isSuppressed(rule, finding) {
      const tokens = equivalentTokens(rule);
      if (tokens.some((t) => fileWide.has(t))) return true;
      if (finding.annotations && annotationSuppresses(rule, finding.annotations)) return true;
      const near = tokensAround(finding.range.start.line);
      if (finding.objectRange) for (const t of tokensAround(finding.objectRange.start.line)) near.add(t);
      return tokens.some((t) => near.has(t));
    },
  };
}

function annotationSuppresses(rule: RuleMeta, annotations: Readonly<Record<string, string>>): boolean {
  const eqs = rule.equivalents ?? [];
  for (const [key, value] of Object.entries(annotations)) {
    if (key === `bollwerk.dev/ignore`) {
      if (value.split(SPLIT).includes(rule.id)) return true;
    }
    const kl = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(key);
    if (kl && eqs.includes(`kube-linter:${kl[1]}`)) return true;
    if (/^checkov\.io\/skip\d*$/.test(key)) {
      const id = value.split('=')[0]!.trim().toUpperCase();
      if (eqs.some((e) => e.toUpperCase() === `CHECKOV:${id}`)) return true;
    }
  }
  return false;
}
