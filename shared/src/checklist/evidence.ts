import type { FileTree } from '../file-tree';
import type { Localized } from '../types';
import { CI_PATH, EVIDENCE, PROBES } from './evidence-catalogue';

/** Where a repository proves a checklist item. */
export interface EvidenceHit {
  /** Path relative to the repository root. */
  readonly path: string;
  /** 1-based line. */
  readonly line: number;
  readonly what: Localized;
}

/** What a repository's files prove: whether it has CI configuration, and the hits per item. */
export interface Evidence {
  readonly ci: boolean;
  /** The CI configuration files found (relative paths). */
  readonly ciFiles: readonly string[];
  readonly byItem: ReadonlyMap<string, readonly EvidenceHit[]>;
}

/** Bounds of the walk: hostile trees must not hang a scan. */
const MAX_FILES = 20_000;
const MAX_DEPTH = 12;
const MAX_BYTES = 1024 * 1024;
const SKIPPED = new Set(['node_modules', '.git', 'vendor', 'dist', 'out', 'target', '.venv', '__pycache__']);

/** Paths any probe reads, by a cheap name test (the probes' own path patterns decide per probe). */
const INTERESTING = /\.(?:ya?ml|json5?)$|(?:^|\/)(?:[^/]*\.)?(?:Docker|Container)file(?:\.[^/]*)?$|(?:^|\/)(?:Jenkinsfile|\.gitignore|\.gitattributes|\.renovaterc|Kustomization)$/i;

/** The file paths of a tree worth reading for evidence, depth-first in name order, bounded. */
export function evidencePaths(tree: FileTree): string[] {
  const out: string[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const e of tree.readDir(dir) ?? []) {
      if (++seen > MAX_FILES) return;
      const path = dir ? `${dir}/${e.name}` : e.name;
      if (e.kind === 'dir') {
        if (!SKIPPED.has(e.name)) walk(path, depth + 1);
      } else if (INTERESTING.test(path)) out.push(path);
    }
  };
  walk('', 0);
  // A git checkout proves CSC-3.1.1 even without a .gitignore.
  if (tree.readDir('.git') !== undefined) out.push('.git/HEAD');
  return out;
}

/** Reads a tree's evidence (see {@link collectEvidence}). */
export function treeEvidence(tree: FileTree): Evidence {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const files: { path: string; text: string }[] = [];
  for (const path of evidencePaths(tree)) {
    const bytes = tree.readFile(path);
    if (path === '.git/HEAD') files.push({ path, text: '' });
    else if (bytes && bytes.length <= MAX_BYTES && !bytes.includes(0)) files.push({ path, text: decoder.decode(bytes) });
  }
  return collectEvidence(files);
}

/** Matches every probe against the files: the first matching line of each file counts. Never throws. */
export function collectEvidence(files: readonly { path: string; text: string }[]): Evidence {
  const ciFiles = files.filter((f) => CI_PATH.test(f.path)).map((f) => f.path);
  const byProbe = new Map<string, EvidenceHit[]>();
  for (const probe of Object.values(PROBES)) {
    const hits: EvidenceHit[] = [];
    for (const f of files) {
      if (!probe.path.test(f.path)) continue;
      if (!probe.line) {
        hits.push({ path: f.path, line: 1, what: probe.what });
        continue;
      }
      const lines = f.text.split('\n');
      const n = lines.findIndex((l) => l.length < 2000 && !/^\s*#/.test(l) && probe.line!.test(l));
      if (n >= 0) hits.push({ path: f.path, line: n + 1, what: probe.what });
    }
    if (hits.length) byProbe.set(probe.id, hits);
  }
  const byItem = new Map<string, EvidenceHit[]>();
  for (const [item, probes] of Object.entries(EVIDENCE)) {
    const hits = probes.flatMap((id) => byProbe.get(id) ?? []);
    if (hits.length) byItem.set(item, hits);
  }
  return { ci: ciFiles.length > 0, ciFiles, byItem };
}

/** What one line of a file proves: each probe it matches, with the checklist items that probe decides. */
export interface LineEvidence {
  readonly what: Localized;
  readonly items: readonly string[];
}

/**
 * The evidence a file's line gives (its text, its 0-based number, `path` relative to the repository root), by
 * the same probes as {@link collectEvidence}: a line matching a probe's pattern, or the first
 * line of a file whose existence is the evidence. Comment lines prove nothing.
 */
export function evidenceAt(path: string, lineText: string, line: number): LineEvidence[] {
  if (lineText.length >= 2000 || /^\s*#/.test(lineText)) return [];
  const out: LineEvidence[] = [];
  for (const probe of Object.values(PROBES)) {
    if (!probe.path.test(path) || (probe.line ? !probe.line.test(lineText) : line !== 0)) continue;
    const items = Object.entries(EVIDENCE).flatMap(([item, probes]) => (probes.includes(probe.id) ? [item] : []));
    if (items.length) out.push({ what: probe.what, items });
  }
  return out;
}

/** True when the catalogue declares evidence for the item. */
export function hasEvidence(item: string): boolean {
  return EVIDENCE[item] !== undefined;
}
