import type { Node, Pair } from 'yaml';
import { MemoKey } from '../memo';
import type { Range, RawFinding } from '../types';
import { isMap, mapGet, mapPair, scalarBool, scalarString, seqItems, stringMap, type K8sObject, type YAMLMap, type YamlDocument, type YamlFile } from './yaml';
import { append } from '../append';
import { findPodShapes } from './pod-shapes';
import { operatorPods, isOperatorKind, type OperatorPod } from './operator-containers';

/**
 * Pod specs and containers of every pod-carrying kind (kube-linter's PerContainerCheck idea):
 * rules ask for containers and read pod-level settings through the inheritance helpers, so a
 * container that inherits `runAsNonRoot: true` from its pod is never reported.
 */

/** The three container lists of a pod spec. */
export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

/** A pod spec inside a Kubernetes object. */
export interface PodSpecRef {
  readonly object: K8sObject;
  readonly document: YamlDocument;
  /** The pod spec map (`spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`, `template.spec`). */
  readonly spec: YAMLMap;
  /** Path of the pod spec from the object root. */
  readonly path: readonly string[];
  /** The pod's own metadata annotations (template metadata for workloads). */
  readonly annotations: Readonly<Record<string, string>>;
  /** The pod's labels (template labels for workloads). */
  readonly labels: Readonly<Record<string, string>>;
  /** The pair holding the pod spec (`spec: …`), for pod-level findings without a key of their own. */
  readonly specPair: Pair | undefined;
  /** The pod metadata map, when present. */
  readonly metadata: YAMLMap | undefined;
  /** `spec.securityContext`, when it is a map (for operator units: the security settings their containers inherit). */
  readonly securityContext: YAMLMap | undefined;
  readonly containers: readonly ContainerRef[];
  /**
   * False for containers an operator runs without a pod spec in the file (Argo templates, Tekton
   * steps, operator-containers.ts): the operator builds the pod, so checks of pod-level settings
   * (service account, token mount, hostUsers) and edits of the pod's securityContext skip them.
   */
  readonly podLevel: boolean;
  /**
   * Security settings of an enclosing scope that `securityContext` falls back to: an Argo
   * workflow's for a template without its own, a Tekton run's pod template for its tasks. Their
   * values are reported on the scope's own unit, not here.
   */
  readonly inherited: YAMLMap | undefined;
}

/** One container (init, app or ephemeral) of a pod spec. */
export interface ContainerRef {
  readonly pod: PodSpecRef;
  readonly node: YAMLMap;
  readonly group: ContainerGroup;
  readonly index: number;
  readonly name: string | undefined;
  /** `securityContext`, when it is a map. */
  readonly securityContext: YAMLMap | undefined;
}

const CORE = /^v1$/;
const APPS = /^(?:apps|extensions)\/v\w+$/;
const BATCH = /^batch\/v\w+$/;
/** OpenShift's API group, and the core `v1` its older manifests name. */
const OPENSHIFT_APPS = /^(?:apps\.openshift\.io\/v1|v1)$/;

