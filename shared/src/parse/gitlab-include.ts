import { isMap, isSeq } from 'yaml';
import { mapGet, parseChunk, scalarString } from './yaml';

/** Nesting of GitLab `include:` followed at most (GitLab itself allows 150 includes per pipeline). */
export const MAX_INCLUDE_DEPTH = 100;

const GITLAB_ROOT = /^\.gitlab-ci\.ya?ml$/i;
const YAML_FILE = /\.ya?ml$/i;

/** True for the GitLab CI root file name (`.gitlab-ci.yml`), whose folder local includes are relative to. */
export function isGitlabRootName(name: string): boolean {
  return GITLAB_ROOT.test(name);
}

/**
 * The local files a GitLab CI file includes, as paths relative to the project root (no leading
 * `/`, `.` and `..` resolved; a wildcard path keeps its `*`): `include: 'ci/build.yml'`, a list of
 * such strings, `include: {local: …}` and lists of maps. A string that is a URL is a remote include;
 * `remote:`, `project:`, `template:` and `component:` entries name files elsewhere and are left out
 * (nothing is fetched). Paths that leave the project (`../x.yml`) or are not YAML are left out too.
 * Never throws: text that does not parse includes nothing.
 */
export function gitlabLocalIncludes(text: string): string[] {
  if (!/^include\s*:/m.test(text) && !/^["']include["']\s*:/m.test(text)) return [];
  const root = parseChunk(text).docs.map((d) => d.contents).find(isMap);
  const include = root ? mapGet(root, 'include') : undefined;
  const entries = isSeq(include) ? include.items : include === undefined ? [] : [include];
  const paths: string[] = [];
  for (const entry of entries) {
    const local = isMap(entry) ? scalarString(mapGet(entry, 'local')) : localString(scalarString(entry));
    const path = local === undefined ? undefined : projectPath(local);
    if (path !== undefined) paths.push(path);
  }
  return paths;
}

/** A short-form include string that names a local file (not a URL). */
function localString(value: string | undefined): string | undefined {
  return value === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? undefined : value;
}

/** A local include path relative to the project root, or undefined when it leaves the project or is no YAML file. */
function projectPath(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.includes('$')) return undefined; // a variable is expanded by GitLab at run time
  const parts: string[] = [];
  for (const part of trimmed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  const normal = parts.join('/');
  return YAML_FILE.test(normal) ? normal : undefined;
}

/**
 * A matcher for a local include path against project-relative paths: a plain path matches itself;
 * with wildcards (GitLab: `*` within one folder, `**` across folders) it matches as a glob.
 */
export function includeMatcher(pattern: string): (relative: string) => boolean {
  if (!pattern.includes('*')) return (relative) => relative === pattern;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches no folder or any number of them
      if (pattern[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`);
  return (relative) => re.test(relative);
}

/**
 * Follows a pipeline's local includes breadth-first from `root`, at most {@link MAX_INCLUDE_DEPTH}
 * levels, each file read once (a cycle ends there). `includesOf` gives a text's include patterns
 * (by default {@link gitlabLocalIncludes}; a caller may cache it), `targetsOf` the files a pattern
 * names, and `stopAt` ends the walk at a pattern (true is returned then). `reached` collects every
 * file reached besides the root.
 */
export function walkLocalIncludes<F>(
  root: F,
  read: (file: F) => string | undefined,
  targetsOf: (pattern: string) => readonly F[],
  options: { readonly includesOf?: (text: string) => readonly string[]; readonly stopAt?: (pattern: string) => boolean; readonly reached?: Set<F> } = {},
): boolean {
  const includesOf = options.includesOf ?? gitlabLocalIncludes;
  const seen = new Set<F>([root]);
  let level = [root];
  for (let depth = 0; depth < MAX_INCLUDE_DEPTH && level.length > 0; depth++) {
    const next: F[] = [];
    for (const file of level) {
      const text = read(file);
      if (text === undefined) continue;
      for (const pattern of includesOf(text)) {
        if (options.stopAt?.(pattern)) return true;
        for (const target of targetsOf(pattern)) {
          if (seen.has(target)) continue;
          seen.add(target);
          options.reached?.add(target);
          next.push(target);
        }
      }
    }
    level = next;
  }
  return false;
}
