// `bollwerk scan --fix` on a chart (the fixes go into values.yaml and the template) and on a
// kustomize overlay tree (into the base and the overlay's patch), the files' texts after exact; a
// chart linted with several value sets (a finding once, naming them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain, workspace } from './helpers';

const FIXABLE = 'test/fixtures/helm/fixable';
const APP = 'test/fixtures/kustomize/app';
const APP_FILES = ['base/app.properties', 'base/deployment.yaml', 'base/kustomization.yaml', 'components/probe/kustomization.yaml', 'components/probe/probe.yaml', 'overlays/dev/debug.yaml', 'overlays/dev/kustomization.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/secure.yaml'];
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
    assert.equal(out.summary.fixed, 9);
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
    // resources go after the block the values print, in the template; the sidecar's settings in its own
    const template = readFileSync(join(FIXABLE, 'templates/deployment.yaml'), 'utf8').replace('nindent 12 }}\n', `nindent 12 }}\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n            limits:\n              cpu: 500m\n              memory: 256Mi\n`);
    assert.equal(readFileSync(join(dir, 'templates/deployment.yaml'), 'utf8'), `${template}            capabilities:
              drop:
                - ALL
            readOnlyRootFilesystem: true
            seccompProfile:
              type: RuntimeDefault
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
      hostUsers: false
`);
    // every finding had a verified fix
    assert.deepEqual(out.results.map((r) => `${r.ruleId} ${r.file}:${r.line}`), []);
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

describe('bollwerk scan --fix on a kustomize tree', () => {
  it('fixes settings every overlay lacks in the base and a value an overlay introduced in its patch; other patches stay as they are', async () => {
    const relax = (value: string): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            readOnlyRootFilesystem: ${value} # needs a writable /var/cache\n`;
    const dir = workspace({
      ...Object.fromEntries(APP_FILES.map((f) => [f, readFileSync(join(APP, f), 'utf8')])),
      'overlays/staging/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n  - path: relax.yaml\n',
      'overlays/staging/relax.yaml': relax('false'),
    });
    const run = await runMain(['scan', '.', '--fix', '--format', 'json'], { cwd: dir });
    assert.equal((JSON.parse(run.stdout) as { summary: { fixed: number } }).summary.fixed, 9);
    assert.equal(readFileSync(join(dir, 'base/deployment.yaml'), 'utf8'), `${readFileSync(join(APP, 'base/deployment.yaml'), 'utf8')}            capabilities:
              drop:
                - ALL
            runAsNonRoot: true
            seccompProfile:
              type: RuntimeDefault
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
      automountServiceAccountToken: false
      hostUsers: false
`);
    assert.equal(readFileSync(join(dir, 'overlays/staging/relax.yaml'), 'utf8'), relax('true'));
    // the component's patch introduced hostNetwork: the fix goes there
    assert.equal(readFileSync(join(dir, 'components/probe/probe.yaml'), 'utf8'), readFileSync(join(APP, 'components/probe/probe.yaml'), 'utf8').replace('hostNetwork: true', 'hostNetwork: false'));
    // the dev overlay's patch introduced privileged: true: it is set to false there, nothing else
    assert.equal(readFileSync(join(dir, 'overlays/dev/debug.yaml'), 'utf8'), readFileSync(join(APP, 'overlays/dev/debug.yaml'), 'utf8').replace('privileged: true', 'privileged: false'));
    // a patch is no whole object: nothing is added to it as if it were one
    assert.equal(readFileSync(join(dir, 'overlays/prod/secure.yaml'), 'utf8'), readFileSync(join(APP, 'overlays/prod/secure.yaml'), 'utf8'));
  });
});