/** Where each pod-carrying kind keeps its pod template, with the API groups it belongs to. */
const POD_PATHS: Readonly<Record<string, { api: RegExp; path: readonly string[]; meta: readonly string[] }>> = {
  Pod: { api: CORE, path: ['spec'], meta: ['metadata'] },
  PodTemplate: { api: CORE, path: ['template', 'spec'], meta: ['template', 'metadata'] },
  ReplicationController: { api: CORE, path: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  Deployment: { api: APPS, path: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  StatefulSet: { api: APPS, path: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  DaemonSet: { api: APPS, path: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  ReplicaSet: { api: APPS, path: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  Job: { api: BATCH, path: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  CronJob: { api: BATCH, path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], meta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'] },
  // its containers may leave `image` out (an image-change trigger fills it in), so the shape search would miss them
  DeploymentConfig: { api: OPENSHIFT_APPS, path: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
};

/** The pod-carrying kinds (PRODUCT.md §1). */
export const POD_KINDS: readonly string[] = Object.keys(POD_PATHS);

const GROUPS: readonly ContainerGroup[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** The node at `path` below `node`, or undefined. */
export function getIn(node: unknown, path: readonly string[]): Node | undefined {
  let current: unknown = node;
  for (const key of path) {
    current = mapGet(current, key);
    if (current === undefined) return undefined;
  }
  return current as Node;
}

/** The namespace an object lives in: its `metadata.namespace`, else `default`. */
export const namespaceOf = (object: K8sObject): string => object.namespace ?? 'default';

/** True when the object is of one of these kinds in the core or a well-known API group. */
export function isKind(object: K8sObject, kind: string, api: RegExp): boolean {
  return object.kind === kind && api.test(object.apiVersion);
}

// Every pod rule asks for the same objects' pod specs: compute each once per parsed object.
const POD_SPEC = new MemoKey<PodSpecRef | undefined>('pod spec');

/** The pod spec of an object of a pod-carrying kind, or undefined (memoized per object). */
export function podSpecOf(object: K8sObject): PodSpecRef | undefined {
  return object.memo.get(POD_SPEC, () => computePodSpec(object));
}

function computePodSpec(object: K8sObject): PodSpecRef | undefined {
  const where = POD_PATHS[object.kind];
  if (!where || !where.api.test(object.apiVersion)) return undefined;
  const spec = getIn(object.node, where.path);
  if (!isMap(spec)) return undefined;
  return makePodSpec(object, spec, where.path, getIn(object.node, where.meta), pairIn(object.node, where.path));
}

/** Built-in API groups (core, apps, batch … and `*.k8s.io`): their pods are where POD_PATHS says. */
const BUILT_IN_API = /^(?:v1|[a-z]+\/\w+|[a-z.]+\.k8s\.io\/\w+)$/;
const EMBEDDED = new MemoKey<readonly PodSpecRef[]>('embedded pod specs');

/**
 * Every pod spec of an object: that of a known pod-carrying kind; for Argo Workflows and Tekton
 * the units of containers they run (operator-containers.ts); for other custom resources those
 * found by their shape (pod-shapes.ts).
 */
export function podSpecsOf(object: K8sObject): readonly PodSpecRef[] {
  const known = podSpecOf(object);
  if (known) return [known];
  if (BUILT_IN_API.test(object.apiVersion)) return [];
  if (isOperatorKind(object.apiVersion, object.kind)) return object.memo.get(EMBEDDED, () => operatorPods(object.apiVersion, object.kind, object.node).map((u) => makeOperatorPod(object, u)));
  return object.memo.get(EMBEDDED, () => findPodShapes(object.kind, object.node).map((s) => makePodSpec(object, s.spec, s.path, s.metadata, s.specPair)));
}

const containerRef = (pod: PodSpecRef, node: YAMLMap, group: ContainerGroup, index: number, defaultName?: string): ContainerRef => {
  const csc = mapGet(node, 'securityContext');
  return { pod, node, group, index, name: scalarString(mapGet(node, 'name')) ?? defaultName, securityContext: isMap(csc) ? csc : undefined };
};

function podRef(object: K8sObject, spec: YAMLMap, path: readonly string[], metadata: Node | undefined, specPair: Pair | undefined, securityContext: YAMLMap | undefined, podLevel: boolean, containers: ContainerRef[], inherited?: YAMLMap): PodSpecRef {
  return {
    object,
    document: object.document,
    spec,
    path,
    annotations: stringMap(mapGet(metadata, 'annotations')),
    labels: stringMap(mapGet(metadata, 'labels')),
    specPair,
    metadata: isMap(metadata) ? metadata : undefined,
    securityContext,
    containers,
    podLevel,
    inherited,
  };
}

function makePodSpec(object: K8sObject, spec: YAMLMap, path: readonly string[], metadata: Node | undefined, specPair: Pair | undefined): PodSpecRef {
  const sc = mapGet(spec, 'securityContext');
  const containers: ContainerRef[] = [];
  const pod = podRef(object, spec, path, metadata, specPair, isMap(sc) ? sc : undefined, true, containers);
  append(containers, GROUPS.flatMap((group) => seqItems(mapGet(spec, group)).flatMap((node, index) => (isMap(node) ? [containerRef(pod, node, group, index)] : []))));
  return pod;
}

function makeOperatorPod(object: K8sObject, unit: OperatorPod): PodSpecRef {
  const containers: ContainerRef[] = [];
  const pod = podRef(object, unit.spec, unit.path, unit.metadata, unit.specPair, unit.securityContext, false, containers, unit.inherited);
  const counts = new Map<ContainerGroup, number>();
  for (const c of unit.containers) {
    const index = counts.get(c.group) ?? 0;
    counts.set(c.group, index + 1);
    containers.push(containerRef(pod, c.node, c.group, index, c.defaultName));
  }
  return pod;
}

const POD_SPECS = new MemoKey<readonly PodSpecRef[]>('pod specs');
const CONTAINERS = new MemoKey<readonly ContainerRef[]>('containers');

/** Every pod spec of a file (computed once per parsed file; callers get their own array). */
export function podSpecs(file: YamlFile): PodSpecRef[] {
  if (file.kind !== 'kubernetes') return [];
  return file.memo
    .get(POD_SPECS, () =>
      file.objects.flatMap((o) => podSpecsOf(o)),
    )
    .slice();
}

/** Every container of a file, with its pod (computed once per parsed file). */
export function containersOf(file: YamlFile): ContainerRef[] {
  return file.memo.get(CONTAINERS, () => podSpecs(file).flatMap((p) => p.containers)).slice();
}

/** A container security-context value and where it comes from: the container or (inherited) the pod. */
export interface Effective {
  readonly node: Node;
  readonly pair: Pair;
  readonly from: 'container' | 'pod';
}

/** The pair of a nested key path, or undefined. */
export function pairIn(node: unknown, path: readonly string[]): Pair<Node, Node | null> | undefined {
  const parent = path.length > 1 ? getIn(node, path.slice(0, -1)) : node;
  return mapPair(parent, path[path.length - 1]!);
}

/**
 * The effective value of a security-context key for a container: its own setting, else the
 * pod's (for keys the pod-level securityContext also has: runAsNonRoot, runAsUser, seccompProfile …).
 */
export function effective(c: ContainerRef, path: readonly string[]): Effective | undefined {
  const own = pairIn(c.securityContext, path);
  if (own?.value) return { node: own.value, pair: own, from: 'container' };
  const pod = podSetting(c.pod, path);
  if (pod?.value) return { node: pod.value, pair: pod, from: 'pod' };
  return undefined;
}

/** A boolean security-context setting of a container, honouring the pod-level value. */
export function effectiveBool(c: ContainerRef, path: readonly string[]): boolean | undefined {
  const own = scalarBool(getIn(c.securityContext, path));
  if (own !== undefined) return own;
  return scalarBool(podSetting(c.pod, path)?.value);
}

/** A pod-level security-context setting: the pod's own, else the one it inherits (PodSpecRef.inherited). */
export function podSetting(pod: PodSpecRef, path: readonly string[]): Pair<Node, Node | null> | undefined {
  const own = pairIn(pod.securityContext, path);
  return own?.value ? own : (pairIn(pod.inherited, path) ?? own);
}

/** True when the pod declares `spec.os.name: windows` (PSA exempts it from Linux-only checks). */
export function isWindowsPod(pod: PodSpecRef): boolean {
  return scalarString(getIn(pod.spec, ['os', 'name'])) === 'windows';
}

/** Where a finding about a whole container goes: its `name` value, else its first key. */
export function containerAnchor(c: ContainerRef): Range {
  const name = mapPair(c.node, 'name');
  const target = (name?.value as Node | null) ?? (c.node.items[0]?.key as Node | undefined) ?? c.node;
  return c.pod.document.rangeOf(target);
}

/** The container's name for messages (language-neutral), or its position. */
export function containerName(c: ContainerRef): string {
  return c.name ?? `${c.group}[${c.index}]`;
}

/** The suppression context every finding on an object carries (object range and annotations). */
export function objectContext(object: K8sObject): Pick<RawFinding, 'objectRange' | 'annotations'> {
  return { objectRange: object.range, annotations: object.annotations };
}

/** The range of a node or pair in its document. */
export function rangeIn(doc: YamlDocument, node: Node | Pair | null | undefined): Range {
  return doc.rangeOf(node);
}
