import { defineYamlRule } from '../../define';
import { pipelineOf, pipelineSteps } from '../../parse/pipeline';
import type { Fix, RawFinding } from '../../types';
import { scansOf, type Scan } from './support/steps';

/** A vulnerability scan that cannot fail the job, or fails on nothing critical. */
export const scanCannotFail = defineYamlRule({
  id: 'ci/scan-cannot-fail',
  kind: 'pipeline',
  title: { en: 'Image scans must be able to fail the pipeline', de: 'Image-Scans müssen die Pipeline scheitern lassen können' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-1.3.2', 'CL-1.3.3', 'ART-1.8'],
  equivalents: [],
  messages: {
    'exit-code': {
      en: 'The {tool} scan exits 0 whatever it finds: it cannot block a vulnerable image; set exit code 1.',
      de: 'Der {tool}-Scan endet mit 0, was er auch findet: er kann kein verwundbares Image aufhalten; Exit-Code 1 setzen.',
    },
    'continue-on-error': {
      en: 'continue-on-error lets the job pass when the {tool} scan fails: it cannot block a vulnerable image.',
      de: 'continue-on-error lässt den Job bestehen, wenn der {tool}-Scan scheitert: er kann kein verwundbares Image aufhalten.',
    },
    'allow-failure': {
      en: 'allow_failure lets the pipeline pass when the {tool} scan fails: it cannot block a vulnerable image.',
      de: 'allow_failure lässt die Pipeline bestehen, wenn der {tool}-Scan scheitert: er kann kein verwundbares Image aufhalten.',
    },
    'or-true': {
      en: '"|| true" swallows the {tool} scan\'s exit code: it cannot block a vulnerable image.',
      de: '"|| true" verschluckt den Exit-Code des {tool}-Scans: er kann kein verwundbares Image aufhalten.',
    },
    'not-critical': {
      en: 'The {tool} scan does not fail on CRITICAL vulnerabilities; include CRITICAL in its severities.',
      de: 'Der {tool}-Scan scheitert nicht an CRITICAL-Schwachstellen; CRITICAL in die Schweregrade aufnehmen.',
    },
  },
  docs: {
    rationale: {
      en: 'A scan whose result cannot stop the pipeline reports vulnerabilities but ships them anyway (automatic blocking of critical vulnerabilities).',
      de: 'Ein Scan, dessen Ergebnis die Pipeline nicht anhalten kann, meldet Schwachstellen und liefert sie trotzdem aus (automatisches Blockieren kritischer Schwachstellen).',
    },
    fix: { en: 'Set `exit-code: "1"` with `severity: CRITICAL,HIGH`; remove continue-on-error / allow_failure / `|| true`.', de: '`exit-code: "1"` mit `severity: CRITICAL,HIGH` setzen; continue-on-error / allow_failure / `|| true` entfernen.' },
    bad: '- uses: aquasecurity/trivy-action@0.28.0\n  with: {image-ref: app, exit-code: "0"}',
    good: '- uses: aquasecurity/trivy-action@0.28.0\n  with: {image-ref: app, exit-code: "1", severity: "CRITICAL,HIGH"}',
  },
  fixable: true,
  check(file) {
    const p = pipelineOf(file);
    if (!p) return [];
    const out: RawFinding[] = [];
    for (const { job, step } of pipelineSteps(p))
      for (const scan of scansOf(job, step)) {
        if (scan.cannotFail) out.push({ range: scan.range, messageId: scan.cannotFail, args: { tool: scan.tool }, ...fixOf(scan) });
        else if (scan.notCritical) out.push({ range: scan.range, messageId: 'not-critical', args: { tool: scan.tool } });
      }
    return out;
  },
});

const TITLE = { en: 'Make the scan fail the job (exit code 1)', de: 'Scan den Job scheitern lassen (Exit-Code 1)' };

/** The mechanical fixes: a trivy-action exit-code input of 0 becomes "1"; continue-on-error: true becomes false. */
function fixOf(scan: Scan): { fix?: Fix } {
  const step = scan.step;
  if (scan.cannotFail === 'exit-code' && scan.step.uses) {
    const pair = step.inputPairs.get('exit-code');
    if (pair?.value) return { fix: { title: TITLE, edits: [{ range: step.document.rangeOf(pair.value as never), newText: '"1"' }] } };
  }
  if (scan.cannotFail === 'continue-on-error' && step.continueOnError?.value) {
    return { fix: { title: TITLE, edits: [{ range: step.document.rangeOf(step.continueOnError.value as never), newText: 'false' }] } };
  }
  return {};
}
