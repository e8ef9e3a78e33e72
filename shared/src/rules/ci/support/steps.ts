import type { PipelineJob, PipelineStep } from '../../../parse/pipeline';
import type { ResolvedCommand } from '../../../parse/shell';
import { isMap, mapGet, scalarString } from '../../../parse/yaml';
import type { Range } from '../../../types';

/** A vulnerability scan found in a step. */
export interface Scan {
  readonly step: PipelineStep;
  readonly tool: string;
  /** Where the scan is named (the `uses:` value or the command name). */
  readonly range: Range;
  /** Why the scan cannot fail the job, or undefined when it can. */
  readonly cannotFail: 'exit-code' | 'continue-on-error' | 'allow-failure' | 'or-true' | undefined;
  /** True when it fails on findings but none of them critical. */
  readonly notCritical: boolean;
}

const SCAN_ACTIONS = new Map<string, string>([
  ['aquasecurity/trivy-action', 'Trivy'],
  ['anchore/scan-action', 'Grype'],
  ['snyk/actions/docker', 'Snyk'],
  ['docker/scout-action', 'Docker Scout'],
  ['crazy-max/ghaction-container-scan', 'Trivy'],
]);

/** The range of a shell word (file offsets). */
export function commandRange(step: PipelineStep, command: ResolvedCommand): Range {
  return step.rangeAt(command.nameWord.start, command.nameWord.end);
}

const argv = (c: ResolvedCommand): string[] => c.args.map((a) => a.value);

/** True when the command is followed by `|| true` / `|| :` / `|| exit 0`. */
function orTrue(step: PipelineStep, c: ResolvedCommand): boolean {
  const i = step.commands.indexOf(c);
  const next = step.commands[i + 1];
  return !!next && next.command.op === '||' && ['true', ':', 'exit'].includes(next.name) && (next.name !== 'exit' || next.args[0]?.value === '0');
}

/** The value of the first of `names` among the arguments (`--name value` or `--name=value`), or undefined. */
export function flag(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      if (a === n) return args[i + 1] ?? '';
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return undefined;
}

/** The last `NAME=value` among shell words, or undefined. */
function assigned(words: readonly { readonly value: string }[], name: string): string | undefined {
  let value: string | undefined;
  for (const w of words) if (w.value.startsWith(`${name}=`)) value = w.value.slice(name.length + 1);
  return value;
}

/**
 * The value a scanner's environment variable (TRIVY_EXIT_CODE) has for a command: an assignment
 * before it, an `export` earlier in the same shell (the step; in GitLab the job's script lines run
 * in one shell), the step's `env:`, the job's `env:` (GitHub) or `variables:` (GitLab).
 */
