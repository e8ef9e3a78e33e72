import { dirname, relative, sep } from 'node:path';
import { gitlabLocalIncludes, includeMatcher, isGitlabRootName, MAX_INCLUDE_DEPTH } from '../../../shared/src/parse/gitlab-include';

/**
 * The files among `files` that a GitLab pipeline includes with `include: local:` (or the short
 * form), found from each `.gitlab-ci.yml` among them and, transitively, from the files it includes,
 * up to {@link MAX_INCLUDE_DEPTH} levels, each file read once (a cycle ends there). Local paths are
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
    const seen = new Set<string>([root]);
    let level = [root];
    for (let depth = 0; depth < MAX_INCLUDE_DEPTH && level.length > 0; depth++) {
      const next: string[] = [];
      for (const file of level) {
        const text = read(file);
        if (text === undefined) continue;
        for (const pattern of gitlabLocalIncludes(text)) {
          const matches = includeMatcher(pattern);
          const exact = pattern.includes('*') ? undefined : inProject.get(pattern);
          const targets = exact !== undefined ? [exact] : pattern.includes('*') ? [...inProject].filter(([rel]) => matches(rel)).map(([, f]) => f) : [];
          for (const target of targets) {
            if (seen.has(target)) continue;
            seen.add(target);
            included.add(target);
            next.push(target);
          }
        }
      }
      level = next;
    }
  }
  return included;
}
