// Fixes of a kustomize finding in the file that causes it. A rule's fix edits the built object,
// which no one edits; its structural changes (fix-changes.ts) are written into the base resource
// when every unit that deploys it has the finding (the setting is missing or wrong in the base and
// no overlay sets it), or into the overlay's strategic-merge patch that introduced the value. A fix
// is offered only when building every unit that reads the file again shows the finding gone, no
// new finding and every build succeeding.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Config } from '../config';
import { flatten, pairOf, changesOf, valueYaml, type Change } from '../fix-changes';
import type { FileTree } from '../file-tree';
import { lintText } from '../lint';
import { parseYaml, type YamlDocument } from '../parse/yaml';
import { applyEdits, rangesOverlap, type LineIndex } from '../text';
import type { Result, TextEdit } from '../types';
import { appendToSeq, setIn } from '../yaml-edit';
import { buildKustomization, type BuildOptions } from './build';
import type { Json } from './json';
import { writeYaml } from './yaml-write';

/** A built unit's finding: the unit and its rule, for comparing builds with a fix and without. */
export interface UnitFinding {
  readonly unit: string;
  readonly result: Result;
}

// counted by unit and rule, not by message: a fix may change what another finding of the same
// object says (privileged: false) without adding one
const findingKey = (unit: string, r: Result): string => `${unit}\0${r.ruleId}`;

function countFindings(found: readonly UnitFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of found) counts.set(findingKey(f.unit, f.result), (counts.get(findingKey(f.unit, f.result)) ?? 0) + 1);
  return counts;
}

/** The document of `text` whose content starts on 1-based `line` (the first when none does). */
function documentAt(parsed: ReturnType<typeof parseYaml>, line: number): YamlDocument | undefined {
  const docs = parsed.documents;
  const startLine = (d: YamlDocument): number => {
    const r = (d.doc.contents as Node | null)?.range;
    return r ? parsed.lines.positionAt(d.offset + r[0]).line + 1 : -1;
  };
  return docs.find((d) => startLine(d) === line) ?? (line <= 1 ? docs[0] : undefined);
}

/** The value at a path of the built object (list items by index). */
function builtAt(obj: Json, path: readonly (string | number)[]): unknown {
  let v: unknown = obj;
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[step];
  }
  return v;
}

/** The scalar `name` of a list item that is a map. */
function nameOf(item: unknown): string | undefined {
  const v = isMap(item) ? pairOf(item as YAMLMap, 'name')?.value : undefined;
  return isScalar(v) ? String(v.value) : undefined;
}

/**
 * Follows a built path in a source document as far as it exists. List items are matched by their
 * `name` (as strategic merge matches containers, volumes, env) when the built item has one, else
 * by index.
 */
function follow(root: Node | null, obj: Json, path: readonly (string | number)[]): { node: Node | null; depth: number } {
  let node = root;
  let depth = 0;
  for (const step of path) {
    let next: Node | null | undefined;
    if (isMap(node) && typeof step === 'string') next = pairOf(node, step)?.value;
    else if (isSeq(node) && typeof step === 'number') {
      const built = builtAt(obj, [...path.slice(0, depth), step]);
      const name = built !== null && typeof built === 'object' && !Array.isArray(built) ? (built as Record<string, unknown>)['name'] : undefined;
      next = (typeof name === 'string' ? node.items.find((it) => nameOf(it) === name) : node.items[step]) as Node | undefined;
    }
    if (next === undefined || next === null) break;
    node = next;
    depth++;
  }
  return { node, depth };
}

/** The edits writing one change into a source document; undefined when it cannot be written certainly. */
function changeEdits(doc: YamlDocument, lines: LineIndex, obj: Json, change: Change): TextEdit[] | undefined {
  const root = doc.doc.contents as Node | null;
  if (change.op === 'append') {
    const { node, depth } = follow(root, obj, change.path);
    if (change.value !== null && typeof change.value === 'object') return undefined;
    if (depth === change.path.length) return isSeq(node) ? appendToSeq(doc, lines, node, valueYaml(change.value)) : undefined;
    const rest = change.path.slice(depth);
    if (!isMap(node) || rest.some((s) => typeof s !== 'string')) return undefined;
    return setIn(doc, lines, node, rest as string[], valueYaml([change.value], node.flow === true));
  }
  // a set: from the deepest existing map above the changed key
  const { node, depth } = follow(root, obj, change.path.slice(0, -1));
  const rest = change.path.slice(depth);
  if (!isMap(node) || rest.length === 0 || rest.some((s) => typeof s !== 'string')) return undefined;
  const flat = flatten(rest as string[], change.value);
  return setIn(doc, lines, node, flat.path, valueYaml(flat.value, node.flow === true));
}

