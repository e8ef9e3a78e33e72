// Chart.yaml decoding and validation, after Helm's pkg/chart/v2/metadata.go and dependency.go
// (Copyright The Helm Authors, Apache-2.0; see NOTICE-HELM.md).
import type { Dependency, Metadata } from './chart';
import { isMap, type GoMap, type GoValue } from './go-value';

/** A Chart.yaml that Helm rejects; the message is Helm's. */
export class ChartError extends Error {}

function str(m: GoMap, key: string, field: string): string {
  const v = m[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  throw new ChartError(`json: cannot unmarshal ${goKind(v)} into Go struct field ${field}.${key} of type string`);
}

function goKind(v: GoValue): string {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (isMap(v)) return 'object';
  return 'string';
}

function strList(m: GoMap, key: string, field: string): string[] {
  const v = m[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ChartError(`json: cannot unmarshal ${goKind(v)} into Go struct field ${field}.${key} of type []string`);
  return v.map((x) => {
    if (typeof x !== 'string') throw new ChartError(`json: cannot unmarshal ${goKind(x)} into Go struct field ${field}.${key} of type string`);
    return x;
  });
}

function dependencyOf(v: GoValue): Dependency {
  if (!isMap(v)) throw new ChartError(`json: cannot unmarshal ${goKind(v)} into Go struct field Metadata.dependencies of type v2.Dependency`);
  const iv = v['import-values'];
  return {
    name: str(v, 'name', 'Dependency'),
    version: str(v, 'version', 'Dependency'),
    repository: str(v, 'repository', 'Dependency'),
    condition: str(v, 'condition', 'Dependency'),
    tags: strList(v, 'tags', 'Dependency'),
    enabled: v['enabled'] === true,
    importValues: Array.isArray(iv) ? iv : [],
    alias: str(v, 'alias', 'Dependency'),
  };
}

/** Decodes Chart.yaml (or requirements.yaml merged onto it) from its YAML value. */
export function decodeMetadata(value: GoValue, onto?: Metadata): Metadata {
  const m: GoMap = isMap(value) ? value : (Object.create(null) as GoMap);
  if (value !== null && !isMap(value)) throw new ChartError(`json: cannot unmarshal ${goKind(value)} into Go value of type v2.Metadata`);
  const base: Metadata = onto ?? {
    name: '', version: '', apiVersion: '', appVersion: '', description: '', type: '', kubeVersion: '', home: '', icon: '',
    condition: '', tags: '', deprecated: false, keywords: [], sources: [], maintainers: [], annotations: {}, dependencies: [],
  };
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(m, k);
  const out: Metadata = { ...base };
  for (const key of ['name', 'version', 'apiVersion', 'appVersion', 'description', 'type', 'kubeVersion', 'home', 'icon', 'condition', 'tags'] as const) {
    if (has(key)) out[key] = str(m, key, 'Metadata');
  }
  if (has('deprecated')) out.deprecated = m['deprecated'] === true;
  if (has('keywords')) out.keywords = strList(m, 'keywords', 'Metadata');
  if (has('sources')) out.sources = strList(m, 'sources', 'Metadata');
  if (has('maintainers')) {
    const list = m['maintainers'];
    out.maintainers = Array.isArray(list) ? list.filter(isMap) : [];
  }
  if (has('annotations')) {
    const a = m['annotations'];
    out.annotations = {};
    if (isMap(a)) for (const k of Object.keys(a)) out.annotations[k] = typeof a[k] === 'string' ? (a[k] as string) : String(a[k]);
  }
  if (has('dependencies')) {
    const deps = m['dependencies'];
    out.dependencies = Array.isArray(deps) ? deps.map(dependencyOf) : [];
  }
  return out;
}

const SEMVER = /^v?(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?(?:\.(0|[1-9][0-9]*))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Masterminds/semver's loose version syntax, which Helm requires of chart versions. */
export function isValidSemver(v: string): boolean {
  return SEMVER.test(v);
}

/** Metadata.Validate: Helm's checks with its messages (prefixed `validation: ` as Helm prints them). */
export function validateMetadata(md: Metadata): void {
  const fail = (msg: string): never => {
    throw new ChartError(`validation: ${msg}`);
  };
  if (md.apiVersion === '') fail('chart.metadata.apiVersion is required');
  if (md.name === '') fail('chart.metadata.name is required');
  if (md.name.includes('/') || md.name === '.' || md.name === '..') fail(`chart.metadata.name "${md.name}" is invalid`);
  if (md.version === '') fail('chart.metadata.version is required');
  if (!isValidSemver(md.version)) fail(`chart.metadata.version "${md.version}" is invalid`);
  if (md.type !== '' && md.type !== 'application' && md.type !== 'library') fail('chart.metadata.type must be application or library');
  const seen = new Set<string>();
  for (const d of md.dependencies) {
    if (d.alias !== '' && !/^[a-zA-Z0-9_-]+$/.test(d.alias)) fail(`dependency "${d.name}" has disallowed characters in the alias`);
    const key = d.alias || d.name;
    if (seen.has(key)) fail(`more than one dependency with name or alias "${key}"`);
    seen.add(key);
  }
}
