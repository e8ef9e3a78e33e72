// Reads YAML into Go values the way Helm does with sigs.k8s.io/yaml: go-yaml v2 resolves the
// scalars (YAML 1.1: yes/no/on/off are booleans, 0777 is octal), then the tree goes through JSON,
// so every number becomes a float64 and every mapping key a string.
import { Alias, isAlias, isMap as isYamlMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { newMap, type GoMap, type GoValue } from './go-value';
import { resolvePlain } from './go-yaml-resolve';

/** A YAML text that Helm's decoder would reject, with its message worded as go-yaml's. */
export class YamlError extends Error {}

const MAX_ALIAS_EXPANSION = 1_000_000;

interface ReadState {
  readonly doc: Document.Parsed;
  budget: number;
}

/** The Go value of one scalar as go-yaml v2 decodes it and sigs.k8s.io/yaml turns it into JSON. */
function scalarValue(node: YamlNode & { type?: string; tag?: string; source?: string; value: unknown }): GoValue {
  const raw = typeof node.source === 'string' ? node.source : String(node.value);
  const text = node.type === 'PLAIN' ? raw : String(node.value);
  const tag = node.tag;
  if (tag && tag !== '!') {
    const short = tag.replace(/^tag:yaml\.org,2002:/, '!!');
    if (short === '!!str' || short === '!!binary') return text;
    if (short === '!!null') return null;
    if (short === '!!bool' || short === '!!int' || short === '!!float') {
      const r = resolvePlain(text);
      if (r.tag === 'bool' || r.tag === 'int' || r.tag === 'float') return r.tag === 'int' ? Number(r.value) : r.value;
      throw new YamlError(`cannot decode !!${short.slice(2)} \`${text}\``);
    }
    if (!short.startsWith('!!')) return node.type === 'PLAIN' ? plainValue(text) : text;
  }
  if (node.type !== 'PLAIN') return text;
  return plainValue(text);
}

function plainValue(text: string): GoValue {
  const r = resolvePlain(text);
  switch (r.tag) {
    case 'null':
      return null;
    case 'bool':
      return r.value;
    case 'int':
      return Number(r.value);
    case 'float':
      if (!Number.isFinite(r.value)) throw new YamlError(`error converting YAML to JSON: json: unsupported value: ${r.value > 0 ? '+Inf' : r.value < 0 ? '-Inf' : 'NaN'}`);
      return r.value;
    default:
      return text;
  }
}

/** The JSON key sigs.k8s.io/yaml makes of a mapping key. */
function keyString(v: GoValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return formatKeyNumber(v);
  throw new YamlError('error converting YAML to JSON: yaml: invalid map key');
}

function formatKeyNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(n);
}

function nodeValue(node: unknown, st: ReadState, depth: number): GoValue {
  if (depth > 10_000) throw new YamlError('error converting YAML to JSON: yaml: exceeded max depth');
  if (--st.budget < 0) throw new YamlError('error converting YAML to JSON: yaml: document contains excessive aliasing');
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return nodeValue((node as Alias).resolve(st.doc), st, depth + 1);
  if (isScalar(node)) return scalarValue(node as unknown as YamlNode & { value: unknown });
  if (isSeq(node)) return node.items.map((item) => nodeValue(item, st, depth + 1));
  if (isYamlMap(node)) {
    const out = newMap();
    const merges: GoMap[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as unknown;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.source === '<<' && !keyNode.tag) {
        const merged = nodeValue(pair.value, st, depth + 1);
        const list = Array.isArray(merged) ? merged : [merged];
        for (const m of list) {
          if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new YamlError('error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value');
          merges.push(m);
        }
        continue;
      }
      const key = keyString(nodeValue(keyNode, st, depth + 1));
      out[key] = nodeValue(pair.value, st, depth + 1);
    }
    // go-yaml v2 applies merges first and lets explicit keys win
    if (merges.length) {
      const base = newMap();
      for (const m of merges.reverse()) for (const k of Object.keys(m)) base[k] = m[k]!;
      for (const k of Object.keys(out)) base[k] = out[k]!;
      return base;
    }
    return out;
  }
  return null;
}

/** Line (1-based) of an offset in a text. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseDocs(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, strict: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    const err = d.errors[0];
    if (err) {
      // go-yaml notices a key without ':' only when it reaches the next line
      const implicitKey = err.code === 'MISSING_CHAR' && err.message.startsWith('Implicit map keys');
      const line = lineOf(text, err.pos[0]) + (implicitKey ? 1 : 0);
      throw new YamlError(`error converting YAML to JSON: yaml: line ${line}: ${implicitKey ? "could not find expected ':'" : goYamlMessage(err.code, err.message)}`);
    }
  }
  return list;
}

/** go-yaml's words for the commonest parse errors. */
function goYamlMessage(code: string, message: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'MISSING_CHAR':
      return 'did not find expected key';
    case 'BAD_SCALAR_START':
    case 'UNEXPECTED_TOKEN':
      return 'could not find expected \':\'';
    default:
      return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  }
}

/** Reads the first YAML document of a text as sigs.k8s.io/yaml.Unmarshal into `interface{}`; an empty text is null. */
export function readYaml(text: string): GoValue {
  const docs = parseDocs(text);
  const first = docs[0];
  if (!first) return null;
  return nodeValue(first.contents, { doc: first, budget: MAX_ALIAS_EXPANSION }, 0);
}

/** Every YAML document of a text as Go values (an empty document is null). */
export function readYamlAll(text: string): GoValue[] {
  return parseDocs(text).map((d) => nodeValue(d.contents, { doc: d, budget: MAX_ALIAS_EXPANSION }, 0));
}
