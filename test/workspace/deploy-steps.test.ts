// The deploy stages a step at a time (the language server yields to the editor between the steps)
// give what they give in one go: the same reports, in the same order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintText, withoutParsed, type FileReport } from '../../shared/src/lint';
import { chartMerge } from '../../host/src/workspace/charts';
import { applyDeployStages, deployStageSteps, type DeployStages } from '../../host/src/workspace/deployables';
import { unitPassOf } from '../../host/src/workspace/kustomize-pass';
import { fileUri, uriPath } from '../../host/src/workspace/index';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "nginx:1.25", securityContext: {privileged: true}}]\n';

describe('deploy stages in steps', () => {
  // 5,000 files, a kustomization's inputs and a chart's templates among them, findings of both on some
  const n = 5000;
  const paths = Array.from({ length: n }, (_, i) => `/w/${i < 100 ? 'chart/templates' : i < 300 ? 'deploy/base' : 'plain'}/f${String(i).padStart(4, '0')}.yaml`);
  const template = withoutParsed(lintText(fileUri(paths[0]!), POD, { config: DEFAULT_CONFIG }));
  const reportsOf = (): FileReport[] => paths.map((p) => ({ ...template, uri: fileUri(p), results: template.results.map((r) => ({ ...r, uri: fileUri(p) })) }));
  const finding = (path: string, message: string): FileReport['results'][number] => ({ ...template.results[0]!, uri: fileUri(path), message: { en: message, de: message } });
  const stagesOf = (): DeployStages => ({
    units: unitPassOf(
      {
        inputs: paths.slice(100, 300),
        notObjects: paths.slice(100, 110),
        added: [
          [fileUri(paths[150]!), [finding(paths[150]!, 'from a unit')]],
          [fileUri('/w/deploy/overlay/patch.yaml'), [finding('/w/deploy/overlay/patch.yaml', 'in a patch')]],
        ],
      },
      uriPath,
    ),
    charts: chartMerge([
      {
        dir: '/w/chart',
        dirUri: fileUri('/w/chart'),
        lint: { results: [finding(paths[5]!, 'rendered'), finding('/w/chart/values.yaml', 'on a values line')], linted: [], library: false },
      },
    ]),
  });

  it('give the reports of the stages applied in one go, in the same order', () => {
    const whole = applyDeployStages(reportsOf(), stagesOf());
    const steps = deployStageSteps(reportsOf(), stagesOf());
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    // two stages over 5,000 reports, a step per 2,000
    assert.equal(yields, 4);
    assert.deepEqual(step.value, whole);
    assert.equal(whole.length, n + 2, 'a report for the patch and one for the values file');
    assert.ok(whole.find((r) => r.uri === fileUri(paths[150]!))!.results.some((r) => r.message.en === 'from a unit'));
    assert.ok(whole.find((r) => r.uri === fileUri(paths[5]!))!.results.some((r) => r.message.en === 'rendered'));
  });

  it('without stages, the reports as they are', () => {
    const reports = reportsOf();
    const steps = deployStageSteps(reports, { units: undefined, charts: undefined });
    const step = steps.next();
    assert.equal(step.done, true);
    assert.equal(step.value, reports);
  });
});
