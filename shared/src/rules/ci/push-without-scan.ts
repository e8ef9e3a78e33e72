import { defineYamlRule } from '../../define';
import { pipelineOf } from '../../parse/pipeline';
import { isMap, type YamlFile } from '../../parse/yaml';
import type { Fix, RawFinding } from '../../types';
import { pushesOf, scansOf, type Push } from './support/steps';

const TITLE = { en: 'Insert a Trivy scan step before the push', de: 'Trivy-Scan-Schritt vor dem Push einfügen' };

/** A job that pushes an image with no failing vulnerability scan before the push. */
export const pushWithoutScan = defineYamlRule({
  id: 'ci/push-without-scan',
  kind: 'pipeline',
  title: { en: 'Images must be scanned before they are pushed', de: 'Images müssen vor dem Push gescannt werden' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-1.3.1', 'CL-1.3.3', 'ART-2.2', 'CSC-1.1.1', 'CSC-3.2.1'],
  equivalents: [],
  messages: {
    default: {
      en: 'This job pushes an image without a vulnerability scan before the push that can fail the job; add a scan step (Trivy with exit code 1) before it.',
      de: 'Dieser Job pusht ein Image ohne vorherigen Schwachstellen-Scan, der den Job scheitern lassen kann; davor einen Scan-Schritt ergänzen (Trivy mit Exit-Code 1).',
    },
  },
  docs: {
    rationale: {
      en: 'An image pushed before it is scanned reaches the registry, and from there the cluster, with its critical vulnerabilities.',
      de: 'Ein Image, das vor dem Scan gepusht wird, erreicht mit seinen kritischen Schwachstellen die Registry und von dort den Cluster.',
    },
    fix: { en: 'Build, scan with a failing threshold, then push.', de: 'Bauen, mit Schwelle scannen, dann pushen.' },
    bad: '- run: docker build -t app . && docker push app',
    good: '- run: docker build -t app .\n- run: trivy image --exit-code 1 --severity CRITICAL,HIGH app\n- run: docker push app',
  },
  fixable: true,
  check(file) {
    const p = pipelineOf(file);
    if (!p) return [];
    const out: RawFinding[] = [];
    for (const job of p.jobs) {
      let scanned = false;
      for (const step of job.steps) {
        const pushes = pushesOf(step);
        const scans = scansOf(job, step).filter((s) => !s.cannotFail);
        // Within one script a scan counts only when it comes before the push.
        for (const push of pushes) {
          const before = scans.some((s) => s.range.start.line < push.range.start.line || (s.range.start.line === push.range.start.line && s.range.start.character < push.range.start.character));
          if (!scanned && !before) out.push({ range: push.range, ...scanStepFix(file, push) });
        }
        if (scans.length > 0) scanned = true;
      }
    }
    return out;
  },
});

/** A Trivy step inserted before a step that starts with `docker push <image>` (a block-sequence step of a GitHub job). */
function scanStepFix(file: YamlFile, push: Push): { fix?: Fix } {
  const step = push.step;
  const first = step.commands[0];
  if (!step.script || !first || first.name !== 'docker' || first.args[0]?.value !== 'push' || first.args.length !== 2 || first.args[1]!.dynamic && !/^\$\{\{[^}]*\}\}/.test(first.args[1]!.value)) return {};
  if (!isMap(step.node)) return {};
  const start = step.document.offsets(step.node).start;
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const before = file.text.slice(lineStart, start);
  if (!/^ *- $/.test(before)) return {};
  const pad = ' '.repeat(before.length - 2);
  const image = first.args[1]!.value;
  const at = file.lines.rangeOf(lineStart, lineStart).start;
  const newText = `${pad}- name: Scan image for vulnerabilities\n${pad}  uses: aquasecurity/trivy-action@0.28.0\n${pad}  with:\n${pad}    image-ref: ${JSON.stringify(image)}\n${pad}    exit-code: "1"\n${pad}    severity: CRITICAL,HIGH\n`;
  return { fix: { title: TITLE, edits: [{ range: { start: at, end: at }, newText }] } };
}
