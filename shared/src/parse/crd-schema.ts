// A CustomResourceDefinition's `spec` (its names and its OpenAPI schema) is read by no rule: a
// definition declares a type, it runs nothing. Schemas are large, though: the CRDs of one chart can be
// megabytes (Argo CD's are 1.7 of its 1.9 MB of output), and the `yaml` library's parse, which keeps
// every node with its range, is then most of a scan's time.
//
// A large CRD is therefore read in two parts. js-yaml, a full and strict YAML parser without source
// ranges (several times faster), reads the whole document: a syntax error or a key written twice
// anywhere makes it refuse, and the document is then parsed whole as before, so every problem is still
// reported. When it accepts, the `yaml` parse leaves the value of the top-level `spec` out and the rules
// see `spec:` with no value; everything else of the document (apiVersion, kind, metadata, status,
// comments) is parsed, at its own offsets in the file.
//
// The span is found on the text (a block mapping at column 0: `spec:` alone on its line, its value the
// lines after it that are indented, blank, comments or `- ` entries) and confirmed by js-yaml: the
// document without the span must read as the whole document with `spec: null` (and hold no anchor or
// alias, which that comparison would expand). A rule that comes to
// read a CRD's spec must end this (see CONTRIBUTING.md, "Adding a rule").
import { load } from 'js-yaml';

/** Documents below this size are parsed whole: the check would cost more than it saves. */
export const CRD_SPAN_MIN_BYTES = 16 * 1024;

const KIND_LINE = /^kind:[ \t]+(["']?)CustomResourceDefinition\1[ \t]*\r?$/m;
const SPEC_LINE = /^spec:[ \t]*\r?$/gm;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** js-yaml's reading of one document, or undefined when it refuses it (syntax, duplicate keys, several documents). */
function strictLoad(text: string): unknown {
  try {
    return load(text);
  } catch {
    return undefined;
  }
}

/** Where the value of a column-0 key whose lines start at `from` ends: at the first line that starts another top-level entry. */
function blockEnd(text: string, from: number): number | undefined {
  let pos = from;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    const next = text.charCodeAt(pos + 1);
    // a `- ` entry of a sequence written at the key's own indentation (a `---` marker is not one)
    const entry = c === 45 /* - */ && (pos + 1 === text.length || next === 32 || next === 10 || next === 13);
    const inside = c === 32 /* space */ || c === 10 /* \n */ || c === 13 /* \r */ || c === 35 /* # */ || entry;
    if (c === 9) return undefined; // a tab at a line's start: not the plain layout this reads
    if (!inside) return pos;
    const nl = text.indexOf('\n', pos);
    if (nl === -1) return text.length;
    pos = nl + 1;
  }
  return text.length;
}

/**
 * The span of a large CustomResourceDefinition document's `spec` value that the `yaml` parse may
 * leave out, or undefined when the document must be parsed whole. `chunk` is one document of a stream
 * (yaml.ts, splitDocuments).
 */
export function crdSpecSpan(chunk: string): { start: number; end: number } | undefined {
  if (chunk.length < CRD_SPAN_MIN_BYTES || !KIND_LINE.test(chunk)) return undefined;
  const specs = [...chunk.matchAll(SPEC_LINE)];
  if (specs.length !== 1) return undefined;
  const line = specs[0]!;
  const nl = chunk.indexOf('\n', line.index);
  if (nl === -1) return undefined;
  const start = nl + 1;
  const end = blockEnd(chunk, start);
  if (end === undefined || end === start) return undefined;
  const restText = chunk.slice(0, start) + chunk.slice(end);
  // the rest is compared as JSON below, where aliases would be expanded (an alias bomb): with an
  // anchor or alias outside spec the document is parsed whole, under yaml's bound on aliases
  if (/[&*]/.test(restText)) return undefined;
  const whole = strictLoad(chunk);
  if (!isObject(whole) || whole['kind'] !== 'CustomResourceDefinition') return undefined;
  const apiVersion = whole['apiVersion'];
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith('apiextensions.k8s.io/') || !isObject(whole['spec'])) return undefined;
  // the rest must be the same document with an empty spec: the span is exactly spec's value
  const rest = strictLoad(restText);
  if (!isObject(rest) || rest['spec'] !== null) return undefined;
  return JSON.stringify({ ...whole, spec: null }) === JSON.stringify(rest) ? { start, end } : undefined;
}
