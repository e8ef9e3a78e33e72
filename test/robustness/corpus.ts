import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FileKind } from '../../shared/src/types';

/** One file of the real-world corpus. */
export interface CorpusEntry {
  readonly kind: FileKind;
  /** Path relative to `corpus/realworld`. */
  readonly path: string;
  readonly bytes: number;
}

/** The corpus directory: env BOLLWERK_CORPUS, else `../shared/corpus`, relative to the repository root. */
export function corpusDir(): string {
  return resolve(join(__dirname, '..', '..'), process.env.BOLLWERK_CORPUS ?? '../shared/corpus');
}

const KINDS: Readonly<Record<string, FileKind>> = { dockerfile: 'dockerfile', compose: 'compose', k8s: 'kubernetes' };

/** The real-world corpus index (Helm templates left out: they are not plain YAML). Throws a clear message when absent. */
export function loadIndex(): CorpusEntry[] {
  const index = join(corpusDir(), 'realworld', 'index.tsv');
  if (!existsSync(index)) throw new Error(`corpus index not found at ${index}: set BOLLWERK_CORPUS to the corpus directory`);
  return readFileSync(index, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .flatMap((line) => {
      const [kind, path, bytes] = line.split('\t') as [string, string, string];
      const k = KINDS[kind];
      return k ? [{ kind: k, path, bytes: Number(bytes) }] : [];
    });
}

/** Reads a corpus file's text. */
export function readEntry(entry: CorpusEntry): string {
  return readFileSync(join(corpusDir(), 'realworld', entry.path), 'utf8');
}

/** A URI under which a file of `kind` is recognised by its name. */
export function uriFor(kind: FileKind): string {
  return kind === 'dockerfile' ? 'file:///fuzz/Dockerfile' : kind === 'compose' ? 'file:///fuzz/compose.yaml' : 'file:///fuzz/manifest.yaml';
}

/** Seed texts per kind: up to `perKind` files of at most `maxBytes`, spread evenly over the index (and so over repositories). */
export function seedTexts(maxBytes: number, perKind: number): Record<FileKind, string[]> {
  const out: Record<FileKind, string[]> = { dockerfile: [], compose: [], kubernetes: [], pipeline: [] };
  const index = loadIndex();
  for (const kind of Object.keys(out) as FileKind[]) {
    const eligible = index.filter((e) => e.kind === kind && e.bytes <= maxBytes && e.bytes > 0);
    const step = Math.max(1, eligible.length / perKind);
    for (let i = 0; i < eligible.length && out[kind].length < perKind; i += step) out[kind].push(readEntry(eligible[Math.floor(i)]!));
  }
  return out;
}
