import type { Range } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq, mapGet, mapPair, scalarBool, scalarString, seqItems, Scalar, type Node, type Pair, type YAMLMap, type YamlDocument, type YamlFile } from './yaml';
import { pipelineSystem } from './pipeline-kind';
import { resolvedCommands, type ResolvedCommand } from './shell';
import { scalarSource } from './pipeline-script';
import { tokenize } from './shell-tokenize';
import { MemoKey } from '../memo';

const PIPELINE = new MemoKey<Pipeline | null>('pipeline');

/** Which CI configuration a file is. */
export type PipelineFlavour = 'github-workflow' | 'github-action' | 'gitlab';

/** A `uses:` reference: `owner/repo[/path]@ref`, a local `./path` or `docker://image`. */
export interface ActionRef {
  readonly text: string;
  readonly range: Range;
  /** `owner/repo[/path]` in lower case; the path for local actions; the image for docker://. */
  readonly action: string;
  readonly ref: string | undefined;
  readonly local: boolean;
  readonly docker: boolean;
}

/** One step: a GitHub step, or one entry of a GitLab job's script. */
export interface PipelineStep {
  readonly document: YamlDocument;
  /** The step's map (GitHub) or the script line's scalar (GitLab). */
  readonly node: Node;
  readonly range: Range;
  readonly name: string | undefined;
  /** The step's `id` (GitHub), by which later steps read its outputs. */
  readonly id: string | undefined;
  readonly uses: ActionRef | undefined;
  /** `with:` inputs as text, lower-case keys. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The `with:` pairs by lower-case key. */
  readonly inputPairs: ReadonlyMap<string, Pair>;
  /** The shell commands of `run:` (or the GitLab script line). */
  readonly commands: readonly ResolvedCommand[];
  /** The script text of `run:`. */
  readonly script: string | undefined;
  /** The `continue-on-error` pair when it is true (or an expression). */
  readonly continueOnError: Pair | undefined;
  /** The range of file offsets (of the shell words). */
  rangeAt(start: number, end: number): Range;
}

/** A job (GitHub `jobs.<id>`, a GitLab job, or the steps of a composite action). */
export interface PipelineJob {
  readonly id: string;
  readonly document: YamlDocument;
  readonly node: YAMLMap;
  readonly keyRange: Range;
  readonly steps: readonly PipelineStep[];
  /** The job's `permissions` pair (GitHub). */
  readonly permissions: Pair | undefined;
  /** `continue-on-error: true` on the job (GitHub) or `allow_failure` other than false (GitLab). */
  readonly mayFail: Pair | undefined;
}

/** A CI configuration file understood as jobs and steps. */
export interface Pipeline {
  readonly flavour: PipelineFlavour;
  readonly document: YamlDocument;
  readonly root: YAMLMap;
  /** The trigger events (`on:`), lower case. */
  readonly events: readonly string[];
  readonly permissions: Pair | undefined;
  /** The pair of `jobs:` (GitHub workflows). */
  readonly jobsPair: Pair | undefined;
  readonly jobs: readonly PipelineJob[];
  /** GitLab `include: local` paths (and plain string includes). */
  readonly includes: readonly string[];
}

/** A step with the job it belongs to. */
export interface StepInJob {
  readonly job: PipelineJob;
  readonly step: PipelineStep;
}

/** A shell command of a step's script with its step and job. */
export interface CommandInStep extends StepInJob {
  readonly command: ResolvedCommand;
}

/** Every step of a pipeline with its job, in file order: the one walk the ci/ rules share. */
export function pipelineSteps(p: Pipeline): StepInJob[] {
  return p.jobs.flatMap((job) => job.steps.map((step) => ({ job, step })));
}

/** Every shell command of a pipeline's scripts (`run:`, GitLab script lines) with its step and job, in file order. */
export function pipelineCommands(p: Pipeline): CommandInStep[] {
  return pipelineSteps(p).flatMap(({ job, step }) => step.commands.map((command) => ({ job, step, command })));
}

const GITLAB_RESERVED = new Set(['stages', 'variables', 'include', 'default', 'workflow', 'image', 'services', 'before_script', 'after_script', 'cache', 'types', 'spec']);

/** The pipeline of a parsed pipeline file (first document with a map root), cached; undefined for anything else. */
export function pipelineOf(file: YamlFile): Pipeline | undefined {
  if (file.kind !== 'pipeline') return undefined;
  return file.memo.get(PIPELINE, () => readPipeline(file)) ?? undefined;
}

function readPipeline(file: YamlFile): Pipeline | null {
  const document = file.documents.find((d) => isMap(d.doc.contents));
  if (!document) return null;
  const root = document.doc.contents as YAMLMap;
  const system = pipelineSystem(file.uri);
  if (system === 'gitlab') return gitlab(file, document, root);
  const runs = mapGet(root, 'runs');
  if (isMap(runs)) {
    const steps = seqItems(mapGet(runs, 'steps')).flatMap((s) => (isMap(s) ? [githubStep(file, document, s)] : []));
    const job: PipelineJob = { id: 'runs', document, node: runs, keyRange: document.keyRange(mapPair(root, 'runs')!), steps, permissions: undefined, mayFail: undefined };
    return { flavour: 'github-action', document, root, events: [], permissions: undefined, jobsPair: undefined, jobs: [job], includes: [] };
  }
  const jobsPair = mapPair(root, 'jobs');
  const jobs: PipelineJob[] = [];
  if (jobsPair && isMap(jobsPair.value)) {
    for (const pair of jobsPair.value.items) {
      const id = scalarString(pair.key);
      if (id === undefined || !isMap(pair.value)) continue;
      const node = pair.value;
      const steps = seqItems(mapGet(node, 'steps')).flatMap((s) => (isMap(s) ? [githubStep(file, document, s)] : []));
      const coe = mapPair(node, 'continue-on-error');
      jobs.push({ id, document, node, keyRange: document.keyRange(pair), steps, permissions: mapPair(node, 'permissions'), mayFail: coe && mayFailValue(coe.value) ? coe : undefined });
    }
  }
  return { flavour: 'github-workflow', document, root, events: events(mapGet(root, 'on') ?? mapGet(root, true as unknown as string)), permissions: mapPair(root, 'permissions'), jobsPair, jobs, includes: [] };
}

