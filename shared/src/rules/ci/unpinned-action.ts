import { defineYamlRule } from '../../define';
import { actionRef, pipelineOf, pipelineSteps } from '../../parse/pipeline';
import { isScalar, mapGet } from '../../parse/yaml';
import type { RawFinding } from '../../types';

const SHA = /^[0-9a-f]{40}$/;
/** `owner/repo[/path]`: a reference the editor can pin to its commit when lookups are allowed (data.pinAction). */
const REPO = /^[a-z0-9_.-]+\/[a-z0-9_.-]+(?:\/[^@\s]*)?$/;

/** A third-party action referenced by tag or branch instead of a full commit SHA. */
export const unpinnedAction = defineYamlRule({
  id: 'ci/unpinned-action',
  kind: 'pipeline',
  title: { en: 'Actions must be pinned to a commit SHA', de: 'Actions müssen auf einen Commit-SHA festgelegt sein' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-4.1.2', 'CL-1.2.2'],
  equivalents: ['scorecard:Pinned-Dependencies', 'zizmor:unpinned-uses', 'checkov:CKV_GHA_7'],
  messages: {
    default: {
      en: '{action}@{ref} follows a tag or branch that its owner can move; pin the full commit SHA (with the tag in a comment).',
      de: '{action}@{ref} folgt einem Tag oder Branch, den sein Besitzer verschieben kann; den vollen Commit-SHA festlegen (den Tag als Kommentar).',
    },
    docker: {
      en: 'The container image docker://{image} is referenced by tag, which its owner can move; pin it by digest (docker://image@sha256:…).',
      de: 'Das Container-Image docker://{image} ist per Tag referenziert, den sein Besitzer verschieben kann; es per Digest festlegen (docker://image@sha256:…).',
    },
    none: {
      en: '{action} names no version at all; pin the full commit SHA.',
      de: '{action} nennt gar keine Version; den vollen Commit-SHA festlegen.',
    },
  },
  docs: {
    rationale: {
      en: 'A tag of a third-party action can be moved to malicious code (as with tj-actions/changed-files in 2025); a commit SHA cannot.',
      de: 'Ein Tag einer fremden Action kann auf bösartigen Code verschoben werden (wie bei tj-actions/changed-files 2025); ein Commit-SHA nicht.',
    },
    fix: { en: 'Replace the tag by the commit it points to: `uses: owner/repo@<40-hex sha> # v4`.', de: 'Den Tag durch den Commit ersetzen, auf den er zeigt: `uses: owner/repo@<40-hex sha> # v4`.' },
    bad: '- uses: actions/checkout@v4',
    good: '- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  },
  fixable: false,
  check(file) {
    const p = pipelineOf(file);
    if (!p) return [];
    const out: RawFinding[] = [];
    const seen = new Set<unknown>();
    const refs = pipelineSteps(p).flatMap(({ step }) => (step.uses ? [step.uses] : []));
    // a job that calls a reusable workflow (`jobs.<id>.uses: org/repo/.github/workflows/x.yml@ref`) runs its code as well
    if (p.flavour === 'github-workflow')
      for (const job of p.jobs) {
        const uses = mapGet(job.node, 'uses');
        if (isScalar(uses) && typeof uses.value === 'string') refs.push(actionRef(uses.value, job.document.rangeOf(uses)));
      }
    for (const u of refs) {
      if (u.local || seen.has(u)) continue;
      seen.add(u);
      if (u.docker) {
        if (!u.action.includes('@sha256:')) out.push({ range: u.range, messageId: 'docker', args: { image: u.action } });
      } else if (u.ref === undefined) out.push({ range: u.range, messageId: 'none', args: { action: u.action } });
      else if (!SHA.test(u.ref)) out.push({ range: u.range, args: { action: u.action, ref: u.ref }, ...(REPO.test(u.action) ? { data: { pinAction: { uses: u.text, ref: u.ref } } } : {}) });
    }
    return out;
  },
});
