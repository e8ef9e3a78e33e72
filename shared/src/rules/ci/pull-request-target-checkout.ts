import { defineYamlRule } from '../../define';
import { pipelineCommands, pipelineOf, pipelineSteps } from '../../parse/pipeline';
import type { RawFinding } from '../../types';

/** The pull request's code: its head commit or branch, or a pull ref (`refs/pull/N/head`, as a refspec `pull/N/head:pr`, `+refs/pull/…`). */
const HEAD = /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|(?:^\+?|refs\/)pull\/.*\/(?:head|merge)/;

/** A `pull_request_target` workflow that checks out the pull request's code (with the base repository's secrets). */
export const pullRequestTargetCheckout = defineYamlRule({
  id: 'ci/pull-request-target-checkout',
  kind: 'pipeline',
  title: { en: 'pull_request_target must not check out the pull request', de: 'pull_request_target darf den Pull-Request nicht auschecken' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-4.1.1', 'CL-4.1.2'],
  equivalents: ['zizmor:dangerous-triggers', 'checkov:CKV_GHA_4'],
  messages: {
    default: {
      en: 'The workflow runs on pull_request_target (with secrets and a write token) and checks out the pull request\'s head: untrusted code runs with those rights.',
      de: 'Der Workflow läuft bei pull_request_target (mit Geheimnissen und schreibendem Token) und checkt den Head des Pull-Requests aus: fremder Code läuft mit diesen Rechten.',
    },
  },
  docs: {
    rationale: {
      en: 'pull_request_target runs in the base repository\'s context; building the contributor\'s code there hands it the secrets ("pwn request").',
      de: 'pull_request_target läuft im Kontext des Basis-Repositorys; wer dort den Code des Beitragenden baut, gibt ihm die Geheimnisse ("pwn request").',
    },
    fix: { en: 'Use the pull_request trigger for building untrusted code; keep pull_request_target for labelling and commenting.', de: 'Für fremden Code den Trigger pull_request verwenden; pull_request_target nur zum Labeln und Kommentieren.' },
    bad: 'on: pull_request_target\n…\n- uses: actions/checkout@…\n  with: {ref: ${{ github.event.pull_request.head.sha }}}',
    good: 'on: pull_request\n…\n- uses: actions/checkout@…',
  },
  fixable: false,
  check(file) {
    const p = pipelineOf(file);
    if (!p || !p.events.includes('pull_request_target')) return [];
    const out: RawFinding[] = [];
    for (const { step } of pipelineSteps(p)) {
      const ref = step.inputPairs.get('ref');
      if (step.uses?.action === 'actions/checkout' && ref && HEAD.test(String(step.inputs['ref'] ?? ''))) out.push({ range: step.document.rangeOf(ref.value as never) });
    }
    for (const { step, command: c } of pipelineCommands(p))
      if (
        (c.name === 'git' && ['checkout', 'fetch', 'switch'].includes(c.args[0]?.value ?? '') && c.args.some((a) => HEAD.test(a.value))) ||
        (c.name === 'gh' && c.args[0]?.value === 'pr' && c.args[1]?.value === 'checkout')
      )
        out.push({ range: step.rangeAt(c.nameWord.start, c.args[c.args.length - 1]!.end) });
    return out;
  },
});
