import { dirname, relative, sep } from 'node:path';
import { includeMatcher, isGitlabRootName, walkLocalIncludes } from '../../../shared/src/parse/gitlab-include';

/**
 * The files among `files` that a GitLab pipeline includes with `include: local:` (or the short
 * form), found from each `.gitlab-ci.yml` among them and, transitively, from the files it includes,
 * up to `MAX_INCLUDE_DEPTH` (parse/gitlab-include.ts) levels, each file read once (a cycle ends there). Local paths are
 * relative to the folder of the `.gitlab-ci.yml` (the project root). Only files of `files` count:
 * what the walk left out (ignored paths, test data) stays out. `read` gives a file's text, or
 * undefined when it cannot be read (the file's own lint reports why).
 */
export function gitlabIncludedFiles(files: readonly string[], read: (path: string) => string | undefined): Set<string> {
  const included = new Set<string>();
  const roots = files.filter((f) => isGitlabRootName(f.slice(f.lastIndexOf(sep) + 1)));
  if (roots.length === 0) return included;
  for (const root of roots) {
    const dir = dirname(root);
    // the project's files by their path relative to its root, in POSIX form as include paths are written
    const inProject = new Map<string, string>();
    for (const f of files) {
      const rel = relative(dir, f);
      if (!rel.startsWith('..') && rel !== '') inProject.set(sep === '/' ? rel : rel.split(sep).join('/'), f);
    }
    const targetsOf = (pattern: string): string[] => {
      if (!pattern.includes('*')) {
        const exact = inProject.get(pattern);
        return exact === undefined ? [] : [exact];
      }
      const matches = includeMatcher(pattern);
      return [...inProject].filter(([rel]) => matches(rel)).map(([, f]) => f);
    };
    walkLocalIncludes(root, read, targetsOf, { reached: included });
  }
  return included;
}
