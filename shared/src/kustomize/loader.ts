// Reads the files a kustomization names, with kustomize's load restriction (api/internal/loader/fileloader.go):
// under LoadRestrictionsRootOnly a file must lie in or below the kustomization's folder.
import { joinTreePath, type FileTree } from '../file-tree';

/** kustomize's --load-restrictor values. */
export type LoadRestrictor = 'LoadRestrictionsRootOnly' | 'LoadRestrictionsNone';

/** A build failure: the message, and the kustomization file (and line) it concerns when known. */
export class KustomizeError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Files of one kustomization folder. */
export interface Loader {
  readonly tree: FileTree;
  /** The folder, as a tree path ('' for the tree's root). */
  readonly root: string;
  readonly restrictor: LoadRestrictor;
  /** Folders of the kustomizations that led here, outermost first (for cycle detection). */
  readonly chain: readonly string[];
  /** Kustomization folders the whole build may still enter: bases shared in diamonds are built once per path, as kustomize does, so this bounds the work. */
  readonly budget: { folders: number };
}

/** Kustomization folders one build may enter. */
export const MAX_FOLDERS = 5000;

/** A tree path as messages show it: absolute, like kustomize's paths. */
export const shown = (path: string): string => `/${path}`;

/** Resolves `rel` against the loader's folder; `..` at the tree's root stays there, as `/..` is `/`. */
export function resolvePath(ldr: Loader, rel: string): string | undefined {
  const out: string[] = [];
  for (const segment of `${rel.startsWith('/') ? '' : ldr.root}/${rel}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return joinTreePath(out.join('/'));
}

const within = (path: string, root: string): boolean => root === '' || path === root || path.startsWith(`${root}/`);

/** The bytes of a file the kustomization names; throws KustomizeError when it is missing or not allowed. */
export function loadFile(ldr: Loader, rel: string): Uint8Array {
  const path = resolvePath(ldr, rel);
  if (path === undefined) throw new KustomizeError(`security; file '${rel}' is not in or below '${shown(ldr.root)}'`);
  if (ldr.restrictor === 'LoadRestrictionsRootOnly' && !within(path, ldr.root)) {
    throw new KustomizeError(`security; file '${shown(path)}' is not in or below '${shown(ldr.root)}'`);
  }
  const bytes = ldr.tree.readFile(path);
  if (bytes === undefined) {
    const isDir = ldr.tree.readDir(path) !== undefined;
    throw new KustomizeError(isDir ? `'${shown(path)}' must be a file (got a directory)` : `open ${shown(path)}: no such file or directory`);
  }
  return bytes;
}

/** The text of a file the kustomization names. */
export function loadText(ldr: Loader, rel: string): string {
  return new TextDecoder().decode(loadFile(ldr, rel));
}

/** A loader for a sub-folder; throws on a cycle (the folder contains or is one already being built). */
export function childLoader(ldr: Loader, rel: string): Loader {
  const path = resolvePath(ldr, rel);
  if (path === undefined || ldr.tree.readDir(path) === undefined) {
    throw new KustomizeError(`must build at directory: not a valid directory: evalsymlink failure on '${shown(path ?? rel)}' : lstat ${shown(path ?? rel)}: no such file or directory`);
  }
  for (const visited of [...ldr.chain, ldr.root]) {
    if (within(visited, path)) throw new KustomizeError(`cycle detected: candidate root '${shown(path)}' contains visited root '${shown(visited)}'`);
  }
  if (--ldr.budget.folders < 0) throw new KustomizeError(`the build enters more than ${MAX_FOLDERS} kustomization folders (bases shared by many overlays are built once per path)`);
  return { tree: ldr.tree, root: path, restrictor: ldr.restrictor, chain: [...ldr.chain, ldr.root], budget: ldr.budget };
}

/** True when the name is a remote resource (git or http), which the builder never fetches. */
export function isRemote(rel: string): boolean {
  return /^(https?:\/\/|git@|git::|ssh:\/\/|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(rel) || /\?ref=|\.git(\/\/|$)/.test(rel);
}
