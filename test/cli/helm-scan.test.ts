// `bollwerk scan` over Helm charts: each chart found by its Chart.yaml is rendered and linted, and
// each finding is reported where it is caused (values line, template line) in every format.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runMain, workspace } from './helpers';

const FIX = 'test/fixtures/helm';

interface JsonResult {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

async function jsonResults(paths: string[]): Promise<JsonResult[]> {
  const run = await runMain(['scan', ...paths, '--format', 'json']);
  return (JSON.parse(run.stdout) as { results: JsonResult[] }).results;
}

const place = (r: JsonResult): string => `${r.ruleId} ${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;

describe('bollwerk scan: Helm charts', () => {
  it('reports an offending value on its values.yaml line and a templated one on its template line', async () => {
    const results = (await jsonResults([`${FIX}/web`])).map(place);
    // privileged: true comes from values.yaml (toYaml .Values.securityContext | nindent 12)
    assert.ok(results.includes(`k8s/privileged ${FIX}/web/values.yaml:5:3-5:13`), results.join('\n'));
    // nginx:latest: the tag printed from values.image.tag
    assert.ok(results.includes(`k8s/image-latest-tag ${FIX}/web/values.yaml:3:3-3:6`), results.join('\n'));
    // hostNetwork: true is written in the template
    assert.ok(results.includes(`k8s/host-namespaces ${FIX}/web/templates/deployment.yaml:8:20-8:24`), results.join('\n'));
    // a missing setting: the template line of the container that would hold it
    assert.ok(results.includes(`k8s/read-only-root-filesystem ${FIX}/web/templates/deployment.yaml:10:17-10:20`), results.join('\n'));
    // every finding is in a file of the chart, none in the rendered text's own lines past the template
    for (const r of results) assert.match(r, new RegExp(`^\\S+ ${FIX}/web/(values\\.yaml|templates/deployment\\.yaml):`));
  });
  it('points a missing setting at the values key that feeds its block (JSON related, SARIF relatedLocations), and only for such rules', async () => {
    const run = await runMain(['scan', `${FIX}/web`, '--format', 'json']);
    const results = (JSON.parse(run.stdout) as { results: (JsonResult & { related?: { file: string; line: number; column: number; message: string }[] })[] }).results;
    const rorf = results.find((r) => r.ruleId === 'k8s/read-only-root-filesystem')!;
    assert.deepEqual(rorf.related, [{ file: `${FIX}/web/values.yaml`, line: 4, column: 1, message: 'the setting belongs in the values key securityContext, which feeds this block' }]);
    assert.equal(results.find((r) => r.ruleId === 'k8s/host-namespaces')!.related, undefined);
    assert.equal(results.find((r) => r.ruleId === 'k8s/privileged')!.related, undefined);
    const sarif = JSON.parse((await runMain(['scan', `${FIX}/web`, '--format', 'sarif'])).stdout) as {
      runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const related = sarif.runs[0]!.results.find((r) => r.ruleId === 'k8s/allow-privilege-escalation')!.relatedLocations!;
    assert.deepEqual(related.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]), [['values.yaml', 4]]);
  });
  it('says so in the text report and SARIF regions', async () => {
    const text = await runMain(['scan', `${FIX}/web`]);
    assert.match(text.stdout, /test\/fixtures\/helm\/web\/values\.yaml:5:3 +error +k8s\/privileged/);
    assert.doesNotMatch(text.stdout, /skipped: a Go\/Helm template/);
    const sarif = JSON.parse((await runMain(['scan', `${FIX}/web`, '--format', 'sarif'])).stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    const privileged = sarif.runs[0]!.results.find((r) => r.ruleId === 'k8s/privileged')!;
    const loc = privileged.locations[0]!.physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'values.yaml');
    assert.deepEqual([loc.region.startLine, loc.region.startColumn], [5, 3]);
  });
  it('reports a chart that does not render on its template line, and a library chart as nothing', async () => {
    const results = (await jsonResults([`${FIX}/broken`, `${FIX}/lib`])).map(place);
    assert.deepEqual(results, [`helm/render-error ${FIX}/broken/templates/pod.yaml:4:12-4:13`]);
    const run = await runMain(['scan', `${FIX}/broken`, '--fail-on', 'warning']);
    assert.match(run.stdout, /name is required/);
    assert.equal(run.code, 1);
  });
});

describe('bollwerk scan: .bollwerk.yaml helm section', () => {
  it('renders a chart with the configured values files and set, and reports a value at the -f file line', async () => {
    const chart = {
      'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'app/values.yaml': 'privileged: false\nnetwork: false\n',
      'app/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  hostNetwork: {{ .Values.network }}\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: {{ .Values.privileged }}\n',
      'env/prod.yaml': '# production\nprivileged: true\n',
      '.bollwerk.yaml': 'helm:\n  app:\n    valuesFiles: [env/prod.yaml]\n    set: [network=true]\n    releaseName: shop\n',
    };
    const dir = workspace(chart);
    const run = await runMain(['scan', '.', '--format', 'json'], { cwd: dir });
    const results = (JSON.parse(run.stdout) as { results: JsonResult[] }).results.map(place);
    assert.ok(results.includes('k8s/privileged env/prod.yaml:2:1-2:11'), results.join('\n'));
    // a --set value has no file line: it stays on the template line that printed it
    assert.ok(results.includes('k8s/host-namespaces app/templates/pod.yaml:6:16-6:20'), results.join('\n'));
  });
});
