// `bollwerk scan --fix` on a chart (the fixes go into values.yaml and the template, the files'
// texts after are exact) and a chart linted with several value sets (a finding once, naming them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain, workspace } from './helpers';

const FIXABLE = 'test/fixtures/helm/fixable';
const chartFiles = (prefix: string): Record<string, string> =>
  Object.fromEntries(['Chart.yaml', 'values.yaml', 'templates/deployment.yaml'].map((f) => [`${prefix}${f}`, readFileSync(join(FIXABLE, f), 'utf8')]));

interface JsonResult {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

describe('bollwerk scan --fix on a chart', () => {
  it('writes each verified fix into values.yaml (comments kept) or the template, and reports what remains', async () => {
    const dir = workspace(chartFiles(''));
    const run = await runMain(['scan', '.', '--fix', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(run.stdout) as { summary: { fixed: number }; results: JsonResult[] };
    assert.equal(out.summary.fixed, 7);
    assert.equal(readFileSync(join(dir, 'values.yaml'), 'utf8'), `# The application image
image:
  repository: nginx
  tag: "1.27" # the version to deploy

# Security context of the app container
securityContext:
  runAsNonRoot: true # the image runs as nginx
  # more settings go here
  allowPrivilegeEscalation: false
  capabilities:
    drop:
      - ALL
  readOnlyRootFilesystem: true
  seccompProfile:
    type: RuntimeDefault

replicaCount: 1
`);
    assert.equal(readFileSync(join(dir, 'templates/deployment.yaml'), 'utf8'), `${readFileSync(join(FIXABLE, 'templates/deployment.yaml'), 'utf8')}            capabilities:
              drop:
                - ALL
            readOnlyRootFilesystem: true
            seccompProfile:
              type: RuntimeDefault
      hostUsers: false
`);
    // what no fix can settle stays: the resources of both containers
    assert.deepEqual(out.results.map((r) => `${r.ruleId} ${r.file}:${r.line}`), ['k8s/resources templates/deployment.yaml:11', 'k8s/resources templates/deployment.yaml:15']);
    // a second run finds nothing more to fix
    const again = JSON.parse((await runMain(['scan', '.', '--fix', '--format', 'json'], { cwd: dir })).stdout) as { summary: { fixed: number } };
    assert.equal(again.summary.fixed, 0);
  });
});

describe('bollwerk scan: a chart with several value sets', () => {
  it('reports a finding once, naming the value sets it occurs in', async () => {
    const dir = workspace({
      ...chartFiles('app/'),
      'env/prod.yaml': 'securityContext:\n  privileged: true\n',
      'env/edge.yaml': 'securityContext:\n  privileged: true\n',
      '.bollwerk.yaml': 'helm:\n  app:\n    valueSets:\n      prod:\n        valuesFiles: [env/prod.yaml]\n      edge:\n        valuesFiles: [env/edge.yaml]\n        set: [replicaCount=2]\n',
    });
    const run = await runMain(['scan', '.', '--format', 'json'], { cwd: dir });
    const results = (JSON.parse(run.stdout) as { results: JsonResult[] }).results;
    const rorf = results.filter((r) => r.ruleId === 'k8s/read-only-root-filesystem' && r.line === 11);
    assert.equal(rorf.length, 1, JSON.stringify(results, null, 1));
    assert.match(rorf[0]!.message, /\(value sets: default, prod, edge\)$/);
    // privileged is set in the prod and edge files only: once in each file, naming its set
    const privileged = results.filter((r) => r.ruleId === 'k8s/privileged').map((r) => `${r.file}:${r.line} ${r.message.replace(/^.*\(/, '(')}`);
    assert.deepEqual(privileged, ['env/edge.yaml:2 (value sets: edge)', 'env/prod.yaml:2 (value sets: prod)']);
    const de = JSON.parse((await runMain(['scan', '.', '--format', 'json', '--lang', 'de'], { cwd: dir })).stdout) as { results: JsonResult[] };
    assert.match(de.results.find((r) => r.ruleId === 'k8s/privileged')!.message, /\(Wertesätze: edge\)$/);
  });
});
