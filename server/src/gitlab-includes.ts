import { join, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { gitlabLocalIncludes, includeMatcher, walkLocalIncludes } from '../../shared/src/parse/gitlab-include';
import { isYamlName } from '../../shared/src/parse/kind';
import { readSource } from '../../host/src/workspace/source';

/** Parsed include lists kept by file text: more than this many distinct texts start the cache afresh. */
const MAX_CACHED = 500;

/** Whether an open document is a file its workspace folder's GitLab pipeline includes locally. */
export type GitlabInclusion = (uri: string, folderUri: string | undefined, maxFileBytes: number) => boolean;

/**
 * Decides whether a document is included by the `.gitlab-ci.yml` (or `.gitlab-ci.yaml`) at the root
 * of its workspace folder, directly or through the local files that includes (at most
 * `MAX_INCLUDE_DEPTH` (parse/gitlab-include.ts) levels, each file once). Each file is read from its open document
 * (`openText`, by file system path) or else from the disk, every time: an edit of the pipeline is
 * seen at the next lint. The include lists are parsed once per text. A wildcard include matches
 * the document's path; the files it stands for are not listed, so their own includes are not followed.
 */
export function createGitlabInclusion(openText: (path: string) => string | undefined): GitlabInclusion {
  const parsed = new Map<string, string[]>();
  const includesOf = (text: string): string[] => {
    let paths = parsed.get(text);
    if (!paths) {
      if (parsed.size >= MAX_CACHED) parsed.clear();
      paths = gitlabLocalIncludes(text);
      parsed.set(text, paths);
    }
    return paths;
  };
  return (uri, folderUri, maxFileBytes) => {
    if (!folderUri || !isYamlName(uri)) return false;
    const doc = URI.parse(uri);
    const folder = URI.parse(folderUri);
    if (doc.scheme !== 'file' || folder.scheme !== 'file') return false;
    const rel = relative(folder.fsPath, doc.fsPath);
    if (rel === '' || rel.startsWith('..')) return false;
    const target = sep === '/' ? rel : rel.split(sep).join('/');
    const read = (path: string): string | undefined => {
      const open = openText(path);
      if (open !== undefined) return open;
      const source = readSource(path, maxFileBytes);
      return 'text' in source ? source.text : undefined;
    };
    let root: { readonly path: string; readonly text: string } | undefined;
    for (const name of ['.gitlab-ci.yml', '.gitlab-ci.yaml']) {
      const path = join(folder.fsPath, name);
      const text = read(path);
      if (text !== undefined) {
        root = { path, text };
        break;
      }
    }
    if (!root || root.path === doc.fsPath) return false;
    // a wildcard lists no files here: it only matches the document's own path
    const targetsOf = (pattern: string): string[] => (pattern.includes('*') ? [] : [join(folder.fsPath, ...pattern.split('/'))]);
    // the pipeline's text, read above, is not read again
    const { path, text } = root;
    return walkLocalIncludes(path, (p) => (p === path ? text : read(p)), targetsOf, { includesOf, stopAt: (pattern) => includeMatcher(pattern)(target) });
  };
}
