import { defineYamlRule } from '../../define';
import { pipelineCommands, pipelineOf, pipelineSteps, type Pipeline } from '../../parse/pipeline';
import type { RawFinding } from '../../types';
import { pushesOf } from './support/steps';

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
  fixable: false,
  check(file) {
    const p = pipelineOf(file);
    if (!p || signs(p)) return [];
    const out: RawFinding[] = [];
    for (const { step } of pipelineSteps(p)) for (const push of pushesOf(step)) out.push({ range: push.range });
    return out;
  },
});
