// Reading a kustomization file (api/types/kustomization.go, with the legacy fields that
// FixKustomization carries over: `bases` become resources, `imageTags` images).
import { isMap, type Json, type JsonMap } from './json';
import { KustomizeError, shown, type Loader } from './loader';
import { readYamlDocs } from './yaml-read';
import { KUSTOMIZATION_FILES } from '../deployable-names';

export { KUSTOMIZATION_FILES };

const FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels', 'commonAnnotations',
  'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements', 'replicas', 'vars', 'sortOptions',
  'resources', 'components', 'crds', 'bases', 'configMapGenerator', 'secretGenerator', 'helmGlobals', 'helmCharts',
  'helmChartInflationGenerator', 'generatorOptions', 'configurations', 'generators', 'transformers', 'validators', 'buildMetadata',
]);

/** A loaded kustomization: its file, the parsed fields and where each top-level field stands. */
export interface Kustomization {
  readonly file: string;
  readonly fields: JsonMap;
  readonly lines: ReadonlyMap<string, number>;
  readonly isComponent: boolean;
  /** The file's lines, to find the line of a list entry. */
  readonly text: readonly string[];
}

/** The line of `- value` in the list under `key`, else the key's line. */
export function entryLine(k: Kustomization, key: string, value: string): number | undefined {
  const start = k.lines.get(key);
  if (start === undefined) return undefined;
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*-\\s*(?:path:\\s*)?['"]?${escaped}['"]?\\s*(#.*)?$`);
  for (let i = start; i < k.text.length; i++) {
    if (re.test(k.text[i]!)) return i + 1;
    if (/^[A-Za-z]/.test(k.text[i]!)) break;
  }
  return start;
}

/** Line of each top-level key of a YAML map (a cheap scan; the key must start its line). */
function keyLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  text.split('\n').forEach((l, i) => {
    const m = /^([A-Za-z][\w]*)\s*:/.exec(l);
    if (m && !out.has(m[1]!)) out.set(m[1]!, i + 1);
  });
  return out;
}

/** Reads the kustomization of a loader's folder. */
export function loadKustomization(ldr: Loader): Kustomization {
  const entries = ldr.tree.readDir(ldr.root) ?? [];
  const found = KUSTOMIZATION_FILES.filter((n) => entries.some((e) => e.name === n && e.kind === 'file'));
  if (found.length === 0) {
    throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${shown(ldr.root)}'`);
  }
  if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${shown(ldr.root)}`);
  const file = ldr.root ? `${ldr.root}/${found[0]}` : found[0]!;
  const text = new TextDecoder().decode(ldr.tree.readFile(file) ?? new Uint8Array());
  const docs = readYamlDocs(text, true);
  const first = docs[0];
  if (first && 'error' in first) throw new KustomizeError(`invalid Kustomization: ${first.error}`, file, first.line);
  const fields = first && isMap(first.value) ? first.value : (Object.create(null) as JsonMap);
  if (first && !isMap(first.value) && first.value !== null) throw new KustomizeError('invalid Kustomization: the file is not a map of fields', file, first.line);
  const lines = keyLines(text);
  for (const k of Object.keys(fields)) {
    if (!FIELDS.has(k)) throw new KustomizeError(`invalid Kustomization: json: unknown field "${k}"`, file, lines.get(k));
  }
  const kind = fields['kind'];
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component' && kind !== '') {
    throw new KustomizeError(`kind should be Kustomization or Component, not ${String(kind)}`, file, lines.get('kind'));
  }
  return { file, fields, lines, isComponent: kind === 'Component', text: text.split('\n') };
}

/** A list field of strings (non-strings are written out). */
export function stringList(k: Kustomization, key: string): string[] {
  const v = k.fields[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new KustomizeError(`invalid Kustomization: field '${key}' must be a list`, k.file, k.lines.get(key));
  return v.map((e) => (typeof e === 'string' ? e : String(e)));
}

/** A list field of maps. */
export function mapList(k: Kustomization, key: string): JsonMap[] {
  const v = k.fields[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new KustomizeError(`invalid Kustomization: field '${key}' must be a list`, k.file, k.lines.get(key));
  return v.filter((e): e is JsonMap => isMap(e));
}

/** A scalar field as a string ('' when missing; a number or boolean written out, as sigs.k8s.io/yaml does for a string field); a list or map is an error. */
export function stringField(k: Kustomization, key: string): string {
  const v: Json | undefined = k.fields[key];
  if (v !== null && typeof v === 'object') {
    throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${Array.isArray(v) ? 'array' : 'object'} into Go struct field Kustomization.${key} of type string`, k.file, k.lines.get(key));
  }
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
}
