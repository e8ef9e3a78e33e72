// Semantic versions and constraints as Masterminds/semver v3 reads them (what Helm uses for
// dependency versions and Chart.yaml's kubeVersion): loose versions (`1`, `v1.2`), `||` groups of
// comma- or space-separated comparisons, `~`, `^`, wildcards and hyphen ranges; a version with a
// pre-release only satisfies a comparison that names a pre-release.

/** A parsed version. */
export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly pre: string;
}

const VERSION = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** semver.NewVersion; undefined when the text is no version. */
export function parseSemver(text: string): SemVer | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ?? '' };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) {
      if (Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    } else if (xn) return -1;
    else if (yn) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Compares two versions (-1, 0, 1). */
export function compareSemver(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

type Check = (v: SemVer) => boolean;

interface Partial {
  readonly v: SemVer;
  /** How many of major, minor, patch were given as numbers (a wildcard stops the count). */
  readonly given: number;
  readonly hasPre: boolean;
}

function parsePartial(text: string): Partial | undefined {
  const m = /^v?(x|X|\*|[0-9]+)(?:\.(x|X|\*|[0-9]+))?(?:\.(x|X|\*|[0-9]+))?(?:-([0-9A-Za-z-.]+))?(?:\+[0-9A-Za-z-.]+)?$/.exec(text);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]];
  let given = 0;
  for (const p of parts) {
    if (p === undefined || /^[xX*]$/.test(p)) break;
    given++;
  }
  const num = (i: number): number => (i < given ? Number(parts[i]) : 0);
  return { v: { major: num(0), minor: num(1), patch: num(2), pre: m[4] ?? '' }, given, hasPre: m[4] !== undefined };
}

const bump = (v: SemVer, level: number): SemVer =>
  level === 0 ? { major: v.major + 1, minor: 0, patch: 0, pre: '' } : level === 1 ? { major: v.major, minor: v.minor + 1, patch: 0, pre: '' } : { ...v, patch: v.patch + 1, pre: '' };

function range(lo: SemVer | undefined, loInclusive: boolean, hi: SemVer | undefined, hiInclusive: boolean): Check {
  return (x) => {
    if (lo) {
      const c = compareSemver(x, lo);
      if (c < 0 || (c === 0 && !loInclusive)) return false;
    }
    if (hi) {
      const c = compareSemver(x, hi);
      if (c > 0 || (c === 0 && !hiInclusive)) return false;
    }
    return true;
  };
}

function comparison(op: string, p: Partial): Check {
  const { v, given } = p;
  const floor = { ...v, pre: p.hasPre ? v.pre : '' };
  const wild = given < 3;
  switch (op) {
    case '':
    case '=':
      return wild ? range(floor, true, given === 0 ? undefined : bump(v, given - 1), false) : (x) => compareSemver(x, v) === 0;
    case '!=':
      return wild ? (x) => !comparison('=', p)(x) : (x) => compareSemver(x, v) !== 0;
    case '>':
      return wild ? (given === 0 ? () => false : range(bump(v, given - 1), true, undefined, false)) : range(v, false, undefined, false);
    case '>=':
    case '=>':
      return range(floor, true, undefined, false);
    case '<':
      return range(undefined, false, floor, false);
    case '<=':
    case '=<':
      return wild ? (given === 0 ? () => true : range(undefined, false, bump(v, given - 1), false)) : range(undefined, false, v, true);
    case '~':
    case '~>':
      return range(floor, true, given <= 1 ? bump(v, 0) : bump(v, 1), false);
    case '^':
      if (v.major > 0 || given <= 1) return range(floor, true, bump(v, 0), false);
      if (v.minor > 0 || given === 2) return range(floor, true, bump(v, 1), false);
      return range(floor, true, bump(v, 2), false);
    default:
      return () => false;
  }
}

/** semver.NewConstraint(text).Check; undefined when the constraint does not parse. */
export function parseConstraint(text: string): ((v: SemVer) => boolean) | undefined {
  const groups: { check: Check; pre: boolean }[][] = [];
  for (const orPart of text.split('||')) {
    const normalized = orPart.trim().replace(/\s+-\s+/g, ' - ').replace(/(>=|=>|<=|=<|!=|~>|[=<>~^])\s+/g, '$1');
    if (normalized === '') return undefined;
    const tokens = normalized.split(/[\s,]+/).filter(Boolean);
    const checks: { check: Check; pre: boolean }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i + 1] === '-' && tokens[i + 2] !== undefined) {
        const lo = parsePartial(tokens[i]!);
        const hi = parsePartial(tokens[i + 2]!);
        if (!lo || !hi) return undefined;
        checks.push({ check: comparison('>=', lo), pre: lo.hasPre });
        checks.push({ check: comparison('<=', hi), pre: hi.hasPre });
        i += 2;
        continue;
      }
      const m = /^(>=|=>|<=|=<|!=|~>|[=<>~^]?)(.*)$/.exec(tokens[i]!)!;
      const p = parsePartial(m[2]!);
      if (!p) return undefined;
      checks.push({ check: comparison(m[1]!, p), pre: p.hasPre });
    }
    groups.push(checks);
  }
  return (v) => groups.some((checks) => checks.every(({ check, pre }) => (v.pre !== '' && !pre ? false : check(v))));
}

/** IsCompatibleRange: the version satisfies the constraint (false when either does not parse). */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const v = parseSemver(version);
  const c = parseConstraint(constraint);
  return v !== undefined && c !== undefined && c(v);
}
