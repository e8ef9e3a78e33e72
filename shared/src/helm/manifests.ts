// Port of Helm's pkg/release/v1/util (manifest.go, manifest_sorter.go, kind_sorter.go; Copyright
// The Helm Authors, Apache-2.0; see NOTICE-HELM.md): rendered files split into documents, hooks
// told apart by their annotation, everything sorted into install order by kind.
import { isMap, type GoValue } from './go-value';
import { readYaml, YamlError } from './go-yaml';

/** One rendered document that is no hook. */
export interface Manifest {
  /** The template it came from, e.g. `mychart/templates/service.yaml`. */
  readonly name: string;
  readonly content: string;
  readonly kind: string;
  readonly apiVersion: string;
}

/** The hook events of `helm.sh/hook`. */
export type HookEvent = 'pre-install' | 'post-install' | 'pre-delete' | 'post-delete' | 'pre-upgrade' | 'post-upgrade' | 'pre-rollback' | 'post-rollback' | 'test';

/** A document with a `helm.sh/hook` annotation. */
export interface Hook {
  readonly name: string;
  readonly kind: string;
  readonly path: string;
  readonly manifest: string;
  readonly events: readonly HookEvent[];
  readonly weight: number;
}

/** A rendered document that is no valid Kubernetes header, worded as Helm words it. */
export class ManifestError extends Error {}

/** Helm's install order by kind. */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role',
  'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet',
  'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
];

const ORDER = new Map(INSTALL_ORDER.map((k, i) => [k, i]));

const EVENTS: ReadonlyMap<string, HookEvent> = new Map<string, HookEvent>([
  ['pre-install', 'pre-install'], ['post-install', 'post-install'], ['pre-delete', 'pre-delete'], ['post-delete', 'post-delete'],
  ['pre-upgrade', 'pre-upgrade'], ['post-upgrade', 'post-upgrade'], ['pre-rollback', 'pre-rollback'], ['post-rollback', 'post-rollback'],
  ['test', 'test'], ['test-success', 'test'],
]);

/** The Helm release line whose output is reproduced: they differ in how documents are split. */
export type HelmMajor = 3 | 4;

// Helm 3: `---` after a line break (or at the start) with the whitespace around it; documents are trimmed.
const SEPARATOR_V3 = /(?:^|\s*\n)---\s*/;
// Helm 4: `---` at the start of a line; what follows on that line (a comment, or content glued to
// the separator by `{{-`) starts the next document, and a document keeps its trailing blank lines.
const SEPARATOR_V4 = /^---/m;

/** SplitManifests: the documents of a rendered file in order, blank ones dropped. */
export function splitManifests(bigFile: string, helm: HelmMajor = 4): string[] {
  if (helm === 3) {
    return bigFile
      .trim()
      .split(SEPARATOR_V3)
      .filter((d) => d !== '')
      .map((d) => d.trim());
  }
  return bigFile
    .trimStart()
    .split(SEPARATOR_V4)
    .filter((d) => d.trim() !== '')
    .map((d) => d.trimStart());
}

/** lessByKind: known kinds in install order, unknown kinds after them alphabetically. */
function compareKinds(a: string, b: string): number {
  const first = ORDER.get(a);
  const second = ORDER.get(b);
  if (first === undefined && second === undefined) return a === b ? 0 : a < b ? -1 : 1;
  if (first === undefined) return 1;
  if (second === undefined) return -1;
  return first - second;
}

/** What a document's head read gave, kept by document text between renders of one chart. */
export type HeadCache = Map<string, Head | YamlError>;

const MAX_HEADS = 4096;

/** The head of a document, from the cache when the same text was read before. */
function cachedHead(doc: string, cache: HeadCache | undefined): Head {
  const hit = cache?.get(doc);
  if (hit instanceof YamlError) throw hit;
  if (hit) return hit;
  let head: Head | YamlError;
  try {
    head = readHead(doc);
  } catch (e) {
    if (!(e instanceof YamlError)) throw e;
    head = e;
  }
  if (cache) {
    if (cache.size >= MAX_HEADS) cache.clear();
    cache.set(doc, head);
  }
  if (head instanceof YamlError) throw head;
  return head;
}

interface Head {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>> | undefined;
}

function stringField(v: GoValue | undefined, field: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  throw new YamlError(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : 'object'} into Go struct field ${field} of type string`);
}

/** yaml.Unmarshal into Helm's SimpleHead. */
function readHead(doc: string): Head {
  const v = readYaml(doc);
  if (v !== null && !isMap(v)) throw new YamlError(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : 'number'} into Go value of type releaseutil.SimpleHead`);
  const m = v ?? {};
  const meta = m['metadata'];
  let name = '';
  let annotations: Record<string, string> | undefined;
  if (isMap(meta)) {
    name = stringField(meta['name'], 'SimpleHead.metadata.name');
    const a = meta['annotations'];
    if (isMap(a)) {
      annotations = {};
      for (const k of Object.keys(a)) annotations[k] = stringField(a[k], 'SimpleHead.metadata.annotations');
    }
  }
  return { apiVersion: stringField(m['apiVersion'], 'SimpleHead.apiVersion'), kind: stringField(m['kind'], 'SimpleHead.kind'), name, annotations };
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** SortManifests: hooks and plain manifests of the rendered files, each sorted by kind (stable). */
export function sortManifests(files: ReadonlyMap<string, string>, helm: HelmMajor = 4, cache?: HeadCache): { hooks: Hook[]; manifests: Manifest[] } {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    const content = files.get(path)!;
    if (base(path).startsWith('_') || content.trim() === '') continue;
    for (const m of splitManifests(content, helm)) {
      let head: Head;
      try {
        head = cachedHead(m, cache);
      } catch (e) {
        throw new ManifestError(`YAML parse error on ${path}: ${e instanceof YamlError ? e.message : String(e)}`);
      }
      const hookTypes = head.annotations?.['helm.sh/hook'];
      if (hookTypes === undefined) {
        manifests.push({ name: path, content: m, kind: head.kind, apiVersion: head.apiVersion });
        continue;
      }
      const events: HookEvent[] = [];
      let unknown = false;
      for (const t of hookTypes.split(',')) {
        const e = EVENTS.get(t.trim().toLowerCase());
        if (!e) {
          unknown = true;
          break;
        }
        events.push(e);
      }
      if (unknown) continue;
      const w = head.annotations?.['helm.sh/hook-weight'] ?? '';
      const weight = /^[-+]?[0-9]+$/.test(w) ? Number(w) : 0;
      hooks.push({ name: head.name, kind: head.kind, path, manifest: m, events, weight });
    }
  }
  const byKind = <T extends { kind: string }>(list: T[]): T[] =>
    list.map((x, i) => [x, i] as const).sort(([a, i], [b, j]) => compareKinds(a.kind, b.kind) || i - j).map(([x]) => x);
  return { hooks: byKind(hooks), manifests: byKind(manifests) };
}