function events(node: unknown): string[] {
  if (isScalar(node)) return [String(node.value).toLowerCase()];
  if (isSeq(node)) return node.items.flatMap((i) => (isScalar(i) ? [String(i.value).toLowerCase()] : []));
  if (isMap(node)) return node.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value).toLowerCase()] : []));
  return [];
}

/** True for `true`, `"true"` and expressions (`${{ … }}`), which may be true. */
function mayFailValue(node: unknown): boolean {
  if (scalarBool(node) === true) return true;
  const s = scalarString(node);
  if (s !== undefined && (/^true$/i.test(s) || s.includes('${{'))) return true;
  return isMap(node); // GitLab `allow_failure: {exit_codes: …}`
}

function githubStep(file: YamlFile, document: YamlDocument, node: YAMLMap): PipelineStep {
  const usesNode = mapGet(node, 'uses');
  const withNode = mapGet(node, 'with');
  const inputs: Record<string, string> = {};
  const inputPairs = new Map<string, Pair>();
  if (isMap(withNode))
    for (const p of withNode.items) {
      const k = scalarString(p.key);
      if (k === undefined) continue;
      inputPairs.set(k.toLowerCase(), p);
      const v = isScalar(p.value) ? p.value.value : undefined;
      if (v !== undefined && v !== null) inputs[k.toLowerCase()] = String(v);
    }
  const runNode = mapGet(node, 'run');
  const coe = mapPair(node, 'continue-on-error');
  return {
    document,
    node,
    range: document.rangeOf(node),
    name: scalarString(mapGet(node, 'name')),
    id: scalarString(mapGet(node, 'id')),
    uses: isScalar(usesNode) && typeof usesNode.value === 'string' ? actionRef(usesNode.value, document.rangeOf(usesNode)) : undefined,
    inputs,
    inputPairs,
    ...scriptOf(file, document, runNode),
    continueOnError: coe && mayFailValue(coe.value) ? coe : undefined,
    rangeAt: file.lines.rangeOf,
  };
}

function scriptOf(file: YamlFile, document: YamlDocument, node: Node | undefined): { commands: ResolvedCommand[]; script: string | undefined } {
  if (!(node instanceof Scalar) || typeof node.value !== 'string') return { commands: [], script: undefined };
  const src = scalarSource(file.text, document, node);
  return { commands: resolvedCommands({ form: 'shell', ...tokenize(src, 0, src.s.length) }), script: node.value };
}

/** Reads `owner/repo/path@ref`, `./local` or `docker://image`. */
export function actionRef(text: string, range: Range): ActionRef {
  if (text.startsWith('./') || text.startsWith('../')) return { text, range, action: text, ref: undefined, local: true, docker: false };
  if (text.startsWith('docker://')) return { text, range, action: text.slice(9), ref: undefined, local: false, docker: true };
  const at = text.lastIndexOf('@');
  return { text, range, action: (at < 0 ? text : text.slice(0, at)).toLowerCase(), ref: at < 0 ? undefined : text.slice(at + 1), local: false, docker: false };
}

function gitlab(file: YamlFile, document: YamlDocument, root: YAMLMap): Pipeline {
  const jobs: PipelineJob[] = [];
  for (const pair of root.items) {
    const id = scalarString(pair.key);
    if (id === undefined || GITLAB_RESERVED.has(id) || !isMap(pair.value)) continue;
    const node = pair.value;
    const steps: PipelineStep[] = [];
    for (const key of ['before_script', 'script', 'after_script']) {
      const value = mapGet(node, key);
      const lines = isSeq(value) ? value.items : value ? [value] : [];
      for (const line of lines) {
        if (!(line instanceof Scalar)) continue;
        steps.push({ document, node: line, range: document.rangeOf(line), name: undefined, id: undefined, uses: undefined, inputs: {}, inputPairs: new Map(), ...scriptOf(file, document, line), continueOnError: undefined, rangeAt: file.lines.rangeOf });
      }
    }
    const af = mapPair(node, 'allow_failure');
    jobs.push({ id, document, node, keyRange: document.keyRange(pair), steps, permissions: undefined, mayFail: af && mayFailValue(af.value) ? af : undefined });
  }
  return { flavour: 'gitlab', document, root, events: [], permissions: undefined, jobsPair: undefined, jobs, includes: gitlabIncludes(mapGet(root, 'include')) };
}

function gitlabIncludes(node: unknown): string[] {
  const items = isSeq(node) ? node.items : node ? [node] : [];
  return items.flatMap((i) => {
    if (isScalar(i) && typeof i.value === 'string') return /^https?:/.test(i.value) ? [] : [i.value];
    const local = isMap(i) ? scalarString(mapGet(i, 'local')) : undefined;
    return local ? [local] : [];
  });
}
