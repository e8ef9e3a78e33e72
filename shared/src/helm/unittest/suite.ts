// A runner for helm-unittest suites (https://github.com/helm-unittest/helm-unittest, MIT): each
// test renders the chart with its values, release and capabilities, and its assertions check the
// documents of the templates it names. Snapshots are compared by value, not by their text.
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { joinTreePath, type FileTree } from '../../file-tree';
import type { Chart } from '../chart';
import { toGo, type GoMap } from '../go-value';
import { fileText, mergeMaps } from '../loader';
import { ManifestError, sortManifests, splitManifests, type HeadCache } from '../manifests';
import { renderChart, type TemplateRequest } from '../template-command';
import type { FuncMap } from '../template/index';
import { CHECKS, type Doc } from './asserts';
import { parsePath, setPath } from './path';

/** The outcome of one test. */
export interface UnitTestResult {
  readonly suite: string;
  readonly test: string;
  /** Why it failed; empty when it passed. */
  readonly failures: readonly string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function readText(tree: FileTree, path: string): string | undefined {
  const b = tree.readFile(path);
  return b ? fileText(b) : undefined;
}

/** The values a test renders with: values files of the suite and test, then their `set` paths. */
function userValues(tree: FileTree, dir: string, suite: Obj, test: Obj): GoMap {
  let values = toGo({}) as GoMap;
  for (const f of [...list(suite['values']), ...list(test['values'])]) {
    const text = readText(tree, joinTreePath(dir, String(f)) ?? String(f));
    if (text === undefined) throw new Error(`values file ${String(f)} not found`);
    const parsed = toGo(parseYaml(text) as unknown);
    if (isObj(parsed)) values = mergeMaps(values, parsed as GoMap);
  }
  for (const set of [suite['set'], test['set']]) {
    if (!isObj(set)) continue;
    for (const [k, v] of Object.entries(set)) setPath(values, parsePath(k), toGo(v));
  }
  return values;
}

/** `lookup` over a test's kubernetesProvider objects: one object by name, or a list of all of a kind. */
function fakeCluster(provider: unknown): (apiVersion: string, kind: string, namespace: string, name: string) => GoMap {
  const objects = isObj(provider) ? list(provider['objects']).filter(isObj) : [];
  return (apiVersion, kind, namespace, name) => {
    const hits = objects.filter((o) => {
      const meta = isObj(o['metadata']) ? o['metadata'] : {};
      return o['apiVersion'] === apiVersion && o['kind'] === kind && (namespace === '' || meta['namespace'] === undefined || meta['namespace'] === namespace) && (name === '' || meta['name'] === name);
    });
    if (name !== '') return toGo(hits[0] ?? {}) as GoMap;
    return toGo({ apiVersion, kind: `${kind}List`, items: hits }) as GoMap;
  };
}

/** The request of one test. */
function request(tree: FileTree, chartPath: string, dir: string, suite: Obj, test: Obj, sprig: FuncMap, templates: ReadonlySet<string>, loaded: Chart | undefined): TemplateRequest {
  const release = { ...(isObj(suite['release']) ? suite['release'] : {}), ...(isObj(test['release']) ? test['release'] : {}) };
  const caps = { ...(isObj(suite['capabilities']) ? suite['capabilities'] : {}), ...(isObj(test['capabilities']) ? test['capabilities'] : {}) };
  const chart = { ...(isObj(suite['chart']) ? suite['chart'] : {}), ...(isObj(test['chart']) ? test['chart'] : {}) };
  const kube = caps['majorVersion'] !== undefined || caps['minorVersion'] !== undefined ? `v${String(caps['majorVersion'] ?? 1)}.${String(caps['minorVersion'] ?? 34)}.0` : undefined;
  return {
    tree,
    chartPath,
    ...(loaded ? { chart: loaded } : {}),
    sprig,
    releaseName: String(release['name'] ?? 'RELEASE-NAME'),
    namespace: String(release['namespace'] ?? 'NAMESPACE'),
    anyReleaseName: true,
    upgrade: { isUpgrade: release['upgrade'] === true, revision: Number(release['revision'] ?? 1) },
    kubeVersion: kube,
    // helm-unittest's capabilities hold only the API versions a suite or test names
    baseApiVersions: [],
    apiVersions: list(caps['apiVersions']).map(String),
    chartOverride: { version: chart['version'] === undefined ? undefined : String(chart['version']), appVersion: chart['appVersion'] === undefined ? undefined : String(chart['appVersion']) },
    userValues: userValues(tree, dir, suite, test),
    lookup: fakeCluster(test['kubernetesProvider'] ?? suite['kubernetesProvider']),
    onlyTemplates: (filename) => [...templates].some((t) => filename.endsWith(`/templates/${t}`)),
  };
}

/** The documents of a rendered template; `parsed` keeps parsed documents by text for the suite's next tests. */
function docsOf(template: string, text: string | undefined, parsed: Map<string, unknown>): Doc[] {
  if (text === undefined) return [];
  if (template.endsWith('NOTES.txt')) return [{ template, raw: text, value: text }];
  return splitManifests(text).map((raw) => {
    if (!parsed.has(raw)) {
      const docs = parseAllDocuments(raw);
      const first = Array.isArray(docs) ? docs[0] : undefined;
      parsed.set(raw, first ? (first.toJS() as unknown) : null);
    }
    // assertions only read documents, so tests share the parsed ones
    return { template, raw, value: parsed.get(raw) };
  });
}

/** Runs the tests of one suite file of a chart in the tree; `chart` is the chart loaded once for all suites. */
export function runSuite(tree: FileTree, chartPath: string, suitePath: string, sprig: FuncMap, chart?: Chart): UnitTestResult[] {
  const text = readText(tree, suitePath);
  if (text === undefined) return [{ suite: suitePath, test: '', failures: ['suite file not found'] }];
  const suite = parseYaml(text) as unknown;
  if (!isObj(suite)) return [{ suite: suitePath, test: '', failures: ['suite is no map'] }];
  const dir = suitePath.includes('/') ? suitePath.slice(0, suitePath.lastIndexOf('/')) : '';
  const base = suitePath.slice(suitePath.lastIndexOf('/') + 1);
  const snapText = readText(tree, joinTreePath(dir, '__snapshot__', `${base}.snap`) ?? '');
  const snapshots = snapText ? (parseYaml(snapText) as Obj) : {};
  const name = String(suite['suite'] ?? suitePath);
  const chartName = String((parseYaml(readText(tree, joinTreePath(chartPath, 'Chart.yaml') ?? '') ?? '') as Obj | null)?.['name'] ?? '');
  const results: UnitTestResult[] = [];
  const parsedDocs = new Map<string, unknown>();
  for (const t of list(suite['tests'])) {
    if (!isObj(t)) continue;
    const title = String(t['it'] ?? '');
    const failures: string[] = [];
    try {
      const suiteTemplates = list(t['template'] ?? t['templates'] ?? suite['templates']).map(String);
      const asserts = list(t['asserts']).filter(isObj);
      const all = new Set([...suiteTemplates, ...asserts.map((a) => a['template']).filter((x): x is string => typeof x === 'string')]);
      const req = request(tree, chartPath, dir, suite, t, sprig, all, chart);
      const rendered = renderChart(req);
      const error = 'failure' in rendered ? rendered.failure.error : undefined;
      // helm's checks of the document heads fail a render too
      let sortError: string | undefined;
      if (!('failure' in rendered)) {
        try {
          sortManifests(rendered.files, 4, rendered.chart.headCache as HeadCache);
        } catch (e) {
          if (!(e instanceof ManifestError)) throw e;
          sortError = e.message;
        }
      }
      const files = 'failure' in rendered ? new Map<string, string>() : rendered.files;
      const snap = isObj(snapshots[title]) ? (snapshots[title] as Obj) : {};
      let snapIndex = 0;
      for (const a of asserts) {
        const kind = Object.keys(a).find((k) => CHECKS[k] !== undefined);
        if (!kind) {
          failures.push(`unknown assertion ${Object.keys(a).join(', ')}`);
          continue;
        }
        const templates = typeof a['template'] === 'string' ? [a['template']] : suiteTemplates;
        let docs = templates.flatMap((tp) => docsOf(tp, files.get(`${chartName}/templates/${tp}`), parsedDocs));
        const index = a['documentIndex'] ?? t['documentIndex'];
        if (typeof index === 'number') docs = docs.filter((d) => d.value !== null).slice(index, index + 1);
        else if (kind !== 'hasDocuments') docs = docs.filter((d) => d.value !== null || d.template.endsWith('NOTES.txt'));
        const params = isObj(a[kind]) ? (a[kind] as Obj) : {};
        const outcome = CHECKS[kind]!({ docs, error: error ?? (kind === 'failedTemplate' || kind === 'notFailedTemplate' ? sortError : undefined), snapshot: () => {
          snapIndex++;
          const entry = snap[String(snapIndex)];
          return typeof entry === 'string' ? (parseYaml(entry) as unknown) : undefined;
        } }, params);
        const failed = a['not'] === true ? outcome === undefined : outcome !== undefined;
        if (failed) failures.push(`${kind}${a['not'] === true ? ' (not)' : ''}: ${outcome ?? 'the assertion held'}`);
      }
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
    }
    results.push({ suite: name, test: title, failures });
  }
  return results;
}
