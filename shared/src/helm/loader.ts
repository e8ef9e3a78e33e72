// Chart loading from a FileTree, after Helm's pkg/chart/v2/loader (load.go, directory.go,
// archive.go; Copyright The Helm Authors, Apache-2.0; see NOTICE-HELM.md): Chart.yaml,
// requirements.yaml of v1 charts, values.yaml (all its documents merged), values.schema.json,
// templates/, charts/ as folders and .tgz archives, everything else as `.Files`.
import { joinTreePath, type FileTree } from '../file-tree';
import { setDependencies, type Chart, type ChartFile } from './chart';
import { isMap, newMap, type GoMap, type GoValue } from './go-value';
import { readYamlAll, YamlError } from './go-yaml';
import { isIgnored, parseHelmignore } from './helmignore';
import { ChartError, decodeMetadata, validateMetadata } from './metadata';
import { ArchiveError, readTarGz } from './tar';

export { ChartError } from './metadata';

const decoder = new TextDecoder();
const BOM = [0xef, 0xbb, 0xbf];
const MAX_FILES = 20_000;
const MAX_DEPTH = 64;

/** Text of a file without a UTF-8 byte order mark. */
export function fileText(data: Uint8Array): string {
  return decoder.decode(stripBom(data));
}

function stripBom(data: Uint8Array): Uint8Array {
  return data[0] === BOM[0] && data[1] === BOM[1] && data[2] === BOM[2] ? data.subarray(3) : data;
}

/** Loads the chart in folder `dir` of a tree (a folder with Chart.yaml, or a packaged .tgz file). */
export function loadChart(tree: FileTree, dir = ''): Chart {
  const entries = tree.readDir(dir);
  if (!entries) {
    const bytes = tree.readFile(dir);
    if (!bytes) throw new ChartError(`stat ${dir || '.'}: no such file or directory`);
    return loadArchive(bytes, 0);
  }
  const ignoreBytes = tree.readFile(joinTreePath(dir, '.helmignore') ?? '.helmignore');
  let rules;
  try {
    rules = parseHelmignore(ignoreBytes ? fileText(ignoreBytes) : undefined);
  } catch (e) {
    throw new ChartError((e as Error).message);
  }
  const files: ChartFile[] = [];
  const walk = (rel: string, depth: number): void => {
    if (depth > MAX_DEPTH) throw new ChartError(`chart folder nests deeper than ${MAX_DEPTH} levels at ${rel}`);
    const list = tree.readDir(joinTreePath(dir, rel) ?? rel) ?? [];
    for (const entry of list) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.kind === 'dir') {
        if (isIgnored(rules, path, true)) continue;
        walk(path, depth + 1);
      } else {
        if (isIgnored(rules, path, false)) continue;
        const data = tree.readFile(joinTreePath(dir, path) ?? path);
        if (!data) continue;
        if (files.length >= MAX_FILES) throw new ChartError(`chart holds more than ${MAX_FILES} files`);
        files.push({ name: path, data: stripBom(data) });
      }
    }
  };
  walk('', 0);
  return loadFiles(files, 0);
}

/** Loads a packaged chart (.tgz). */
export function loadArchive(bytes: Uint8Array, depth: number): Chart {
  let entries;
  try {
    entries = readTarGz(bytes);
  } catch (e) {
    throw new ChartError(e instanceof ArchiveError ? e.message : String(e));
  }
  const files: ChartFile[] = [];
  for (const entry of entries) {
    const delimiter = entry.name.includes('\\') ? '\\' : '/';
    const parts = entry.name.split(delimiter);
    let n = parts.slice(1).join(delimiter).split(delimiter).join('/');
    if (n.startsWith('/')) throw new ChartError('chart illegally contains absolute paths');
    n = cleanPath(n);
    if (n === '.') throw new ChartError('chart illegally contains content outside the base directory');
    if (n.startsWith('..')) throw new ChartError('chart illegally references parent directory');
    if (/^[a-zA-Z]:\//.test(n)) throw new ChartError('chart contains illegally named files');
    if (parts[0] === 'Chart.yaml') throw new ChartError('chart yaml not in base directory');
    files.push({ name: n, data: stripBom(entry.data) });
  }
  if (files.length === 0) throw new ChartError('no files in chart archive');
  return loadFiles(files, depth);
}

/** Go's path.Clean for relative paths. */
function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return out.join('/') || '.';
}

function yamlDocs(data: Uint8Array, what: string): GoValue[] {
  try {
    return readYamlAll(fileText(data));
  } catch (e) {
    throw new ChartError(`cannot load ${what}: ${e instanceof YamlError ? e.message : String(e)}`);
  }
}

