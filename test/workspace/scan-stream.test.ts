// streamWorkspace hands on each file's final report; scanWorkspace, built on it, keeps the reports of
// the files only a kustomize unit's findings are located in (a resource the walk leaves out) whole.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { fileUri, scanWorkspace, streamWorkspace } from '../../host/src/workspace/index';
import type { FileReport } from '../../shared/src/lint';

const dir = mkdtempSync(join(tmpdir(), 'bollwerk-scan-stream-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`;

describe('streamWorkspace', () => {
  writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - deploy.yaml\n');
  writeFileSync(join(dir, 'deploy.yaml'), DEPLOYMENT);
  const config = { ...DEFAULT_CONFIG, ignorePaths: ['deploy.yaml'] };

  it('reports a unit finding located in a resource the walk leaves out', () => {
    const scan = scanWorkspace([dir], config, { ignoreBase: dir, threads: 0 });
    const deploy = scan.reports.find((r) => r.uri === fileUri(join(dir, 'deploy.yaml')));
    assert.ok(deploy, 'a report for the resource');
    assert.ok(deploy.results.some((r) => r.ruleId === 'k8s/privileged'), deploy.results.map((r) => r.ruleId).join(', '));
  });

  it('hands on every report once, with its position, and the order of scanWorkspace', () => {
    const seen: { report: FileReport; position: number }[] = [];
    const summary = streamWorkspace([dir], config, { ignoreBase: dir, threads: 0 }, (report, position) => seen.push({ report, position }));
    assert.equal(summary.reportOrder, 'position');
    assert.deepEqual(new Set(seen.map((s) => s.position)).size, seen.length);
    const ordered = [...seen].sort((a, b) => a.position - b.position).map((s) => s.report);
    assert.deepEqual(ordered, scanWorkspace([dir], config, { ignoreBase: dir, threads: 0 }).reports);
  });
});
