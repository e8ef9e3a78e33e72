import { existsSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isComposeName, isDockerfileName, isYamlName } from '../../../shared/src/parse/kind';
import { isIgnored, parseIgnoreFile, type IgnoreFile } from './gitignore';
import { runSteps } from '../../../shared/src/steps';

/** Options of {@link findFiles}. */
export interface FindOptions {
  /** Gitignore-style patterns relative to `ignoreBase` (the configuration's `ignorePaths`). */
  readonly ignorePaths?: readonly string[];
  /** Directory the `ignorePaths` are relative to (the workspace root); defaults to each scan root. */
  readonly ignoreBase?: string;
  /** Whether `.gitignore` files are honoured (default true). */
  readonly gitignore?: boolean;
  /** Stats of roots the caller already took, by resolved path (the command line checks its paths first). */
  readonly rootStats?: ReadonlyMap<string, Stats>;
  /** Gitignore-style patterns of test data, relative to each directory root: candidates below them are counted, not returned. */
  readonly testDataPaths?: readonly string[];
}

/** A problem met while walking (an unreadable directory). */
export interface WalkProblem {
  readonly path: string;
  readonly message: string;
}

/** The files found, sorted, absolute. */
export interface FoundFiles {
  readonly files: string[];
  /** The roots that are files (named explicitly, so returned whatever their name), with their sizes. */
  readonly explicit: ReadonlyMap<string, number>;
  readonly problems: WalkProblem[];
  /** Candidate files skipped as test data (FindOptions.testDataPaths), sorted, absolute. */
  readonly testData: string[];
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/** True for names the scan picks: Dockerfiles, Compose files and YAML/JSON manifest candidates. */
export function isCandidate(path: string): boolean {
  return isDockerfileName(path) || isComposeName(path) || isYamlName(path);
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/** The directory holding `.git` at or above `dir`, or undefined. */
function gitRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

function readIgnore(dir: string, base: string): IgnoreFile | undefined {
  try {
    return parseIgnoreFile(readFileSync(join(dir, '.gitignore'), 'utf8'), base);
  } catch {
    return undefined;
  }
}

/** The ignore files that apply at `root`: the repository's .gitignore files above it and the configured ignorePaths. */
function initialIgnores(root: string, options: FindOptions): { files: IgnoreFile[]; top: string } {
  const files: IgnoreFile[] = [];
  const repo = options.gitignore === false ? undefined : gitRoot(root);
  const top = repo ?? root;
  if (options.ignorePaths?.length) {
    const base = resolve(options.ignoreBase ?? root);
    const rel = toPosix(relative(top, base));
    if (!rel.startsWith('..')) files.push(parseIgnoreFile(options.ignorePaths.join('\n'), rel === '' ? '' : rel));
    else files.push(parseIgnoreFile(options.ignorePaths.join('\n'), ''));
  }
  if (repo && options.gitignore !== false) {
    // .gitignore files from the repository root down to (excluding) the scan root
    const chain: string[] = [];
    for (let d = dirname(root); d.startsWith(repo) && d !== root; d = dirname(d)) {
      chain.unshift(d);
      if (d === repo) break;
    }
    for (const d of chain) {
      const f = readIgnore(d, toPosix(relative(top, d)));
      if (f) files.push(f);
    }
  }
  return { files, top };
}

/** An absolute POSIX path without empty, `.` or `..` segments and without a trailing slash: what path.resolve returns. */
const NORMAL_ABSOLUTE = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/;

/**
 * path.resolve(base, path) (base: the working directory when not given), returning a path that is
 * already absolute and normal as it is: a scan resolves every path it is given, and resolve's
 * character loop took 3 ms for a thousand paths.
 */
export function resolvePath(path: string, base?: string): string {
  if (sep === '/' && NORMAL_ABSOLUTE.test(path)) return path;
  return base === undefined ? resolve(path) : resolve(base, path);
}

/**
 * Walks the given roots (files or directories) and returns the candidate files, honouring nested
 * `.gitignore` files and the configured ignore paths and skipping node_modules and .git. A file
 * named explicitly is always returned. Directory symlinks are not followed.
 */
export function findFiles(roots: readonly string[], options: FindOptions = {}): FoundFiles {
  return runSteps(findFilesStepwise(roots, options));
}

/**
 * {@link findFiles} one folder at a time: each `next()` reads one folder, and the last gives the
 * files. The language server walks a large workspace this way, answering the editor between steps.
 */
export function* findFilesStepwise(roots: readonly string[], options: FindOptions = {}): Generator<void, FoundFiles, void> {
  const out = new Set<string>();
  const testData = new Set<string>();
  const testPatterns = options.testDataPaths?.length ? parseIgnoreFile(options.testDataPaths.join('\n'), '') : undefined;
  const explicit = new Map<string, number>();
  const problems: WalkProblem[] = [];
  for (const r of roots) {
    const root = resolvePath(r);
    let st;
    try {
      st = options.rootStats?.get(root) ?? statSync(root);
    } catch (e) {
      problems.push({ path: root, message: (e as Error).message });
      continue;
    }
    if (!st.isDirectory()) {
      out.add(root);
      if (st.isFile()) explicit.set(root, st.size);
      continue;
    }
    const { files, top } = initialIgnores(root, options);
    const rootRel = toPosix(relative(top, root));
    // paths below the root, from the paths below `top` the walk computes anyway
    const testDataOf = testPatterns ? { skip: rootRel === '' ? 0 : rootRel.length + 1, patterns: testPatterns } : undefined;
    yield* walk(root, top, files, { gitignore: options.gitignore !== false, testData: testDataOf }, out, { problems, testData });
  }
  // a file found both below a test-data folder of one root and as part of another root is checked
  for (const f of out) testData.delete(f);
  return { files: [...out].sort(), explicit, problems, testData: [...testData].sort() };
}

/** How a walk decides: .gitignore files honoured, and the test-data patterns with the root they are relative to. */
interface WalkMode {
  readonly gitignore: boolean;
  readonly testData: { readonly skip: number; readonly patterns: IgnoreFile } | undefined;
}

/** What a walk collects besides the files: problems and the test-data files it set aside. */
interface WalkSinks {
  readonly problems: WalkProblem[];
  readonly testData: Set<string>;
}

function* walk(dir: string, top: string, ignores: IgnoreFile[], mode: WalkMode, out: Set<string>, sinks: WalkSinks): Generator<void, void, void> {
  const { gitignore } = mode;
  const problems = sinks.problems;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ path: dir, message: (e as Error).message });
    return;
  }
  const relDir = toPosix(relative(top, dir));
  let here = ignores;
  if (gitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
    const f = readIgnore(dir, relDir);
    if (f) here = [...ignores, f];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  yield; // a folder read: a caller that walks step by step may pause here
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = join(dir, entry.name);
    const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const s = statSync(full);
        isFile = s.isFile();
        isDir = false; // never follow directory links (loops)
      } catch {
        continue; // dangling link
      }
    }
    if (!isDir && !isFile) continue;
    if (here.length && isIgnored(here, rel, isDir)) continue;
    const isTestData = mode.testData !== undefined && isIgnored([mode.testData.patterns], rel.slice(mode.testData.skip), isDir);
    // test data is walked the same way into its own set: counted for the summary, not checked
    if (isDir) yield* walk(full, top, here, isTestData ? { gitignore, testData: undefined } : mode, isTestData ? sinks.testData : out, sinks);
    else if (isCandidate(basename(full))) (isTestData ? sinks.testData : out).add(full);
  }
}
