// Paths between built output and source files: the path of the node a finding points at in the
// built YAML, and the line and columns of the same path in a base resource or a patch file.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import type { Range } from '../types';

/** One step of a path: a map key, or a list item by index (with its scalar fields, for merge-key matching). */
export type Step = { readonly key: string } | { readonly index: number; readonly fields: Readonly<Record<string, string>> };

/** Where a path was found in a file: its range, and whether the whole path exists there (else its deepest ancestor's). */
export interface Located {
  readonly range: Range;
  readonly complete: boolean;
}

const scalarFields = (node: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!isMap(node)) return out;
  for (const item of node.items) {
    if (isScalar(item.key) && isScalar(item.value)) out[String(item.key.value)] = String(item.value.value);
  }
  return out;
};

const rangeOf = (lc: LineCounter, r: readonly [number, number, number?] | null | undefined): Range => {
  const a = lc.linePos(r?.[0] ?? 0);
  const b = lc.linePos(r?.[1] ?? r?.[0] ?? 0);
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
};

// parses kept while one lint runs: a resource has many findings, a base file many resources
const builtDocs = new Map<string, Document>();
const sourceDocs = new Map<string, { docs: ReturnType<typeof parseAllDocuments>; lc: LineCounter }>();

function cached<T>(cache: Map<string, T>, text: string, make: () => T): T {
  let v = cache.get(text);
  if (v === undefined) {
    v = make();
    cache.set(text, v);
  }
  return v;
}

/** Forgets the parses kept by {@link pathAt} and {@link locateIn}. */
export function clearLocateCache(): void {
  builtDocs.clear();
  sourceDocs.clear();
}

/** The offset of a position in a text. */
function offsetOf(text: string, line: number, character: number): number {
  let off = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off + character;
}

/**
 * The path of the deepest node of a one-document YAML text that holds `pos`, and whether the
 * position is on a map key (rather than on its value).
 */
export function pathAt(text: string, line: number, character: number): { steps: Step[]; onKey: boolean } {
  const doc = cached(builtDocs, text, () => parseDocument(text));
  const off = offsetOf(text, line, character);
  const steps: Step[] = [];
  let node: unknown = doc.contents;
  let onKey = false;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as Node | null;
        const v = p.value as Node | null;
        const start = k?.range?.[0] ?? 0;
        const end = v?.range?.[1] ?? k?.range?.[1] ?? 0;
        return off >= start && off < Math.max(end, start + 1);
      });
      if (!pair || !isScalar(pair.key)) break;
      steps.push({ key: String(pair.key.value) });
      const k = pair.key as Node;
      if (k.range && off < k.range[1]) {
        onKey = true;
        break;
      }
      node = pair.value;
      continue;
    }
    if (isSeq(node)) {
      const i = node.items.findIndex((n) => {
        const r = (n as Node | null)?.range;
        return r !== undefined && r !== null && off >= r[0] && off <= r[1];
      });
      if (i < 0) break;
      steps.push({ index: i, fields: scalarFields(node.items[i]) });
      node = node.items[i];
      continue;
    }
    break;
  }
  return { steps, onKey };
}

/** Whether a JSON pointer of the build's value origins (list steps as `[key=value]` or indexes) is a prefix of `steps`. */
export function pointerCovers(pointer: string, steps: readonly Step[]): boolean {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts.length > steps.length) return false;
  return parts.every((p, i) => stepMatches(p, steps[i]!));
}

function stepMatches(part: string, step: Step): boolean {
  if ('key' in step) return part === step.key;
  const m = /^\[([^=]*)=(.*)\]$/.exec(part);
  if (m) return step.fields[m[1]!] === m[2];
  return part === String(step.index) || part === '-';
}

/** Finds the item of a sequence that a step names: by the item's merge-key fields when it has them, else by index. */
function findItem(seq: { items: unknown[] }, step: { readonly index: number; readonly fields: Readonly<Record<string, string>> }): unknown {
  const keys = ['name', 'containerPort', 'mountPath', 'devicePath', 'ip', 'topologyKey'];
  for (const key of keys) {
    const want = step.fields[key];
    if (want === undefined) continue;
    const hit = seq.items.find((n) => scalarFields(n)[key] === want);
    if (hit) return hit;
    return undefined;
  }
  return seq.items[step.index];
}

/** Walks `steps` through a document; the range of the node reached (the key for a map entry), and whether all steps were found. */
function walk(doc: Document, lc: LineCounter, steps: readonly Step[], onKey: boolean): Located {
  let node: unknown = doc.contents;
  let range = rangeOf(lc, (doc.contents as Node | null)?.range);
  range = { start: range.start, end: range.start };
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const last = i === steps.length - 1;
    if ('key' in step) {
      if (!isMap(node)) return { range, complete: false };
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === step.key);
      if (!pair) return { range, complete: false };
      const keyRange = rangeOf(lc, (pair.key as Node).range);
      const value = pair.value as Node | null;
      range = last && !onKey && value && isScalar(value) ? rangeOf(lc, value.range) : keyRange;
      node = value;
    } else {
      if (!isSeq(node)) return { range, complete: false };
      const item = findItem(node, step);
      if (!item) return { range, complete: false };
      const r = rangeOf(lc, (item as Node).range);
      range = { start: r.start, end: r.start };
      node = item;
    }
  }
  return { range, complete: true };
}

/** The last operation of a JSON 6902 patch whose path covers `steps`: its value, else its path. */
function inJsonPatch(seq: { items: unknown[] }, lc: LineCounter, steps: readonly Step[]): Located | undefined {
  for (const op of [...seq.items].reverse()) {
    if (!isMap(op)) continue;
    const path = op.items.find((p) => isScalar(p.key) && p.key.value === 'path');
    if (!path || !isScalar(path.value) || !pointerCovers(String(path.value.value), steps)) continue;
    const value = op.items.find((p) => isScalar(p.key) && p.key.value === 'value');
    const node = (value && isScalar(value.value) ? value.value : path.value) as Node;
    return { range: rangeOf(lc, node.range), complete: true };
  }
  return undefined;
}

/**
 * The location of `steps` in the document of `text` that starts at 1-based `docLine` (0: the
 * first document whose kind and name match `id`, else the first).
 */
export function locateIn(text: string, docLine: number, steps: readonly Step[], onKey: boolean, id?: { kind: string; name: string }): Located | undefined {
  const { docs, lc } = cached(sourceDocs, text, () => {
    const counter = new LineCounter();
    return { docs: parseAllDocuments(text, { lineCounter: counter }), lc: counter };
  });
  if (!Array.isArray(docs) || docs.length === 0) return undefined;
  const lineOf = (d: Document): number => lc.linePos((d.contents as Node | null)?.range?.[0] ?? 0).line;
  let doc: Document | undefined;
  if (docLine > 0) doc = docs.find((d) => lineOf(d) === docLine);
  if (!doc && id) {
    doc = docs.find((d) => {
      const f = scalarFields(d.contents);
      return f['kind'] === id.kind && (isMap(d.contents) ? String((d.contents.get('metadata') as { get?: (k: string) => unknown } | undefined)?.get?.('name') ?? '') : '') === id.name;
    });
  }
  doc ??= docs[0];
  if (!doc || doc.errors.length > 0) return undefined;
  return isSeq(doc.contents) ? inJsonPatch(doc.contents, lc, steps) : walk(doc, lc, steps, onKey);
}
