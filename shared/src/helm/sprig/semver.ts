// Semantic versions and constraints as Masterminds/semver v3 reads them (version.go,
// constraints.go): `v` prefixes, missing minor/patch, prereleases, wildcards (x, X, *), the
// operators = != > < >= <= ~ ~> ^, hyphen ranges, AND by comma or space, OR by `||`, and the rule
// that a prerelease version satisfies a constraint only when the constraint names a prerelease.
// Masterminds/semver: MIT licence, Copyright (C) 2014-2019 Matt Butcher and Matt Farina.
import { fail } from '../template/exec';
import { type FuncMap, goFunc } from '../template/func';
import { GoStruct, goStruct } from '../template/values';

/** A parsed version. */
export interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
  readonly metadata: string;
  readonly original: string;
}

const versionRe = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** semver.NewVersion; throws Go's message for an invalid version. */
export function parseVersion(v: string): Version {
  const m = versionRe.exec(v);
  if (!m) throw new SemverError('Invalid Semantic Version');
  const pre = m[5] ?? '';
  for (const id of pre.split('.')) {
    if (pre !== '' && /^[0-9]+$/.test(id) && id.length > 1 && id.startsWith('0')) throw new SemverError('Version segment starts with 0');
  }
  return {
    major: BigInt(m[1]!),
    minor: m[2] ? BigInt(m[2].slice(1)) : 0n,
    patch: m[3] ? BigInt(m[3].slice(1)) : 0n,
    pre,
    metadata: m[8] ?? '',
    original: v,
  };
}

class SemverError extends Error {}

