import type { Node, Pair } from 'yaml';
import { isMap, mapGet, mapPair, scalarString, seqItems, type YAMLMap } from './yaml';

/**
 * Containers that operators run without a pod spec in the file: Argo Workflows templates
 * (`container`, `script`, `containerSet`, `initContainers`, `sidecars`) and Tekton steps and
 * sidecars (Task, ClusterTask, Pipeline task specs, TaskRun, PipelineRun, StepAction). The
 * operator builds the pod, so only what the file says about the containers, their volumes and
 * their inherited security settings is known here.
 */

/** The container groups of Kubernetes pod specs these containers are checked as. */
export type OperatorGroup = 'containers' | 'initContainers';

/** One container of an operator's unit. */
export interface OperatorContainer {
  readonly node: YAMLMap;
  readonly group: OperatorGroup;
  /** The container's name when the map has none (Argo names a template's container `main`). */
  readonly defaultName: string | undefined;
}

/** A unit of containers the operator runs in one pod: an Argo template or a Tekton task's steps. */
export interface OperatorPod {
  /** The map that holds the unit's pod-like settings (`volumes`, `metadata` …): the template or the task spec. */
  readonly spec: YAMLMap;
  readonly specPair: Pair | undefined;
  readonly metadata: Node | undefined;
  /** The unit's own security settings: an Argo template's `securityContext`, a Tekton task's `stepTemplate.securityContext`. */
  readonly securityContext: YAMLMap | undefined;
  /** What the unit falls back to: for a template without one, the `securityContext` of `templateDefaults`, else the workflow's; the run's pod template's. */
  readonly inherited: YAMLMap | undefined;
  /** Keys and list indexes from the object root to `spec`. */
  readonly path: readonly string[];
  readonly containers: readonly OperatorContainer[];
}

const ARGO_API = /^argoproj\.io\/\w+$/;
const TEKTON_API = /^tekton\.dev\/\w+$/;
const ARGO_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);
const TEKTON_KINDS = new Set(['Task', 'ClusterTask', 'Pipeline', 'TaskRun', 'PipelineRun', 'StepAction']);

/** True for the kinds this module reads (their pods are not searched by shape). */
export function isOperatorKind(apiVersion: string, kind: string): boolean {
  return (ARGO_API.test(apiVersion) && ARGO_KINDS.has(kind)) || (TEKTON_API.test(apiVersion) && TEKTON_KINDS.has(kind));
}

const asMap = (node: unknown): YAMLMap | undefined => (isMap(node) ? node : undefined);
const maps = (node: unknown): YAMLMap[] => seqItems(node).flatMap((n) => (isMap(n) ? [n] : []));

/** The container units of an Argo or Tekton object; empty for any other. */
export function operatorPods(apiVersion: string, kind: string, root: YAMLMap): OperatorPod[] {
  if (!isOperatorKind(apiVersion, kind)) return [];
  return ARGO_API.test(apiVersion) ? argoPods(kind, root) : tektonPods(kind, root);
}

/**
 * The workflow-wide pod settings of an Argo workflow spec or a Tekton run's pod template, as a
 * unit without containers: its securityContext, volumes and host namespaces are checked once
 * there, and its templates or tasks inherit the security settings.
 */
function scopeUnit(spec: YAMLMap, specPair: Pair | undefined, path: string[]): OperatorPod {
  return { spec, specPair, metadata: undefined, securityContext: asMap(mapGet(spec, 'securityContext')), inherited: undefined, path, containers: [] };
}

