// Fingerprints of findings for the baseline: what a finding is about (rule, file, object, key path
// and a normalised snippet of its first line), never where it is, so that a fingerprint survives
// line moves and edits elsewhere in the file. Pure code (no Node APIs): the CLI and the editor share it.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Result } from '../types';

/** What a fingerprint is made of (the snippet itself is never stored: it may hold a secret). */
export interface FingerprintParts {
  readonly ruleId: string;
  /** Path of the file relative to the baseline's directory, with `/` separators. */
  readonly file: string;
  /** The object the finding belongs to: a Kubernetes `Kind/namespace/name`, a Dockerfile stage's FROM line. */
  readonly object: string;
  /** Key path inside the object (`spec.containers[name=web].image`), or the Dockerfile instruction. */
  readonly path: string;
}

/** A finding with its fingerprint. */
export interface Fingerprinted extends FingerprintParts {
  readonly fingerprint: string;
  readonly result: Result;
}

const SNIPPET_MAX = 200;

/** The lines of a text with their start offsets. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** One line of the text, without its line break. */
function lineText(text: string, starts: readonly number[], line: number): string {
  const start = starts[line];
  if (start === undefined) return '';
  const end = starts[line + 1];
  return text.slice(start, end === undefined ? text.length : end - 1).replace(/\r$/, '');
}

/** Collapses runs of white space and trims: indentation and spacing changes do not change a snippet. */
export function normaliseSnippet(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_MAX);
}

/** The text a finding's range covers on its first line (the whole line when the range is empty there). */
function snippetOf(text: string, starts: readonly number[], r: Result): string {
  const line = lineText(text, starts, r.range.start.line);
  const end = r.range.end.line === r.range.start.line ? r.range.end.character : line.length;
  const part = line.slice(r.range.start.character, end);
  return normaliseSnippet(part.trim() === '' ? line : part);
}

const scalarText = (n: unknown): string | undefined => (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined);

/** `Kind/namespace/name` of a Kubernetes document, or '' for other YAML. */
function objectOfDocument(doc: Document): string {
  const root = doc.contents;
  if (!isMap(root)) return '';
  const kind = scalarText(root.get('kind', true));
  if (kind === undefined) return '';
  const meta = root.get('metadata', true);
  const name = isMap(meta) ? scalarText(meta.get('name', true)) ?? '' : '';
  const ns = isMap(meta) ? scalarText(meta.get('namespace', true)) ?? '' : '';
  return `${kind}/${ns}/${name}`;
}

const within = (n: { range?: [number, number, number] | null } | null | undefined, offset: number): boolean => !!n?.range && n.range[0] <= offset && offset < Math.max(n.range[2], n.range[0] + 1);

/** The key path from a YAML node down to the deepest node containing the offset. */
function keyPath(node: Node | null | undefined, offset: number): string[] {
  const path: string[] = [];
  let cur: unknown = node;
  for (let depth = 0; depth < 100; depth++) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isPair(p) && (within(p.key as Node, offset) || within(p.value as Node, offset)));
      if (!pair) break;
      path.push(scalarText(pair.key) ?? '?');
      if (!within(pair.value as Node, offset)) break;
      cur = pair.value;
    } else if (isSeq(cur)) {
      const i = cur.items.findIndex((item) => within(item as Node, offset));
      if (i < 0) break;
      const item = cur.items[i];
      const name = isMap(item) ? scalarText(item.get('name', true)) : undefined;
      path.push(name !== undefined ? `[name=${name}]` : `[${i}]`);
      cur = item;
    } else break;
  }
  return path;
}

/** Object and key path of every finding of one YAML file. */
function yamlPlaces(text: string, starts: readonly number[], results: readonly Result[]): { object: string; path: string }[] {
  let docs: Document[];
  try {
    docs = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false }) as Document[];
    if (!Array.isArray(docs)) docs = [];
  } catch {
    docs = [];
  }
  return results.map((r) => {
    const offset = (starts[r.range.start.line] ?? text.length) + r.range.start.character;
    const index = docs.findIndex((d) => d.range !== undefined && d.range[0] <= offset && offset <= d.range[2]);
    const doc = docs[index];
    if (!doc) return { object: '', path: '' };
    const kube = objectOfDocument(doc);
    const path = keyPath(doc.contents, offset).join('.').replace(/\.\[/g, '[');
    // documents without a kind are told apart by their position among the file's documents
    return { object: kube || (docs.length > 1 ? `#${index}` : ''), path };
  });
}

/** The normalised FROM line of the stage a line is in ('' above the first FROM). */
function stageOf(text: string, starts: readonly number[], line: number): string {
  for (let l = Math.min(line, starts.length - 1); l >= 0; l--) {
    const t = lineText(text, starts, l);
    if (/^\s*from\s/i.test(t)) return normaliseSnippet(t);
  }
  return '';
}

/** Object (the stage's FROM line) and instruction of every finding of a Dockerfile. */
function dockerfilePlaces(text: string, starts: readonly number[], results: readonly Result[]): { object: string; path: string }[] {
  return results.map((r) => {
    const line = lineText(text, starts, r.range.start.line);
    const object = stageOf(text, starts, (r.objectRange ?? r.range).start.line);
    const word = /^\s*([A-Za-z]+)/.exec(line)?.[1]?.toUpperCase() ?? '';
    return { object, path: word };
  });
}

/** True for files fingerprinted as YAML (by name: what is not a Dockerfile). */
const isYaml = (file: string): boolean => /\.(ya?ml)$/i.test(file);

/**
 * Fingerprints the findings of one file. `file` is the file's path relative to the baseline's
 * directory; `text` its content (undefined when it could not be read: the snippet is then empty).
 * Equal findings (same rule, object, path and snippet) are numbered in order of position.
 */
export function fingerprintFile(file: string, text: string | undefined, results: readonly Result[]): Fingerprinted[] {
  const body = text ?? '';
  const starts = lineStarts(body);
  const sorted = [...results].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const places = isYaml(file) ? yamlPlaces(body, starts, sorted) : dockerfilePlaces(body, starts, sorted);
  const seen = new Map<string, number>();
  return sorted.map((result, i) => {
    const { object, path } = places[i]!;
    const key = [result.ruleId, file, object, path, snippetOf(body, starts, result)].join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const fingerprint = bytesToHex(sha256(utf8ToBytes(`${key}\u0000${n}`))).slice(0, 32);
    return { ruleId: result.ruleId, file, object, path, fingerprint, result };
  });
}
