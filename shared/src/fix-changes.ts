/**
 * A fix of a built or rendered manifest read as structural changes (a key set, an item appended),
 * so that it can be carried to the source file the changed block comes from (a chart's values or
 * template, a kustomize base or patch), where yaml-edit.ts writes it.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import { applyEdits } from './text';
import type { TextEdit } from './types';

export type Step = string | number;

/** A structural change of a rendered document: a value set at a path, or an item appended to the sequence at a path. */
export interface Change {
  readonly doc: number;
  readonly op: 'set' | 'append';
  readonly path: readonly Step[];
  readonly value: unknown;
}

export const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);

/** Adds the changes from `a` to `b` to `out`; false when `b` removes something (no fix does). */
function diff(a: unknown, b: unknown, doc: number, path: readonly Step[], out: Change[]): boolean {
  if (isPlain(a) && isPlain(b)) {
    for (const k of Object.keys(a)) if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    for (const [k, v] of Object.entries(b)) {
      if (!Object.prototype.hasOwnProperty.call(a, k)) out.push({ doc, op: 'set', path: [...path, k], value: v });
      else if (!diff(a[k], v, doc, [...path, k], out)) return false;
    }
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (b.length < a.length) return false;
    for (let i = 0; i < a.length; i++) if (!diff(a[i], b[i], doc, [...path, i], out)) return false;
    for (let i = a.length; i < b.length; i++) out.push({ doc, op: 'append', path, value: b[i] });
    return true;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return true;
  out.push({ doc, op: 'set', path, value: b });
  return true;
}

/** The changes a fix makes to a rendered template; undefined when they cannot be read as such. */
export function changesOf(output: string, edits: readonly TextEdit[]): { changes: Change[]; roots: (Node | null)[] } | undefined {
  let fixed: string;
  try {
    fixed = applyEdits(output, edits);
  } catch {
    return undefined;
  }
  const before = parseAllDocuments(output, { uniqueKeys: false });
  const after = parseAllDocuments(fixed, { uniqueKeys: false });
  if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) return undefined;
  if (after.some((d) => d.errors.length > 0)) return undefined;
  const changes: Change[] = [];
  for (let i = 0; i < before.length; i++) {
    if (!diff(before[i]!.toJS({ maxAliasCount: 100 }), after[i]!.toJS({ maxAliasCount: 100 }), i, [], changes)) return undefined;
  }
  return changes.length === 0 ? undefined : { changes, roots: before.map((d) => d.contents as Node | null) };
}

/** The last pair of `key` in a map (the one whose value counts). */
export function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const k = map.items[i]!.key;
    if (isScalar(k) && String(k.value) === key) return map.items[i] as Pair<Node, Node | null>;
  }
  return undefined;
}

/** Follows `path` from `root` as far as it exists: the deepest node reached and how many steps it took. */
export function deepest(root: Node | null, path: readonly Step[]): { node: Node | null; depth: number } {
  let node = root;
  let depth = 0;
  for (const step of path) {
    let next: Node | null | undefined;
    if (isMap(node) && typeof step === 'string') next = pairOf(node, step)?.value;
    else if (isSeq(node) && typeof step === 'number') next = node.items[step] as Node | undefined;
    if (next === undefined || next === null) break;
    node = next;
    depth++;
  }
  return { node, depth };
}

/** A value as flow YAML in the style yaml-edit writes (`{a: [b]}`). */
function flowYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  if (isPlain(value)) return `{${Object.entries(value).map(([k, v]) => `${stringify(k).trimEnd()}: ${flowYaml(v)}`).join(', ')}}`;
  return stringify(value).trimEnd();
}

/** A value as YAML text for yaml-edit: a flow scalar, or a block (starting with a line break); all flow for a flow collection. */
export function valueYaml(value: unknown, flow = false): string {
  if (flow) return flowYaml(value);
  if (value !== null && typeof value === 'object') return `\n${stringify(value).trimEnd()}`;
  return stringify(value).trimEnd();
}

/** Extends `path` down a chain of single-key maps, so that a nested setting is inserted key by key. */
export function flatten(path: readonly string[], value: unknown): { path: string[]; value: unknown } {
  const p = [...path];
  let v = value;
  while (isPlain(v) && Object.keys(v).length === 1) {
    const [k, inner] = Object.entries(v)[0]!;
    p.push(k);
    v = inner;
  }
  return { path: p, value: v };
}

