/**
 * A read-only folder tree that the pure core reads through: chart folders for the Helm renderer,
 * kustomization trees for the kustomize builder. The Node host implements it over the disk
 * (workspace/file-tree.ts), the editor over its open documents and the disk, tests over a map.
 *
 * Paths are POSIX paths relative to the tree's root, without a leading `./` ('' is the root).
 */
export interface FileTree {
  /** The file's bytes, or undefined when the path is no readable file. */
  readFile(path: string): Uint8Array | undefined;
  /** The folder's entries sorted by name, or undefined when the path is no folder. */
  readDir(path: string): readonly TreeEntry[] | undefined;
}

/** One entry of a folder. */
export interface TreeEntry {
  readonly name: string;
  readonly kind: 'file' | 'dir';
}

/** Joins tree paths and normalises `.` and `..`; a path that climbs above the root yields undefined. */
export function joinTreePath(...parts: string[]): string | undefined {
  const out: string[] = [];
  for (const part of parts) {
    for (const segment of part.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (out.length === 0) return undefined;
        out.pop();
      } else out.push(segment);
    }
  }
  return out.join('/');
}

/** A tree held in memory, for tests and for files the editor has open: path → text or bytes. */
export function memoryTree(files: Readonly<Record<string, string | Uint8Array>>): FileTree {
  const encoder = new TextEncoder();
  const content = new Map<string, Uint8Array>();
  const dirs = new Map<string, Map<string, TreeEntry['kind']>>([['', new Map()]]);
  for (const [raw, value] of Object.entries(files)) {
    const path = joinTreePath(raw);
    if (!path) continue;
    content.set(path, typeof value === 'string' ? encoder.encode(value) : value);
    const segments = path.split('/');
    for (let i = 0; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      const entries = dirs.get(parent) ?? new Map<string, TreeEntry['kind']>();
      dirs.set(parent, entries);
      const isFile = i === segments.length - 1;
      entries.set(segments[i]!, isFile ? 'file' : 'dir');
      if (!isFile) {
        const child = segments.slice(0, i + 1).join('/');
        if (!dirs.has(child)) dirs.set(child, new Map());
      }
    }
  }
  return {
    readFile: (path) => {
      const p = joinTreePath(path);
      return p === undefined ? undefined : content.get(p);
    },
    readDir: (path) => {
      const p = joinTreePath(path);
      const entries = p === undefined ? undefined : dirs.get(p);
      if (!entries) return undefined;
      return [...entries].map(([name, kind]) => ({ name, kind })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

/**
 * A tree whose files in `texts` (tree path → text) read as that text instead of the base tree's
 * bytes: the editor's open documents, unsaved edits included, over the disk. A text whose path the
 * base does not hold (a new file not yet saved) is listed in its folder too.
 */
export function overlayTree(base: FileTree, texts: ReadonlyMap<string, string>): FileTree {
  if (texts.size === 0) return base;
  const encoder = new TextEncoder();
  const bytes = new Map<string, Uint8Array>();
  const added = new Map<string, Map<string, TreeEntry['kind']>>();
  for (const [raw, text] of texts) {
    const path = joinTreePath(raw);
    if (!path) continue;
    bytes.set(path, encoder.encode(text));
    const segments = path.split('/');
    for (let i = 0; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      const entries = added.get(parent) ?? new Map<string, TreeEntry['kind']>();
      added.set(parent, entries);
      entries.set(segments[i]!, i === segments.length - 1 ? 'file' : 'dir');
    }
  }
  return {
    readFile: (path) => {
      const p = joinTreePath(path);
      return (p === undefined ? undefined : bytes.get(p)) ?? base.readFile(path);
    },
    readDir: (path) => {
      const p = joinTreePath(path);
      const own = base.readDir(path);
      const extra = p === undefined ? undefined : added.get(p);
      if (!extra) return own;
      const names = new Set((own ?? []).map((e) => e.name));
      const more = [...extra].filter(([name]) => !names.has(name)).map(([name, kind]) => ({ name, kind }));
      if (more.length === 0) return own;
      return [...(own ?? []), ...more].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}