function argoPods(kind: string, root: YAMLMap): OperatorPod[] {
  const specPath = kind === 'CronWorkflow' ? ['spec', 'workflowSpec'] : ['spec'];
  const specPair = mapPair(specPath.length > 1 ? mapGet(root, 'spec') : root, specPath[specPath.length - 1]!);
  const spec = asMap(specPair?.value);
  if (!spec) return [];
  // templateDefaults merge into every template; the workflow's securityContext applies where neither sets one
  const defaultContext = asMap(mapGet(mapGet(spec, 'templateDefaults'), 'securityContext')) ?? asMap(mapGet(spec, 'securityContext'));
  const templates = mapGet(spec, 'templates');
  return [scopeUnit(spec, specPair, specPath), ...seqItems(templates).flatMap((template, index): OperatorPod[] => {
    if (!isMap(template)) return [];
    const containers: OperatorContainer[] = [
      ...maps(mapGet(template, 'initContainers')).map((node) => ({ node, group: 'initContainers' as const, defaultName: undefined })),
      ...(['container', 'script'] as const).flatMap((key) => {
        const node = asMap(mapGet(template, key));
        return node ? [{ node, group: 'containers' as const, defaultName: 'main' }] : [];
      }),
      ...maps(mapGet(mapGet(template, 'containerSet'), 'containers')).map((node) => ({ node, group: 'containers' as const, defaultName: undefined })),
      ...maps(mapGet(template, 'sidecars')).map((node) => ({ node, group: 'containers' as const, defaultName: undefined })),
    ];
    if (containers.length === 0) return [];
    return [{
      spec: template,
      specPair: undefined,
      metadata: mapGet(template, 'metadata'),
      securityContext: asMap(mapGet(template, 'securityContext')),
      // a template's own securityContext replaces the defaults' and the workflow's
      inherited: mapGet(template, 'securityContext') === undefined ? defaultContext : undefined,
      path: [...specPath, 'templates', String(index)],
      containers,
    }];
  })];
}

/** A Tekton task spec: its steps and sidecars, inheriting `stepTemplate.securityContext` (else the run's pod template's). */
function taskUnit(spec: YAMLMap, specPair: Pair | undefined, path: string[], runContext: YAMLMap | undefined): OperatorPod[] {
  const containers: OperatorContainer[] = [...maps(mapGet(spec, 'steps')), ...maps(mapGet(spec, 'sidecars'))].map((node) => ({ node, group: 'containers' as const, defaultName: undefined }));
  if (containers.length === 0) return [];
  const stepContext = asMap(mapGet(mapGet(spec, 'stepTemplate'), 'securityContext'));
  return [{ spec, specPair, metadata: undefined, securityContext: stepContext, inherited: runContext, path, containers }];
}

/** The task specs of a Tekton pipeline spec (`tasks` and `finally`, each with an embedded `taskSpec`). */
function pipelineTasks(pipeline: YAMLMap, path: string[], runContext: YAMLMap | undefined): OperatorPod[] {
  return (['tasks', 'finally'] as const).flatMap((key) =>
    seqItems(mapGet(pipeline, key)).flatMap((task, index) => {
      const pair = mapPair(task, 'taskSpec');
      return pair && isMap(pair.value) ? taskUnit(pair.value, pair, [...path, key, String(index), 'taskSpec'], runContext) : [];
    }),
  );
}

function tektonPods(kind: string, root: YAMLMap): OperatorPod[] {
  const specPair = mapPair(root, 'spec');
  const spec = asMap(specPair?.value);
  if (!spec) return [];
  // v1beta1 runs and TaskRuns carry `podTemplate`; v1 PipelineRuns carry it under `taskRunTemplate`
  const podTemplatePair = mapPair(spec, 'podTemplate') ?? mapPair(mapGet(spec, 'taskRunTemplate'), 'podTemplate');
  const podTemplate = asMap(podTemplatePair?.value);
  const runContext = asMap(mapGet(podTemplate, 'securityContext'));
  const scope = podTemplate ? [scopeUnit(podTemplate, podTemplatePair, ['spec', 'podTemplate'])] : [];
  switch (kind) {
    case 'Task':
    case 'ClusterTask':
      return taskUnit(spec, specPair, ['spec'], undefined);
    case 'Pipeline':
      return pipelineTasks(spec, ['spec'], undefined);
    case 'TaskRun': {
      const pair = mapPair(spec, 'taskSpec');
      return [...scope, ...(pair && isMap(pair.value) ? taskUnit(pair.value, pair, ['spec', 'taskSpec'], runContext) : [])];
    }
    case 'PipelineRun': {
      const pipeline = asMap(mapGet(spec, 'pipelineSpec'));
      return [...scope, ...(pipeline ? pipelineTasks(pipeline, ['spec', 'pipelineSpec'], runContext) : [])];
    }
    case 'StepAction':
      // A reusable step: the spec itself is the container (image, script, securityContext).
      return scalarString(mapGet(spec, 'image')) !== undefined ? [{ spec, specPair, metadata: undefined, securityContext: undefined, inherited: undefined, path: ['spec'], containers: [{ node: spec, group: 'containers', defaultName: undefined }] }] : [];
    default:
      return [];
  }
}
