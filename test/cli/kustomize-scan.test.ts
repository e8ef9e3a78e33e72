import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runMain } from './helpers';

const APP = 'test/fixtures/kustomize/app';
interface JsonResult {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endColumn: number;
  message: string;
}
const results = async (args: string[]): Promise<{ code: number; results: JsonResult[] }> => {
  const r = await runMain(['scan', ...args, '--format', 'json']);
  return { code: r.code, results: (JSON.parse(r.stdout) as { results: JsonResult[] }).results };
};
const loc = (r: JsonResult): string => `${r.ruleId} ${r.file}:${r.line}:${r.column}-${r.endColumn}`;

describe('bollwerk scan over a kustomization tree', () => {
  it('reports the built overlays’ findings where they are caused, in JSON', async () => {
    const { results: rs } = await results([APP]);
    const mine = rs.filter((r) => ['k8s/privileged', 'k8s/host-namespaces', 'k8s/allow-privilege-escalation', 'k8s/image-latest-tag'].includes(r.ruleId)).map(loc);
    assert.deepEqual(mine, [
      `k8s/allow-privilege-escalation ${APP}/base/deployment.yaml:19:39-43`,
      `k8s/image-latest-tag ${APP}/base/deployment.yaml:17:18-30`,
      `k8s/host-namespaces ${APP}/components/probe/probe.yaml:8:20-24`,
      `k8s/privileged ${APP}/overlays/dev/debug.yaml:11:25-29`,
    ].sort((a, b) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!, 'en', { numeric: true })));
  });
  it('lints no patch file as a whole object (no per-file or workspace finding on it)', async () => {
    const { results: rs } = await results([APP]);
    assert.deepEqual(rs.filter((r) => r.file.endsWith('secure.yaml')), []);
    assert.deepEqual(rs.filter((r) => r.file.endsWith('debug.yaml')).map((r) => r.ruleId), ['k8s/privileged']);
    assert.deepEqual(rs.filter((r) => r.file.endsWith('probe.yaml')).map((r) => r.ruleId), ['k8s/host-namespaces']);
  });
  it('SARIF names the overlays as related locations', async () => {
    const r = await runMain(['scan', APP, '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } }; message: { text: string } }[] }[] }[] };
    const latest = sarif.runs[0]!.results.find((x) => x.ruleId === 'k8s/image-latest-tag')!;
    assert.deepEqual(latest.relatedLocations!.map((l) => [l.physicalLocation.artifactLocation.uri, l.message.text]), [
      ['overlays/dev/kustomization.yaml', 'deployed by /overlays/dev'],
      ['overlays/prod/kustomization.yaml', 'deployed by /overlays/prod'],
    ]);
  });
  it('builds an overlay scanned alone with the base it names outside the scanned folder (../../base)', async () => {
    const { results: rs } = await results([`${APP}/overlays/dev`]);
    assert.deepEqual(rs.filter((r) => r.ruleId === 'kustomize/build-error').map(loc), []);
    const mine = rs.filter((r) => ['k8s/privileged', 'k8s/image-latest-tag'].includes(r.ruleId)).map(loc);
    assert.deepEqual(mine, [`k8s/image-latest-tag ${APP}/base/deployment.yaml:17:18-30`, `k8s/privileged ${APP}/overlays/dev/debug.yaml:11:25-29`]);
    assert.match(rs.find((r) => r.ruleId === 'k8s/image-latest-tag')!.message, /\/overlays\/dev/);
  });
  it('a kustomization that does not build is a kustomize/build-error finding on its line, counted by --fail-on', async () => {
    const { code, results: rs } = await results(['test/fixtures/kustomize/broken', '--fail-on', 'error']);
    assert.deepEqual(rs.map(loc), ['kustomize/build-error test/fixtures/kustomize/broken/overlay/kustomization.yaml:4:1-1']);
    assert.match(rs[0]!.message, /does not build/);
    assert.equal(code, 1);
  });
});
