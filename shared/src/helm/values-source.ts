/**
 * Where a rendered value came from: the coalesced values' containers mapped to their key paths,
 * and key paths located in the values files that set them (-f files over the chart's values.yaml,
 * a subchart's own values.yaml under its name). Built only when a source map is asked for.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { chartName, type Chart } from './chart';
import type { GoMap } from './go-value';
import type { ValueRef } from './template/index';

/** A values file the render read, with the key path its top level stands for. */
export interface ValuesSource {
  /** The file's path as findings name it. */
  readonly file: string;
  readonly text: string;
  /** The key path of the file's top level in the chart's values (a subchart's name, or none). */
  readonly prefix: readonly string[];
}

/** A values node located in its file (1-based lines and columns; the node's key, or the item for a list). */
export interface ValueLocation {
  readonly file: string;
  /** The key path in the file's chart values (list indices as decimal strings). */
  readonly path: readonly string[];
  readonly line: number;
  readonly column: number;
  /** The last line of the node's value. */
  readonly endLine: number;
}

interface Parsed {
  readonly doc: Document;
  readonly lines: LineCounter;
}

/** The container → key path table of the coalesced values and the values files to locate paths in. */
export class ValuesProvenance {
  private readonly paths = new WeakMap<object, readonly string[]>();
  private readonly parsed = new Map<ValuesSource, Parsed | null>();

  /**
   * Indexes `values` (the chart's coalesced values); `sources` go from the highest priority to the
   * lowest; `commandLine` holds the values given by --set and its kin, which win over every file.
   */
  constructor(values: GoMap, private readonly sources: readonly ValuesSource[], private readonly commandLine?: GoMap) {
    this.index(values, []);
  }

  /** True when the command line set `path` or a value above it. */
  private setOnCommandLine(path: readonly string[]): boolean {
    let node: unknown = this.commandLine;
    for (const key of path) {
      if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return false;
      node = (node as Record<string, unknown>)[key];
      if (node === null || typeof node !== 'object') return true;
    }
    return node !== undefined;
  }

  private index(value: unknown, path: readonly string[]): void {
    if (value === null || typeof value !== 'object' || this.paths.has(value)) return;
    this.paths.set(value, path);
    if (Array.isArray(value)) value.forEach((v, i) => this.index(v, [...path, String(i)]));
    else if (Object.getPrototypeOf(value) === null || Object.getPrototypeOf(value) === Object.prototype) {
      for (const [k, v] of Object.entries(value)) this.index(v, [...path, k]);
    }
  }

  /** The key path of a values node, or undefined when it is not part of the values. */
  pathOf(ref: ValueRef): readonly string[] | undefined {
    const base = this.paths.get(ref.container);
    if (base === undefined) return undefined;
    return ref.key === undefined ? base : [...base, ref.key];
  }

  /** The first values file (by priority) that sets `path`, with the node's place; undefined when none does or the command line set it. */
  locate(path: readonly string[]): ValueLocation | undefined {
    if (this.commandLine && this.setOnCommandLine(path)) return undefined;
    for (const source of this.sources) {
      if (path.length < source.prefix.length || source.prefix.some((p, i) => path[i] !== p)) continue;
      const parsed = this.parse(source);
      if (!parsed) continue;
      const rest = path.slice(source.prefix.length);
      const found = findNode(parsed.doc.contents, rest);
      if (!found) continue;
      const start = parsed.lines.linePos(found.start);
      const end = parsed.lines.linePos(Math.max(found.start, found.end - 1));
      return { file: source.file, path, line: start.line, column: start.col, endLine: end.line };
    }
    return undefined;
  }

  /**
   * The values file that sets `path` (the first by priority), with the path relative to the file's
   * top level; undefined when none does or the command line set it. Fixes edit this file.
   */
  sourceOf(path: readonly string[]): { readonly file: string; readonly text: string; readonly path: readonly string[] } | undefined {
    if (this.commandLine && this.setOnCommandLine(path)) return undefined;
    for (const source of this.sources) {
      if (path.length < source.prefix.length || source.prefix.some((p, i) => path[i] !== p)) continue;
      const parsed = this.parse(source);
      const rest = path.slice(source.prefix.length);
      if (parsed && (rest.length === 0 || findNode(parsed.doc.contents, rest))) return { file: source.file, text: source.text, path: rest };
    }
    return undefined;
  }

  /** `locate` for a values node, going up to the nearest located parent. */
  locateRef(ref: ValueRef): ValueLocation | undefined {
    const path = this.pathOf(ref);
    if (path === undefined) return undefined;
    for (let n = path.length; n > 0; n--) {
      const at = this.locate(path.slice(0, n));
      if (at) return at;
    }
    return undefined;
  }

  private parse(source: ValuesSource): Parsed | null {
    let p = this.parsed.get(source);
    if (p === undefined) {
      p = PARSED_TEXTS.get(source.text);
      if (p === undefined) {
        const lines = new LineCounter();
        const doc = parseDocument(source.text, { lineCounter: lines, uniqueKeys: false });
        p = doc.errors.length > 0 ? null : { doc, lines };
        if (PARSED_TEXTS.size >= MAX_PARSED_TEXTS) PARSED_TEXTS.delete(PARSED_TEXTS.keys().next().value!);
        PARSED_TEXTS.set(source.text, p);
      }
      this.parsed.set(source, p);
    }
    return p;
  }
}

/**
 * Values files parsed by earlier renders, by text (only read, never changed): the editor renders
 * a chart on every keystroke, and a large values.yaml that did not change is not parsed again.
 */
const PARSED_TEXTS = new Map<string, Parsed | null>();
const MAX_PARSED_TEXTS = 8;

/** The key (or list item) range of a path's node in a parsed YAML tree. */
function findNode(root: unknown, path: readonly string[]): { start: number; end: number } | undefined {
  let node: unknown = root;
  let range: { start: number; end: number } | undefined;
  for (const key of path) {
    if (isMap(node)) {
      // the last pair of a key wins, as Go's YAML decoder keeps it
      const pair = [...node.items].reverse().find((it) => String((it.key as { value?: unknown } | null)?.value) === key);
      if (!pair) return undefined;
      const k = pair.key as Node;
      const v = pair.value as Node | null;
      range = { start: k.range![0], end: v?.range ? v.range[1] : k.range![1] };
      node = v;
    } else if (isSeq(node) && /^\d+$/.test(key)) {
      const item = node.items[Number(key)] as Node | undefined;
      if (!item?.range) return undefined;
      range = { start: item.range[0], end: item.range[1] };
      node = item;
    } else return undefined;
  }
  return range;
}

/** The values files of a render by priority: -f files (last first), then each chart's values.yaml from the root down. */
export function valuesSources(chart: Chart, chartDir: string, userFiles: readonly { readonly name: string; readonly text: string }[]): ValuesSource[] {
  const sources: ValuesSource[] = [...userFiles].reverse().map((f) => ({ file: f.name, text: f.text, prefix: [] }));
  const walk = (c: Chart, dir: string, prefix: readonly string[]): void => {
    const raw = c.raw.find((f) => f.name === 'values.yaml');
    if (raw) sources.push({ file: dir === '' ? 'values.yaml' : `${dir}/values.yaml`, text: new TextDecoder().decode(raw.data), prefix });
    for (const sub of c.dependencies) walk(sub, dir === '' ? `charts/${chartName(sub)}` : `${dir}/charts/${chartName(sub)}`, [...prefix, chartName(sub)]);
  };
  walk(chart, chartDir, []);
  return sources;
}
