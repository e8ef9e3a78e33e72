/**
 * Resolving a place in a rendered template to its cause: the template line it was written on, or
 * the values node it was printed from (within a printed YAML block such as `toYaml .Values.x`, the
 * nested key under the cursor).
 */
import { lineColumn, segmentAt, templatePosition, type OutputSegment } from './template/index';
import type { ValueLocation, ValuesProvenance } from './values-source';

/** A place in a template file (the rendered template's name, e.g. `chart/templates/x.yaml`). */
export interface TemplatePlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The cause of a place in the output: where the template wrote it, and the values node it printed,
 * when one did; for output of a named template (include, template) or tpl, the action in the
 * executed template that called it.
 */
export interface OutputCause {
  readonly template: TemplatePlace;
  readonly value?: ValueLocation;
  readonly via?: TemplatePlace;
}

const KEY_LINE = /^( *)(- +)?("[^"]*"|'[^']*'|[^\s#'"\-?:][^:#]*?|-[^\s:#][^:#]*?) *:(?: |$)/;
const ITEM_LINE = /^( *)- /;

/** The key path of the line holding `offset` within a YAML block, relative to the block's top (list items by index). */
export function blockPath(block: string, offset: number): string[] {
  const lines = block.slice(0, offset).split('\n');
  const end = block.indexOf('\n', offset);
  lines[lines.length - 1] = block.slice(offset - lines[lines.length - 1]!.length, end < 0 ? block.length : end);
  // stack of (indent, key) and the item counters of each list indent
  const stack: { indent: number; key: string; item: boolean }[] = [];
  const items = new Map<number, number>();
  for (const line of lines) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const item = ITEM_LINE.exec(line);
    // a list may sit at its key's own indentation (Go's YAML writes it so): an item keeps that key
    const above = (e: { indent: number; item: boolean }): boolean => e.indent > indent || (e.indent === indent && (!item || e.item));
    while (stack.length > 0 && above(stack[stack.length - 1]!)) stack.pop();
    for (const k of [...items.keys()]) if (k > indent || (k === indent && !item)) items.delete(k);
    let keyIndent = indent;
    if (item) {
      const n = (items.get(indent) ?? -1) + 1;
      items.set(indent, n);
      stack.push({ indent, key: String(n), item: true });
      keyIndent = indent + item[0].length - item[1]!.length;
    }
    const m = KEY_LINE.exec(item ? ' '.repeat(keyIndent) + line.slice(keyIndent) : line);
    if (m) stack.push({ indent: keyIndent + (item ? 0.5 : 0), key: m[3]!.replace(/^["']|["']$/g, ''), item: false });
  }
  return stack.map((s) => s.key);
}

/** The cause of output offset `at` of a rendered template, or undefined outside its segments. */
export function causeAt(output: string, segments: readonly OutputSegment[], values: ValuesProvenance | undefined, at: number): OutputCause | undefined {
  const segment = segmentAt(segments, at);
  if (!segment) return undefined;
  const o = segment.origin;
  const template = templatePosition(segment, at);
  if (o.via !== undefined) {
    const call = o.via;
    const via = { file: call.source.parseName, ...lineColumn(call.source.text, Math.max(0, call.source.text.lastIndexOf('{{', call.offset))) };
    const inner = valueCause(output, segment, values, at, template);
    // a value a shared template computed (a name, a label) is the object's: placed at the call
    if (o.kind === 'action' && inner.value === undefined) return { template: via };
    return { ...inner, via };
  }
  return valueCause(output, segment, values, at, template);
}

/** The cause of output offset `at` within `segment`: the values node it printed, else the template place. */
function valueCause(output: string, segment: OutputSegment, values: ValuesProvenance | undefined, at: number, template: TemplatePlace): OutputCause {
  const o = segment.origin;
  if (o.kind !== 'action' || o.value === undefined || values === undefined) return { template };
  const base = values.pathOf(o.value);
  if (base === undefined) return { template };
  // a printed block: the key under `at`, relative to the block's first line
  const text = output.slice(segment.start, segment.end);
  const column = segment.start - (output.lastIndexOf('\n', segment.start - 1) + 1);
  const rel = text.includes('\n') ? blockPath(' '.repeat(column) + text, column + at - segment.start) : [];
  for (let n = rel.length; n >= 0; n--) {
    const located = values.locate([...base, ...rel.slice(0, n)]);
    if (located) return { template, value: located };
  }
  for (let n = base.length - 1; n > 0; n--) {
    const located = values.locate(base.slice(0, n));
    if (located) return { template, value: located };
  }
  return { template };
}