function envOf(job: PipelineJob, step: PipelineStep, c: ResolvedCommand, name: string): string | undefined {
  const own = assigned(c.prefix, name);
  if (own !== undefined) return own;
  const github = isMap(step.node);
  const earlier = github ? [step] : job.steps.slice(0, job.steps.indexOf(step) + 1);
  let exported: string | undefined;
  for (const s of earlier)
    for (const e of s.commands) {
      if (e === c) break;
      if (e.name === 'export') exported = assigned(e.args, name) ?? exported;
    }
  if (exported !== undefined) return exported;
  const maps = github ? [mapGet(step.node, 'env'), mapGet(job.node, 'env')] : [mapGet(job.node, 'variables')];
  for (const env of maps) {
    const value = isMap(env) ? mapGet(env, name) : undefined;
    const text = isMap(value) ? scalarString(mapGet(value, 'value')) : scalarString(value);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** The vulnerability scans of a step (an action or scanner commands in `run:`). */
export function scansOf(job: PipelineJob, step: PipelineStep): Scan[] {
  const mayFail = step.continueOnError ? 'continue-on-error' : job.mayFail ? (step.uses ? 'continue-on-error' : 'allow-failure') : undefined;
  const out: Scan[] = [];
  const tool = step.uses ? SCAN_ACTIONS.get(step.uses.action) : undefined;
  if (step.uses && tool) {
    let cannotFail: Scan['cannotFail'] = mayFail;
    let notCritical = false;
    if (tool === 'Trivy') {
      const code = step.inputs['exit-code'];
      if (!cannotFail && (code === undefined || code.trim() === '0')) cannotFail = 'exit-code';
      const sev = step.inputs['severity'];
      notCritical = sev !== undefined && !/CRITICAL/i.test(sev);
    } else if (tool === 'Grype') {
      if (!cannotFail && step.inputs['fail-build'] === 'false') cannotFail = 'exit-code';
      const cut = step.inputs['severity-cutoff'];
      notCritical = cut !== undefined && !/^(negligible|low|medium|high|critical)$/i.test(cut);
    } else if (tool === 'Docker Scout') {
      if (!cannotFail && step.inputs['exit-code'] !== 'true') cannotFail = 'exit-code';
    }
    out.push({ step, tool, range: step.uses.range, cannotFail, notCritical });
  }
  for (const c of step.commands) {
    const a = argv(c);
    let t: string | undefined;
    let cannotFail: Scan['cannotFail'] = mayFail ?? (orTrue(step, c) ? 'or-true' : undefined);
    let notCritical = false;
    if (c.name === 'trivy' && ['image', 'i', 'fs', 'repo', 'rootfs', 'sbom', 'k8s'].includes(a[0] ?? '')) {
      t = 'Trivy';
      const code = flag(a, ['--exit-code']) ?? envOf(job, step, c, 'TRIVY_EXIT_CODE');
      if (!cannotFail && (code === undefined || code.trim() === '0' || code.trim() === '')) cannotFail = 'exit-code';
      const sev = flag(a, ['--severity', '-s']);
      notCritical = sev !== undefined && !/CRITICAL/i.test(sev);
    } else if (c.name === 'grype') {
      t = 'Grype';
      const fail = flag(a, ['--fail-on', '-f']) ?? envOf(job, step, c, 'GRYPE_FAIL_ON_SEVERITY');
      if (!cannotFail && fail === undefined) cannotFail = 'exit-code';
    } else if (c.name === 'snyk' && a[0] === 'container' && a[1] === 'test') {
      t = 'Snyk';
      const th = flag(a, ['--severity-threshold']);
      notCritical = th !== undefined && !/^(low|medium|high|critical)$/i.test(th);
    } else if (c.name === 'docker' && a[0] === 'scout' && a[1] === 'cves') {
      t = 'Docker Scout';
      if (!cannotFail && !a.includes('--exit-code') && !a.includes('-e')) cannotFail = 'exit-code';
    }
    if (t) out.push({ step, tool: t, range: commandRange(step, c), cannotFail, notCritical });
  }
  return out;
}

/** A push of a container image in a step, with where it is named. */
export interface Push {
  readonly step: PipelineStep;
  readonly range: Range;
  /** The image reference pushed, when the step names it literally or by a workflow expression (`${{ … }}`). */
  readonly image: string | undefined;
}

/** True when a text holds nothing a shell expands: workflow expressions (`${{ … }}`) are filled in before any script runs. */
const portable = (text: string): boolean => !/[$`]/.test(text.replace(/\$\{\{[^}]*\}\}/g, ''));

/** An image word readable outside its own script: literal or with workflow expressions (a shell variable is not). */
function portableImage(word: { value: string } | undefined): string | undefined {
  return word && !word.value.startsWith('-') && portable(word.value) ? word.value : undefined;
}

/** The image docker/build-push-action pushes: the first of its tags, by the step's digest output when the step has an id. */
function buildPushImage(step: PipelineStep): string | undefined {
  const tag = (step.inputs['tags'] ?? '').split(/[\n,]/).map((t) => t.trim()).find((t) => t !== '');
  if (!tag || !portable(tag)) return undefined;
  const id = step.id;
  if (!id) return tag;
  const repo = tag.replace(/@sha256:[0-9a-f]+$/, '').replace(/:[^:/]+$/, '');
  return /\$\{\{/.test(repo) ? tag : `${repo}@\${{ steps.${id}.outputs.digest }}`;
}

/** The image pushes of a step: docker/build-push-action with push true, `docker push`, `docker buildx build --push`, `podman push`, `crane push`, `ko build`. */
export function pushesOf(step: PipelineStep): Push[] {
  const out: Push[] = [];
  if (step.uses?.action === 'docker/build-push-action' && /^true$/i.test(step.inputs['push'] ?? '')) out.push({ step, range: step.uses.range, image: buildPushImage(step) });
  for (const c of step.commands) {
    const a = argv(c);
    const isPush =
      ((c.name === 'docker' || c.name === 'podman' || c.name === 'buildah') && (a[0] === 'push' || (a[0] === 'image' && a[1] === 'push'))) ||
      (c.name === 'docker' && a[0] === 'buildx' && a[1] === 'build' && (a.includes('--push') || a.some((x) => /^--output=.*push=true/.test(x)))) ||
      (c.name === 'crane' && a[0] === 'push');
    if (isPush) out.push({ step, range: commandRange(step, c), image: (c.name === 'docker' || c.name === 'podman' || c.name === 'buildah') && a[0] === 'push' && c.args.length === 2 ? portableImage(c.args[1]) : undefined });
  }
  return out;
}
