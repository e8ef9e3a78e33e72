import { defineYamlRule } from '../../define';
import { pipelineCommands, pipelineOf, pipelineSteps, type Pipeline, type PipelineJob } from '../../parse/pipeline';
import { isMap, scalarString, type YamlFile } from '../../parse/yaml';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { setIn } from '../../yaml-edit';
import { pushesOf, type Push } from './support/steps';

const SIGNING_ACTIONS = new Set(['sigstore/cosign-installer', 'actions/attest-build-provenance', 'notaryproject/notation-action/sign']);

/** True when a step of the pipeline signs an image (cosign sign, notation sign, a signing action). */
function signs(p: Pipeline): boolean {
  return (
    pipelineSteps(p).some(({ step }) => step.uses !== undefined && SIGNING_ACTIONS.has(step.uses.action)) ||
    pipelineCommands(p).some(({ command: c }) => (c.name === 'cosign' || c.name === 'notation') && ['sign', 'attest'].includes(c.args[0]?.value ?? ''))
  );
}

/** An image pushed by a pipeline that signs nothing. */
export const pushWithoutSignature = defineYamlRule({
  id: 'ci/push-without-signature',
  kind: 'pipeline',
  title: { en: 'Pushed images must be signed', de: 'Gepushte Images müssen signiert werden' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-1.3.5', 'ART-1.9', 'OTC-C1'],
  equivalents: ['scorecard:Signed-Releases'],
  messages: {
    default: {
      en: 'This pipeline pushes an image but signs none (cosign, notation); sign the pushed digest so that admission can verify it.',
      de: 'Diese Pipeline pusht ein Image, signiert aber keines (cosign, notation); den gepushten Digest signieren, damit die Zulassung ihn prüfen kann.',
    },
  },
  docs: {
    rationale: {
      en: 'Without a signature a cluster cannot tell the pipeline\'s image from one pushed with stolen registry credentials.',
      de: 'Ohne Signatur kann ein Cluster das Image der Pipeline nicht von einem mit gestohlenen Registry-Zugangsdaten gepushten unterscheiden.',
    },
    fix: {
      en: 'After the push: `cosign sign --yes <image>@<digest>` (keyless with `permissions: id-token: write`).',
      de: 'Nach dem Push: `cosign sign --yes <image>@<digest>` (schlüssellos mit `permissions: id-token: write`).',
    },
    bad: '- run: docker push ghcr.io/acme/app:1.0',
    good: '- run: docker push ghcr.io/acme/app:1.0\n- uses: sigstore/cosign-installer@<sha>\n- run: cosign sign --yes ghcr.io/acme/app@${DIGEST}',
  },
  fixable: true,
  check(file) {
    const p = pipelineOf(file);
    if (!p || signs(p)) return [];
    const out: RawFinding[] = [];
    for (const { job, step } of pipelineSteps(p)) for (const push of pushesOf(step)) out.push({ range: push.range, ...signFix(file, p, job, push) });
    return out;
  },
});

const TITLE = { en: 'Sign the pushed image with cosign (keyless, id-token: write)', de: 'Das gepushte Image mit cosign signieren (schlüssellos, id-token: write)' };

/** The edit granting `id-token: write` (keyless signing): in the job's permissions, else the workflow's; none needed for write-all. */
function idTokenEdits(file: YamlFile, p: Pipeline, job: PipelineJob): TextEdit[] | undefined {
  const pair = job.permissions ?? p.permissions;
  if (!pair) return undefined; // adding a permissions map would take the token's other default permissions away
  if (scalarString(pair.value) === 'write-all') return [];
  if (!isMap(pair.value)) return undefined;
  if (scalarString(pair.value.items.find((i) => scalarString(i.key) === 'id-token')?.value) === 'write') return [];
  return setIn(p.document, file.lines, pair.value, ['id-token'], 'write');
}

/**
 * Steps installing cosign and signing the pushed image keylessly, inserted after the pushing
 * step of a GitHub workflow job, with `id-token: write` granted: only where the step is a block
 * sequence item, the image is named literally or by a workflow expression and a permissions map
 * can take the grant.
 */
function signFix(file: YamlFile, p: Pipeline, job: PipelineJob, push: Push): { fix?: Fix } {
  const step = push.step;
  if (p.flavour !== 'github-workflow' || !push.image || !isMap(step.node)) return {};
  const { start, end } = step.document.offsets(step.node);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const before = file.text.slice(lineStart, start);
  if (!/^ *- $/.test(before)) return {};
  const permissions = idTokenEdits(file, p, job);
  if (!permissions) return {};
  let last = end;
  while (last > start && /\s/.test(file.text[last - 1] ?? '')) last--;
  const lineEnd = file.text.indexOf('\n', last);
  const nl = file.text.includes('\r\n') ? '\r\n' : '\n';
  const pad = ' '.repeat(before.length - 2);
  const steps = [`- uses: sigstore/cosign-installer@v3`, `- name: Sign the image`, `  run: cosign sign --yes ${JSON.stringify(push.image)}`].map((l) => `${pad}${l}`).join(nl);
  const at = lineEnd < 0 ? file.lines.positionAt(file.text.length) : file.lines.positionAt(lineEnd + 1);
  const newText = lineEnd < 0 ? `${nl}${steps}${nl}` : `${steps}${nl}`;
  return { fix: { title: TITLE, edits: [...permissions, { range: { start: at, end: at }, newText }] } };
}
