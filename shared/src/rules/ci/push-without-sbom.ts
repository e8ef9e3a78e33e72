import { defineYamlRule } from '../../define';
import { pipelineCommands, pipelineOf, pipelineSteps, type Pipeline } from '../../parse/pipeline';
import { isMap, mapGet, type YamlFile } from '../../parse/yaml';
import type { Fix, RawFinding } from '../../types';
import { setIn } from '../../yaml-edit';
import { flag, pushesOf, type Push } from './support/steps';

/** Actions that write an SBOM. */
const SBOM_ACTIONS = new Set(['anchore/sbom-action', 'actions/attest-sbom', 'advanced-security/sbom-generator-action', 'cyclonedx/gh-node-module-generatebom']);

/**
 * True when a step of the pipeline makes an SBOM: build-push-action with `sbom: true`, a
 * buildx build with `--sbom` or an SBOM attestation, syft, cyclonedx tools, `trivy` with an SPDX or
 * CycloneDX format, `docker sbom`, `cosign attest` of an SBOM, an SBOM action.
 */
function makesSbom(p: Pipeline): boolean {
  const byAction = pipelineSteps(p).some(({ step }) => {
    const action = step.uses?.action;
    if (!action) return false;
    if (SBOM_ACTIONS.has(action)) return true;
    if (action === 'docker/build-push-action') return /^true$/i.test(step.inputs['sbom'] ?? '') || /type=sbom/.test(step.inputs['attests'] ?? '');
    return action === 'aquasecurity/trivy-action' && /^(?:spdx|spdx-json|cyclonedx)$/i.test(step.inputs['format'] ?? '');
  });
  return (
    byAction ||
    pipelineCommands(p).some(({ command: c }) => {
      const args = c.args.map((a) => a.value);
      if (c.name === 'syft' || /^cyclonedx(?:-|$)/.test(c.name) || c.name === 'cdxgen') return true;
      if (c.name === 'docker' && args[0] === 'sbom') return true;
      if (c.name === 'docker' && args[0] === 'buildx' && args[1] === 'build') {
        const sbom = flag(args, ['--sbom']);
        return (sbom !== undefined && !/^false$/i.test(sbom)) || args.some((a, i) => (a === '--attest' && /type=sbom/.test(args[i + 1] ?? '')) || /^--attest=.*type=sbom/.test(a));
      }
      if (c.name === 'trivy') return /^(?:spdx|spdx-json|cyclonedx)$/i.test(flag(args, ['--format', '-f']) ?? '');
      if (c.name === 'cosign' && args[0] === 'attest') return /spdx|cyclonedx/i.test(flag(args, ['--type']) ?? '');
      return false;
    })
  );
}

/** An image pushed by a pipeline that makes no SBOM of it. */
export const pushWithoutSbom = defineYamlRule({
  id: 'ci/push-without-sbom',
  kind: 'pipeline',
  title: { en: 'Pushed images must come with an SBOM', de: 'Gepushte Images brauchen eine SBOM' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-4.3.4', 'ART-1.11', 'OTC-C1'],
  equivalents: [],
  messages: {
    default: {
      en: 'This pipeline pushes an image but makes no SBOM of it (sbom: true, syft, an SBOM attestation); without one a vulnerability found later cannot be traced to the images that ship it.',
      de: 'Diese Pipeline pusht ein Image, erzeugt aber keine SBOM dafür (sbom: true, syft, eine SBOM-Attestierung); ohne sie lässt sich eine später gefundene Schwachstelle nicht zu den Images zurückverfolgen, die sie ausliefern.',
    },
  },
  docs: {
    rationale: {
      en: 'A software bill of materials records what an image contains; it lets a team answer "which of our images ship this vulnerable library?" and ties the image back to its sources (traceability).',
      de: 'Eine Software-Stückliste hält fest, was ein Image enthält; mit ihr lässt sich beantworten, welche eigenen Images eine verwundbare Bibliothek ausliefern, und das Image zu seinen Quellen zurückverfolgen (Nachvollziehbarkeit).',
    },
    fix: {
      en: 'docker/build-push-action: `sbom: true` (an SBOM attestation beside the image); otherwise generate one with syft or anchore/sbom-action and attach it (`cosign attest --type spdxjson`).',
      de: 'docker/build-push-action: `sbom: true` (eine SBOM-Attestierung neben dem Image); sonst eine mit syft oder anchore/sbom-action erzeugen und anhängen (`cosign attest --type spdxjson`).',
    },
    bad: '- uses: docker/build-push-action@v6\n  with: {push: true, tags: ghcr.io/acme/app:1.0}',
    good: '- uses: docker/build-push-action@v6\n  with: {push: true, sbom: true, tags: ghcr.io/acme/app:1.0}',
  },
  fixable: true,
  check(file) {
    const p = pipelineOf(file);
    if (!p || makesSbom(p)) return [];
    const out: RawFinding[] = [];
    for (const { step } of pipelineSteps(p)) for (const push of pushesOf(step)) out.push({ range: push.range, ...sbomFix(file, push) });
    return out;
  },
});

const TITLE = { en: 'Add sbom: true (an SBOM attestation with the image)', de: 'sbom: true ergänzen (eine SBOM-Attestierung zum Image)' };

/** `sbom: true` in the `with:` map of a build-push-action push; other pushes need a decision about the tool. */
function sbomFix(file: YamlFile, push: Push): { fix?: Fix } {
  const step = push.step;
  if (step.uses?.action !== 'docker/build-push-action' || !isMap(step.node)) return {};
  const inputs = mapGet(step.node, 'with');
  if (!isMap(inputs)) return {};
  const edits = setIn(step.document, file.lines, inputs, ['sbom'], 'true');
  return edits && edits.length > 0 ? { fix: { title: TITLE, edits } } : {};
}
