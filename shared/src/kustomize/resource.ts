// Resource ids as kustomize names them (api/resid/gvk.go, resid.go): `Kind.version.group/name.namespace`.
import { getString, type Json, type JsonMap } from './json';

/** Group, version and kind. */
export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** A resource id: its type, name and namespace. */
export interface ResId extends Gvk {
  readonly name: string;
  readonly namespace: string;
}

/** Where a resource or a value came from: a file of the tree and the line of its document. */
export interface Origin {
  readonly file: string;
  readonly line: number;
}

/** A resource during the build, with what kustomize keeps in its build annotations. */
export interface Resource {
  obj: JsonMap;
  /** The file and document the resource was read from, or the kustomization that generated it. */
  readonly origin: Origin;
  /** Ids the resource had before renames (oldest first), kustomize's previousNames/Kinds/Namespaces. */
  prevIds: ResId[];
  prefixes: string[];
  suffixes: string[];
  /** Generated ConfigMaps and Secrets whose name gets the content hash. */
  needsHash: boolean;
  /** The generator's behavior, for merging generated resources. */
  behavior?: 'create' | 'merge' | 'replace';
  /** The patch files that changed the resource, in the order they were applied. */
  patchedBy: Origin[];
  /** The patch that last set, replaced or deleted each value, by JSON pointer (list steps by merge key, `[name=app]`). */
  valueOrigins: Map<string, Origin>;
  /** The legacy vars that take a value from this resource. */
  refVarNames?: string[];
  /** The built-in generator that made the resource, when it was generated. */
  generatedBy?: string;
  /** The name of the generator's plugin configuration, when it came from one. */
  generatorName?: string;
  /** The built-in transformers that ran over the resource: the kustomization file and the transformer kind. */
  transformations: { readonly configuredIn: string; readonly kind: string }[];
}

/** Splits apiVersion into group and version. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The gvk of an object. */
export function gvkOf(obj: Json): Gvk {
  const { group, version } = splitApiVersion(getString(obj, 'apiVersion'));
  return { group, version, kind: getString(obj, 'kind') };
}

/** The id of an object. */
export function objId(obj: Json): ResId {
  return { ...gvkOf(obj), name: getString(obj, 'metadata', 'name'), namespace: getString(obj, 'metadata', 'namespace') };
}

/** The current id of a resource. */
export function curId(r: Resource): ResId {
  return objId(r.obj);
}

/** The id the resource had when it was read. */
export function orgId(r: Resource): ResId {
  return r.prevIds[0] ?? curId(r);
}

/** Every id the resource has had, the current one last. */
export function allIds(r: Resource): ResId[] {
  return [...r.prevIds, curId(r)];
}

/** Records the current id as a previous one, before a rename. */
export function storePreviousId(r: Resource): void {
  r.prevIds.push(curId(r));
}

/** kustomize's Gvk.String(). */
export function gvkString(g: Gvk): string {
  return `${g.kind || '[noKind]'}.${g.version || '[noVer]'}.${g.group || '[noGrp]'}`;
}

/** kustomize's ResId.String(). */
export function idString(id: ResId): string {
  return `${gvkString(id)}/${id.name}.${id.namespace || '[noNs]'}`;
}

const isDefaultNs = (ns: string): boolean => ns === '' || ns === 'default';

/** Namespaces equal, counting '' and 'default' as the same. */
export function nsEquals(a: ResId, b: ResId): boolean {
  return a.namespace === b.namespace || (isDefaultNs(a.namespace) && isDefaultNs(b.namespace));
}

/** Same group, version, kind and name. */
export function gvknEquals(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name;
}

/** kustomize's ResId.Equals. */
export function idEquals(a: ResId, b: ResId): boolean {
  return gvknEquals(a, b) && nsEquals(a, b);
}

/** A selector gvk selects `g` when each of its non-empty parts equals g's. */
export function gvkSelected(g: Gvk, selector: Partial<Gvk>): boolean {
  return (!selector.group || selector.group === g.group) && (!selector.version || selector.version === g.version) && (!selector.kind || selector.kind === g.kind);
}

// Kinds that are not namespaced (kustomize's resid/scope.go list of cluster-scoped built-in kinds).
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus', 'CSIDriver', 'CSINode',
  'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume',
  'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview',
  'StorageClass', 'SubjectAccessReview', 'TokenReview', 'ValidatingWebhookConfiguration', 'VolumeAttachment', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'ClusterTrustBundle', 'DeviceClass',
  'IPAddress', 'ServiceCIDR', 'SelfSubjectReview',
]);

/** True for kinds that live outside namespaces. */
export function isClusterScoped(g: Gvk): boolean {
  return CLUSTER_SCOPED.has(g.kind) && (g.group === '' || g.group.endsWith('.k8s.io'));
}

/** A new resource read from a file. */
export function makeResource(obj: JsonMap, origin: Origin): Resource {
  return { obj, origin, prevIds: [], prefixes: [], suffixes: [], needsHash: false, patchedBy: [], valueOrigins: new Map(), transformations: [] };
}
