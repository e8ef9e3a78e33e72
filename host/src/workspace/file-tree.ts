import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { joinTreePath, type FileTree, type TreeEntry } from '../../../shared/src/file-tree';

/**
 * The folder `root` on disk as a FileTree. Symbolic links are followed as Helm and kustomize follow
 * them, but only while their target stays inside `root`: a link that leads out of the tree reads as
 * missing, so a cloned repository cannot make the core read files elsewhere on the machine.
 * Files larger than `maxBytes` read as missing too.
 */
export function diskTree(root: string, maxBytes = 10 * 1024 * 1024): FileTree {
  const realRoot = realpathSync(root);
  const inside = (path: string | undefined): string | undefined => {
    if (path === undefined) return undefined;
    let real: string;
    try {
      real = realpathSync(join(realRoot, path));
    } catch {
      return undefined;
    }
    const rel = relative(realRoot, real);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !rel.includes(`..${sep}`)) ? real : undefined;
  };
  return {
    readFile: (path) => {
      const real = inside(joinTreePath(path));
      if (!real) return undefined;
      try {
        const stat = statSync(real);
        if (!stat.isFile() || stat.size > maxBytes) return undefined;
        return readFileSync(real);
      } catch {
        return undefined;
      }
    },
    readDir: (path) => {
      const p = joinTreePath(path);
      const real = inside(p);
      if (!real) return undefined;
      try {
        const entries: TreeEntry[] = [];
        for (const dirent of readdirSync(real, { withFileTypes: true })) {
          let kind: TreeEntry['kind'] | undefined = dirent.isDirectory() ? 'dir' : dirent.isFile() ? 'file' : undefined;
          if (dirent.isSymbolicLink()) {
            const target = inside(p ? `${p}/${dirent.name}` : dirent.name);
            const stat = target ? statSync(target) : undefined;
            kind = stat?.isDirectory() ? 'dir' : stat?.isFile() ? 'file' : undefined;
          }
          if (kind) entries.push({ name: dirent.name, kind });
        }
        return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return undefined;
      }
    },
  };
}
