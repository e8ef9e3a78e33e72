import { isMap, isScalar, isSeq, parseDocument, stringify, YAMLSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Attestation } from './config';

/** The outcome of editing `.bollwerk.yaml`: the new text, or why no safe edit exists. */
export type ConfigEditResult = { readonly ok: true; readonly text: string; readonly changed: boolean } | { readonly ok: false; readonly reason: string };

/*
 * Edits are text splices located with the `yaml` Document API, so that every byte outside the
 * attestation being added or removed stays as it was (comments, blank lines, quoting, key
 * order, indentation). Shapes without a certain splice (flow-style lists, a flow-style root)
 * fall back to re-serialising the document, which keeps comments but may reflow the layout.
 */

interface Layout {
  readonly indent: number;
  readonly indentSeq: boolean;
}

const KEY_LINE = /^\s*[^#\s-][^:]*:\s*(#.*)?$/;

/** The file's indentation width and whether its block sequences are indented below their key. */
function detectLayout(text: string): Layout {
  const lines = text.split(/\r?\n/);
  const nested = lines.find((l) => /^ +[^\s#-]/.test(l));
  const indent = nested ? Math.min(8, Math.max(1, nested.length - nested.trimStart().length)) : 2;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    if (KEY_LINE.test(prev) && /^\s*- /.test(line)) {
      return { indent, indentSeq: line.length - line.trimStart().length > prev.length - prev.trimStart().length };
    }
  }
  return { indent, indentSeq: true };
}

const scalar = (value: string): string => stringify(value.replace(/\s*\r?\n\s*/g, ' '), { lineWidth: 0 }).trimEnd();

/** The YAML lines of one attestation as a block sequence item whose dash is at `column`. */
function entryLines(a: Attestation, column: number, eol: string): string {
  const pad = ' '.repeat(column);
  const fields: [string, string][] = [['item', a.item], ['by', a.by], ['date', a.date]];
  if (a.note) fields.push(['note', a.note]);
  return fields.map(([k, v], i) => `${i === 0 ? `${pad}- ` : `${pad}  `}${k}: ${scalar(v)}${eol}`).join('');
}

type Loaded = { readonly doc: Document; readonly root: YAMLMap | undefined } | { readonly reason: string };

function load(text: string): Loaded {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) return { reason: `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { doc, root: undefined };
  if (!isMap(doc.contents)) return { reason: 'the configuration is not a mapping' };
  return { doc, root: doc.contents };
}

const itemOf = (node: unknown): string | undefined => {
  if (!isMap(node)) return undefined;
  const v = node.get('item');
  return typeof v === 'string' ? v : undefined;
};

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** The offset after the line break that ends the line containing `offset - 1` (or the text end). */
const lineEnd = (text: string, offset: number): number => {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
};

const splice = (text: string, start: number, end: number, insert: string): string => text.slice(0, start) + insert + text.slice(end);

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** The offsets of one block sequence item, from the start of its dash line to the end of its last line. */
function itemSpan(text: string, node: Node): [number, number] | undefined {
  const r = node.range;
  return r ? [lineStart(text, r[0]), lineEnd(text, r[2])] : undefined;
}

function attestationsPair(root: YAMLMap | undefined): Pair | undefined {
  return root?.items.find((p) => isScalar(p.key) && p.key.value === 'attestations');
}

function reserialise(doc: Document, text: string, change: (root: YAMLMap) => void): string {
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  change(doc.contents as YAMLMap);
  const out = doc.toString({ ...detectLayout(text), lineWidth: 0 });
  return text.endsWith('\n') || text.length === 0 ? out : out.replace(/\n$/, '');
}

/**
 * Adds an attestation of a manual checklist item to the text of `.bollwerk.yaml`, replacing an
 * earlier one for the same item. Everything else in the file is kept byte for byte.
 */
export function addAttestation(text: string, attestation: Attestation): ConfigEditResult {
  const loaded = load(text);
  if ('reason' in loaded) return { ok: false, reason: loaded.reason };
  const { doc, root } = loaded;
  const eol = eolOf(text);
  const layout = detectLayout(text);
  const block = (): string => `attestations:${eol}${entryLines(attestation, layout.indentSeq ? layout.indent : 0, eol)}`;
  const pair = attestationsPair(root);
  const value = pair?.value;

  if (!pair || !isScalar(pair.key) || !pair.key.range) {
    if (root?.flow) {
      return { ok: true, changed: true, text: reserialise(doc, text, (r) => r.set('attestations', doc.createNode([attestation]))) };
    }
    const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
    return { ok: true, changed: true, text: text + sep + block() };
  }
  const keyLine = lineStart(text, pair.key.range[0]);
  const keyColumn = pair.key.range[0] - keyLine;
  if (value === null || value === undefined || (isScalar(value) && value.value === null) || (isSeq(value) && value.flow && value.items.length === 0)) {
    const end = lineEnd(text, value && 'range' in value && value.range ? value.range[1] : pair.key.range[1]);
    const column = keyColumn + (layout.indentSeq ? layout.indent : 0);
    return { ok: true, changed: true, text: splice(text, keyLine, end, `${' '.repeat(keyColumn)}attestations:${eol}${entryLines(attestation, column, eol)}`) };
  }
  if (!isSeq(value)) return { ok: false, reason: '`attestations` is not a list' };
  if (value.flow || !value.range) {
    return {
      ok: true,
      changed: true,
      text: reserialise(doc, text, () => {
        const at = value.items.findIndex((n) => itemOf(n) === attestation.item);
        const entry = doc.createNode(attestation);
        if (at >= 0) value.items[at] = entry;
        else value.items.push(entry);
        (value as YAMLSeq).flow = false;
      }),
    };
  }
  const column = value.range[0] - lineStart(text, value.range[0]);
  const entry = entryLines(attestation, column, eol);
  const same = value.items.find((n) => itemOf(n) === attestation.item) as Node | undefined;
  const sameSpan = same ? itemSpan(text, same) : undefined;
  if (sameSpan) return { ok: true, changed: true, text: splice(text, sameSpan[0], sameSpan[1], entry) };
  const last = value.items[value.items.length - 1] as Node | undefined;
  const end = last?.range ? lineEnd(text, last.range[2]) : lineEnd(text, value.range[2]);
  const sep = end > 0 && text[end - 1] !== '\n' ? eol : '';
  return { ok: true, changed: true, text: splice(text, end, end, sep + entry) };
}

/** Removes every attestation of `itemId`; drops the `attestations` key when the list becomes empty. */
export function removeAttestation(text: string, itemId: string): ConfigEditResult {
  const loaded = load(text);
  if ('reason' in loaded) return { ok: false, reason: loaded.reason };
  const { doc, root } = loaded;
  const pair = attestationsPair(root);
  const value = pair?.value;
  if (!pair || value === null || value === undefined || (isScalar(value) && value.value === null)) return { ok: true, text, changed: false };
  if (!isSeq(value)) return { ok: false, reason: '`attestations` is not a list' };
  const matching = value.items.filter((n) => itemOf(n) === itemId) as Node[];
  if (matching.length === 0) return { ok: true, text, changed: false };
  const kept = value.items.filter((n) => itemOf(n) !== itemId);
  if (value.flow || !value.range || !isScalar(pair.key) || !pair.key.range) {
    return {
      ok: true,
      changed: true,
      text: reserialise(doc, text, (r) => {
        if (kept.length === 0) r.delete('attestations');
        else value.items = kept;
      }),
    };
  }
  if (kept.length === 0) {
    return { ok: true, changed: true, text: splice(text, lineStart(text, pair.key.range[0]), lineEnd(text, value.range[2]), '') };
  }
  const spans = matching.map((n) => itemSpan(text, n)).filter((s): s is [number, number] => s !== undefined);
  const out = spans.sort((x, y) => y[0] - x[0]).reduce((acc, [s, e]) => splice(acc, s, e, ''), text);
  return { ok: true, changed: true, text: out };
}