/** LoadValues: every document of a values file merged, later documents winning. */
export function loadValues(text: string, what = 'values.yaml'): GoMap {
  let docs: GoValue[];
  try {
    docs = readYamlAll(text);
  } catch (e) {
    throw new ChartError(`cannot load ${what}: ${e instanceof YamlError ? e.message : String(e)}`);
  }
  let values = newMap();
  for (const doc of docs) {
    if (doc === null) continue;
    if (!isMap(doc)) throw new ChartError(`cannot load ${what}: cannot unmarshal yaml document: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(doc) ? 'array' : typeof doc === 'string' ? 'string' : typeof doc === 'boolean' ? 'bool' : 'number'} into Go value of type map[string]interface {}`);
    values = mergeMaps(values, doc);
  }
  return values;
}

/** MergeMaps: maps merge deeply, anything else in `b` replaces what `a` holds. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out = newMap();
  for (const k of Object.keys(a)) out[k] = a[k]!;
  for (const k of Object.keys(b)) {
    const v = b[k]!;
    const prev = out[k];
    out[k] = isMap(v) && isMap(prev) ? mergeMaps(prev, v) : v;
  }
  return out;
}

/** Runs a decoder; its type errors are worded as sigs.k8s.io/yaml words them for that file. */
function decodeWith<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    if (e instanceof ChartError && e.message.startsWith('json: ')) throw new ChartError(`cannot load ${what}: error unmarshaling JSON: while decoding JSON: ${e.message}`);
    throw e;
  }
}

/** LoadFiles: builds a chart from its files (names relative to the chart root). */
export function loadFiles(files: readonly ChartFile[], depth: number): Chart {
  if (depth > MAX_DEPTH) throw new ChartError(`subcharts nest deeper than ${MAX_DEPTH} levels`);
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  let metadata = chartYaml ? decodeWith('Chart.yaml', () => decodeMetadata(yamlDocs(chartYaml.data, 'Chart.yaml')[0] ?? null)) : undefined;
  if (metadata && metadata.apiVersion === '') metadata.apiVersion = 'v1';
  const chart: Chart = { metadata: metadata!, raw: files, templates: [], values: newMap(), schema: undefined, files: [], dependencies: [], parent: undefined, renderCache: new Map(), headCache: new Map() };
  let schema: Uint8Array | undefined;
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    if (f.name === 'Chart.yaml' || f.name === 'Chart.lock' || f.name === 'requirements.lock') continue;
    if (f.name === 'values.yaml') chart.values = loadValues(fileText(f.data));
    else if (f.name === 'values.schema.json') schema = f.data;
    else if (f.name === 'requirements.yaml') {
      const onto = metadata;
      metadata = decodeWith('requirements.yaml', () => decodeMetadata(yamlDocs(f.data, 'requirements.yaml')[0] ?? null, onto));
      chart.metadata = metadata;
      if (metadata.apiVersion === 'v1') chart.files.push(f);
    } else if (f.name.startsWith('templates/')) chart.templates.push(f);
    else if (f.name.startsWith('charts/')) {
      if (f.name.endsWith('.prov')) {
        chart.files.push(f);
        continue;
      }
      const rest = f.name.slice('charts/'.length);
      const cname = rest.split('/')[0]!;
      const list = subcharts.get(cname) ?? [];
      list.push({ name: rest, data: f.data });
      subcharts.set(cname, list);
    } else chart.files.push(f);
  }
  if (!metadata) throw new ChartError('Chart.yaml file is missing');
  chart.metadata = metadata;
  validateMetadata(metadata);
  (chart as { schema: Uint8Array | undefined }).schema = schema;
  const deps: Chart[] = [];
  for (const [n, list] of [...subcharts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (n.startsWith('_') || n.startsWith('.')) continue;
    let sub: Chart;
    try {
      if (n.endsWith('.tgz')) {
        const file = list[0]!;
        if (file.name !== n) throw new ChartError(`error unpacking subchart tar in ${metadata.name}: expected ${n}, got ${file.name}`);
        sub = loadArchive(file.data, depth + 1);
      } else {
        const inner = list.filter((f) => f.name.includes('/')).map((f) => ({ name: f.name.slice(f.name.indexOf('/') + 1), data: f.data }));
        sub = loadFiles(inner, depth + 1);
      }
    } catch (e) {
      if (e instanceof ChartError && e.message.startsWith('error unpacking subchart')) throw e;
      throw new ChartError(`error unpacking subchart ${n} in ${metadata.name}: ${(e as Error).message}`);
    }
    deps.push(sub);
  }
  setDependencies(chart, deps);
  return chart;
}