/** The canonical text: major.minor.patch[-pre][+meta]. */
export function versionString(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Version.Compare: -1, 0 or 1 (metadata ignored). */
export function compareVersions(a: Version, b: Version): number {
  return cmpBig(a.major, b.major) || cmpBig(a.minor, b.minor) || cmpBig(a.patch, b.patch) || comparePrerelease(a.pre, b.pre);
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^[0-9]+$/.test(p);
    const qn = /^[0-9]+$/.test(q);
    if (pn && qn) {
      const c = cmpBig(BigInt(p), BigInt(q));
      if (c !== 0) return c;
    } else if (pn) return -1;
    else if (qn) return 1;
    else if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

interface Constraint {
  readonly op: string;
  readonly con: Version;
  readonly orig: string;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';

const constraintRe = /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/;

function parseConstraint(c: string): Constraint {
  const m = constraintRe.exec(c);
  if (!m) throw new SemverError(`improper constraint: ${c}`);
  const [, op = '', major, minor, patch, pre = '', meta = ''] = m;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  let ver: string;
  if (isX(major)) {
    // "*" is dirty only: with no minor or patch flag it means ~0.0.0, which accepts every release
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (minor === undefined || isX(minor.slice(1))) {
    ver = `${major}.0.0${pre}`;
    dirty = true;
    minorDirty = true;
    patchDirty = true;
  } else if (patch === undefined || isX(patch.slice(1))) {
    ver = `${major}${minor}.0${pre}`;
    dirty = true;
    patchDirty = true;
  } else ver = `${major}${minor}${patch}${pre}${meta}`;
  const con = parseVersion(ver);
  return { op, con, orig: c.trim().replace(/^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s*/, ''), dirty, minorDirty, patchDirty };
}

/** semver.NewConstraint: OR groups (||) of AND lists (comma or space), hyphen ranges rewritten. */
export function parseConstraints(text: string): Constraint[][] {
  if (text.trim() === '') throw new SemverError(`improper constraint: ${text}`);
  return text.split('||').map((group) => {
    const rewritten = group.replace(/\s*(v?[0-9xX*][0-9A-Za-z.+*-]*)\s+-\s+(v?[0-9xX*][0-9A-Za-z.+*-]*)\s*/g, (_m, a: string, b: string) => ` >= ${a}, <= ${b} `);
    const parts = rewritten
      .replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, '$1')
      .split(/[\s,]+/)
      .filter((p) => p !== '');
    if (parts.length === 0) throw new SemverError(`improper constraint: ${text}`);
    return parts.map((p) => {
      try {
        return parseConstraint(p);
      } catch {
        throw new SemverError(`improper constraint: ${text}`);
      }
    });
  });
}

/** One constraint; includePre: the AND group names a prerelease somewhere, so prerelease versions may match. */
function check(v: Version, c: Constraint, includePre: boolean): boolean {
  const con = c.con;
  if (v.pre !== '' && !includePre) return false;
  const cmp = compareVersions(v, con);
  switch (c.op) {
    case '': case '=':
      if (c.dirty) return tilde(v, c);
      return cmp === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        // a patch wildcard still tells prereleases apart
        if (v.pre !== '' || con.pre !== '') return comparePrerelease(v.pre, con.pre) !== 0;
        return false;
      }
      return cmp !== 0;
    case '>':
      if (!c.dirty) return cmp > 0;
      if (v.major > con.major) return true;
      if (v.major < con.major || c.minorDirty) return false;
      return v.minor > con.minor;
    case '<':
      return cmp < 0;
    case '>=': case '=>':
      return cmp >= 0;
    case '<=': case '=<':
      if (!c.dirty) return cmp <= 0;
      if (v.major > con.major) return false;
      if (v.major === con.major && v.minor > con.minor && !c.minorDirty) return false;
      return true;
    case '~': case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
  return false;
}

function tilde(v: Version, c: Constraint): boolean {
  const con = c.con;
  if (compareVersions(v, con) < 0) return false;
  // ~0.0.0 accepts everything
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  if (v.minor !== con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: Version, c: Constraint): boolean {
  const con = c.con;
  if (compareVersions(v, con) < 0) return false;
  if (con.major > 0n || c.minorDirty) return v.major === con.major;
  if (v.major > 0n) return false;
  if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
  if (v.minor > 0n) return false;
  return con.patch === v.patch;
}

/** Constraints.Check: some OR group whose constraints all hold; a group with a prerelease in any constraint admits prerelease versions. */
export function satisfies(v: Version, groups: Constraint[][]): boolean {
  return groups.some((g) => {
    const includePre = g.some((c) => c.con.pre !== '');
    return g.every((c) => check(v, c, includePre));
  });
}

/** A *semver.Version for templates: methods Major, Minor, Patch, Prerelease, Metadata, Original, String, Compare… */
export function versionStruct(v: Version): GoStruct {
  const other = (o: unknown): Version => {
    if (o instanceof GoStruct && o.typeName === '*semver.Version') return o.fields['_v'] as Version;
    fail('wrong type for value; expected *semver.Version');
  };
  return goStruct('*semver.Version', {
    _v: v,
    Major: goFunc([], undefined, () => v.major),
    Minor: goFunc([], undefined, () => v.minor),
    Patch: goFunc([], undefined, () => v.patch),
    Prerelease: goFunc([], undefined, () => v.pre),
    Metadata: goFunc([], undefined, () => v.metadata),
    Original: goFunc([], undefined, () => v.original),
    String: goFunc([], undefined, () => versionString(v)),
    Compare: goFunc(['any'], undefined, (o: unknown) => BigInt(compareVersions(v, other(o)))),
    LessThan: goFunc(['any'], undefined, (o: unknown) => compareVersions(v, other(o)) < 0),
    GreaterThan: goFunc(['any'], undefined, (o: unknown) => compareVersions(v, other(o)) > 0),
    Equal: goFunc(['any'], undefined, (o: unknown) => compareVersions(v, other(o)) === 0),
  }, { pointer: true, stringer: () => versionString(v) });
}

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SemverError) fail(e.message);
    throw e;
  }
}

/** Sprig's semver and semverCompare. */
export function semverFuncs(): FuncMap {
  return {
    semver: goFunc(['string'], undefined, (s: string) => wrap(() => versionStruct(parseVersion(s)))),
    semverCompare: goFunc(['string', 'string'], undefined, (constraint: string, version: string) => wrap(() => {
      const groups = parseConstraints(constraint);
      return satisfies(parseVersion(version), groups);
    })),
  };
}