/** The edits of a built finding's fix in the source document at `file`, line `docLine`; undefined when there are none certain. */
export function sourceFixEdits(tree: FileTree, file: string, docLine: number, built: string, obj: Json, fixEdits: readonly TextEdit[]): TextEdit[] | undefined {
  const read = changesOf(built, fixEdits);
  const bytes = tree.readFile(file);
  if (!read || bytes === undefined) return undefined;
  const parsed = parseYaml(file, new TextDecoder().decode(bytes), 'kubernetes');
  const doc = documentAt(parsed, docLine);
  if (!doc || doc.errors.length > 0 || !isMap(doc.doc.contents)) return undefined;
  const edits: TextEdit[] = [];
  for (const change of read.changes) {
    const e = changeEdits(doc, parsed.lines, obj, change);
    if (!e || e.length === 0) return undefined;
    for (const x of e) {
      if (edits.some((c) => rangesOverlap(c.range, x.range))) return undefined;
      edits.push(x);
    }
  }
  return edits;
}

/** A tree with one file's text replaced. */
function overlay(tree: FileTree, file: string, text: string): FileTree {
  const bytes = new TextEncoder().encode(text);
  return { readFile: (path) => (path === file ? bytes : tree.readFile(path)), readDir: (path) => tree.readDir(path) };
}

/**
 * Builds and lints units; undefined when one of them does not build. `linted` holds the findings
 * of built resource texts linted before (a fix changes few resources; the others are not linted again).
 */
export function lintUnits(tree: FileTree, units: readonly string[], config: Config | undefined, build: BuildOptions | undefined, linted?: ReadonlyMap<string, readonly Result[]>): UnitFinding[] | undefined {
  const out: UnitFinding[] = [];
  for (const unit of units) {
    const built = buildKustomization(tree, unit, build);
    if (!built.ok) return undefined;
    for (const r of built.resources) {
      const text = writeYaml(r.obj as Json);
      const results = linted?.get(text) ?? lintText(`kustomize:///${unit}`, text, { kind: 'kubernetes', ...(config ? { config } : {}) }).results;
      for (const result of results) out.push({ unit, result });
    }
  }
  return out;
}

/** Verifies a fix of a file by building again every unit that reads the file. */
export class KustomizeFixVerifier {
  private readonly baseline: Map<string, number>;
  private readonly builds = new Map<string, Map<string, number> | null>();

  constructor(private readonly tree: FileTree, found: readonly UnitFinding[], private readonly config: Config | undefined, private readonly build: BuildOptions | undefined, private readonly linted?: ReadonlyMap<string, readonly Result[]>) {
    this.baseline = countFindings(found);
  }

  /** True when every unit of `readers` builds with the edits, the finding (of `units`) is gone and no finding is new. */
  verify(file: string, edits: readonly TextEdit[], readers: readonly string[], units: readonly string[], finding: Result): boolean {
    const key = JSON.stringify([file, edits]);
    let counts = this.builds.get(key);
    if (counts === undefined) {
      const bytes = this.tree.readFile(file);
      let after: string | undefined;
      try {
        after = bytes === undefined ? undefined : applyEdits(new TextDecoder().decode(bytes), edits);
      } catch {
        after = undefined;
      }
      const found = after === undefined ? undefined : lintUnits(overlay(this.tree, file, after), readers, this.config, this.build, this.linted);
      counts = found ? countFindings(found) : null;
      this.builds.set(key, counts);
    }
    if (!counts) return false;
    for (const unit of units) {
      const k = findingKey(unit, finding);
      if ((counts.get(k) ?? 0) >= (this.baseline.get(k) ?? 0)) return false;
    }
    for (const [k, n] of counts) {
      if (readers.includes(k.slice(0, k.indexOf('\0'))) && n > (this.baseline.get(k) ?? 0)) return false;
    }
    return true;
  }
}
