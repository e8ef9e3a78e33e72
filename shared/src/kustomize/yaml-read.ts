import { isAlias, isMap as isYamlMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { clone, newMap, type Json, type JsonMap } from './json';

/** One YAML document read as kustomize reads it (go-yaml v3 resolution), or the reason it could not be read. */
export type ReadDoc = { readonly value: Json; readonly line: number } | { readonly error: string; readonly line: number };

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[ \t]*[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/;

/** Go's strconv.ParseInt(s, 0, 64) accepting the same spellings (sign, 0x, 0o, 0b, leading-0 octal); undefined when it fails. */
function goInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  let n: number;
  if (/^0[xXoObB]/.test(body)) n = Number(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) n = parseInt(body, 8);
  else n = Number(body);
  return m[1] === '-' ? -n : n;
}

/** The value of a plain (unquoted, untagged) scalar as go-yaml v3 resolves it; timestamps stay strings as v3 keeps them. */
export function resolvePlain(s: string): Json {
  if (NULLS.has(s)) return null;
  if (TRUES.has(s)) return true;
  if (FALSES.has(s)) return false;
  switch (s) {
    case '.inf': case '.Inf': case '.INF': case '+.inf': case '+.Inf': case '+.INF':
      return Infinity;
    case '-.inf': case '-.Inf': case '-.INF':
      return -Infinity;
    case '.nan': case '.NaN': case '.NAN':
      return NaN;
  }
  const c = s.charCodeAt(0);
  const numeric = (c >= 48 && c <= 57) || s[0] === '-' || s[0] === '+' || s[0] === '.';
  if (!numeric || TIMESTAMP.test(s)) return s;
  const plain = s.replaceAll('_', '');
  const int = goInt(plain);
  if (int !== undefined) return int;
  if (FLOAT.test(plain)) return Number(plain);
  return s;
}

interface Ctx {
  readonly anchors: Map<string, { value: Json; size: number }>;
  depth: number;
  /** Nodes the document stands for once its aliases are expanded. */
  size: number;
}

const MAX_DEPTH = 1000;
/** Bound on the expanded size of one document, against alias bombs (each alias counts its whole target). */
const MAX_EXPANDED_NODES = 2_000_000;

function convert(node: Node | null | undefined, ctx: Ctx): Json {
  if (node === null || node === undefined) return null;
  if (++ctx.depth > MAX_DEPTH) throw new Error('document nested too deeply');
  try {
    let value: Json;
    if (isAlias(node)) {
      const target = ctx.anchors.get(node.source);
      if (target === undefined) throw new Error(`unknown anchor '${node.source}' referenced`);
      ctx.size += target.size;
      if (ctx.size > MAX_EXPANDED_NODES) throw new Error(`the document expands to more than ${MAX_EXPANDED_NODES} nodes through its aliases`);
      return target.value;
    }
    const before = ctx.size++;
    if (isScalar(node)) value = scalar(node.value, node.type, node.tag);
    else if (isYamlMap(node)) value = mapping(node.items, ctx);
    else if (isSeq(node)) value = node.items.map((item) => convert(item as Node, ctx));
    else value = null;
    if (node.anchor) ctx.anchors.set(node.anchor, { value, size: ctx.size - before });
    return value;
  } finally {
    ctx.depth--;
  }
}

function scalar(raw: unknown, type: string | undefined, tag: string | undefined): Json {
  const s = typeof raw === 'string' ? raw : String(raw);
  if (tag === 'tag:yaml.org,2002:str' || tag === '!!str') return s;
  if (tag === 'tag:yaml.org,2002:int' || tag === 'tag:yaml.org,2002:float') {
    const v = resolvePlain(s);
    return typeof v === 'number' ? v : s;
  }
  if (tag === 'tag:yaml.org,2002:bool') return TRUES.has(s) ? true : FALSES.has(s) ? false : s;
  if (tag === 'tag:yaml.org,2002:null') return null;
  return type === 'PLAIN' ? resolvePlain(s) : s;
}

function mapping(items: readonly unknown[], ctx: Ctx): JsonMap {
  const out = newMap();
  const merged: JsonMap[] = [];
  for (const item of items) {
    if (!isPair(item)) continue;
    const keyNode = item.key as Node | null;
    const key = convert(keyNode, ctx);
    const value = convert(item.value as Node | null, ctx);
    if (key === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN') {
      for (const m of Array.isArray(value) ? value : [value]) {
        if (typeof m === 'object' && m !== null && !Array.isArray(m)) merged.push(m);
      }
      continue;
    }
    const k = key === null ? 'null' : typeof key === 'object' ? JSON.stringify(key) : String(key);
    out[k] = value;
  }
  for (const m of merged) for (const k of Object.keys(m)) if (!(k in out)) out[k] = m[k]!;
  return out;
}

/** Counts lines up to increasing offsets, so a stream of many documents is scanned once. */
function lineCounter(text: string): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset) => {
    for (; pos < offset && pos < text.length; pos++) if (text.charCodeAt(pos) === 10) line++;
    return line;
  };
}

/**
 * Reads every document of a YAML stream; empty documents are left out. Repeated keys are an error
 * unless `lastKeyWins` (kustomization files are read with go-yaml v2, where the last one wins).
 */
export function readYamlDocs(text: string, lastKeyWins = false): ReadDoc[] {
  // a text read before (the editor builds again on every edit, and most files did not change):
  // its documents again, copied, as the builder changes what it reads
  const key = `${lastKeyWins ? 'last' : 'unique'}\0${text}`;
  // (copies share nothing, as Go decodes each alias into a value of its own)
  const copy = (docs: readonly ReadDoc[]): ReadDoc[] => docs.map((d) => ('value' in d ? { value: clone(d.value), line: d.line } : d));
  const hit = READ_TEXTS.get(key);
  if (hit) return copy(hit);
  const out = parseYamlDocs(text, lastKeyWins);
  if (key.length <= MAX_KEPT_CHARS) {
    READ_TEXTS.set(key, out);
    keptChars += key.length;
    for (const k of READ_TEXTS.keys()) {
      if (keptChars <= MAX_KEPT_CHARS) break;
      READ_TEXTS.delete(k);
      keptChars -= k.length;
    }
  }
  return copy(out);
}

/** Documents of texts read before, by reading mode and text, the oldest first; at most MAX_KEPT_CHARS of text. */
const READ_TEXTS = new Map<string, ReadDoc[]>();
const MAX_KEPT_CHARS = 16 * 1024 * 1024;
let keptChars = 0;

function parseYamlDocs(text: string, lastKeyWins: boolean): ReadDoc[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: !lastKeyWins, merge: false, strict: false }) as Document.Parsed[];
  } catch (e) {
    return [{ error: (e as Error).message, line: 1 }];
  }
  if (!Array.isArray(docs)) return [];
  const out: ReadDoc[] = [];
  const lineOf = lineCounter(text);
  for (const doc of docs) {
    const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
    const line = lineOf(start);
    const err = doc.errors[0];
    if (err) {
      out.push({ error: err.message.split('\n')[0]!, line: err.linePos?.[0]?.line ?? line });
      continue;
    }
    if (doc.contents === null) continue;
    try {
      out.push({ value: convert(doc.contents as Node, { anchors: new Map(), depth: 0, size: 0 }), line });
    } catch (e) {
      out.push({ error: (e as Error).message, line });
    }
  }
  return out;
}
