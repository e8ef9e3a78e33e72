// Test data: directory scans skip test-data folders and say how many files they skipped and how
// to include them; a path named on the command line is checked whatever its folder.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { findFiles } from '../../host/src/workspace/walk';
import { runMain, workspace } from './helpers';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "a:1", securityContext: {privileged: true}}]\n';
const DOCKERFILE = 'FROM alpine:3.20\nADD app /app\n';

const tree = (): string =>
  workspace({
    'deploy/pod.yaml': POD,
    'Dockerfile': DOCKERFILE,
    'test/fixtures/bad/pod.yaml': POD,
    'pkg/linter/testdata/Dockerfile': DOCKERFILE,
    'web/__tests__/compose.yaml': 'services:\n  a:\n    image: a:1\n    privileged: true\n',
    'tests/README.md': '# not a candidate\n',
    'contest/pod.yaml': POD,
    'fixtures.yaml': POD,
  });

const rel = (dir: string, files: readonly string[]): string[] => files.map((f) => f.slice(dir.length + 1));

describe('test data in directory scans', () => {
  it('findFiles sets aside the candidates below test-data folders (at any depth), not folders that only contain the word', () => {
    const dir = tree();
    const found = findFiles([dir], { testDataPaths: DEFAULT_CONFIG.testDataPaths });
    assert.deepEqual(rel(dir, found.files), ['Dockerfile', 'contest/pod.yaml', 'deploy/pod.yaml', 'fixtures.yaml']);
    assert.deepEqual(rel(dir, found.testData), ['pkg/linter/testdata/Dockerfile', 'test/fixtures/bad/pod.yaml', 'web/__tests__/compose.yaml']);
    assert.deepEqual(findFiles([dir]).testData, [], 'without patterns nothing is test data');
  });

  it('patterns are relative to the scanned directory: a test-data folder named as the root is checked', () => {
    const dir = tree();
    const found = findFiles([join(dir, 'test/fixtures')], { testDataPaths: DEFAULT_CONFIG.testDataPaths });
    assert.deepEqual(rel(dir, found.files), ['test/fixtures/bad/pod.yaml']);
    assert.deepEqual(found.testData, []);
  });

  it('the text report says how many files were skipped as test data and how to include them', async () => {
    const dir = tree();
    const r = await runMain(['--fail-on', 'never', '.'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /test\/fixtures|testdata|__tests__/);
    assert.match(r.stdout, /\n3 files in test-data folders \(test\/, fixtures\/ …\) not checked; check them with --include-test-data or testDataPaths: \[\] in \.bollwerk\.yaml\n$/);
    const de = await runMain(['--fail-on', 'never', '--lang', 'de', '.'], { cwd: dir });
    assert.match(de.stdout, /3 Dateien in Testdaten-Ordnern \(test\/, fixtures\/ …\) nicht geprüft; mit --include-test-data/);
  });

  it('JSON and SARIF carry the count and the way to include them', async () => {
    const dir = tree();
    const json = JSON.parse((await runMain(['--fail-on', 'never', '--format', 'json', '.'], { cwd: dir })).stdout) as { summary: { filesChecked: number; filesSkippedAsTestData: number }; notes: { code: string; message: string }[] };
    assert.equal(json.summary.filesChecked, 4);
    assert.equal(json.summary.filesSkippedAsTestData, 3);
    assert.match(json.notes.find((n) => n.code === 'test-data')?.message ?? '', /--include-test-data/);
    const sarif = JSON.parse((await runMain(['--fail-on', 'never', '--format', 'sarif', '.'], { cwd: dir })).stdout) as { runs: { invocations: { toolExecutionNotifications: { descriptor: { id: string }; message: { text: string } }[] }[]; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const note = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.find((n) => n.descriptor.id === 'test-data');
    assert.match(note?.message.text ?? '', /^3 files in test-data folders/);
    assert.ok(sarif.runs[0]!.results.every((x) => !/test|__tests__/.test(x.locations[0]!.physicalLocation.artifactLocation.uri.replace('contest', ''))));
  });

  it('--include-test-data and testDataPaths: [] check them; custom patterns replace the defaults', async () => {
    const dir = tree();
    const summary = async (args: string[], cwd = dir): Promise<{ filesChecked: number; filesSkippedAsTestData: number }> =>
      (JSON.parse((await runMain(['--fail-on', 'never', '--format', 'json', ...args], { cwd })).stdout) as { summary: { filesChecked: number; filesSkippedAsTestData: number } }).summary;
    const all = await summary(['--include-test-data', '.']);
    assert.equal(all.filesChecked, 7);
    assert.equal(all.filesSkippedAsTestData, 0);
    const empty = workspace({ '.bollwerk.yaml': 'testDataPaths: []\n', 'test/pod.yaml': POD });
    assert.equal((await summary(['.'], empty)).filesChecked, 1);
    const custom = workspace({ '.bollwerk.yaml': 'testDataPaths: [examples/, "*.sample.yaml"]\n', 'test/pod.yaml': POD, 'examples/pod.yaml': POD, 'pod.sample.yaml': POD });
    const s = await summary(['.'], custom);
    assert.equal(s.filesChecked, 1);
    assert.equal(s.filesSkippedAsTestData, 2);
  });

  it('a file named on the command line is checked even below a test-data folder', async () => {
    const dir = tree();
    const r = await runMain(['--fail-on', 'never', '--format', 'json', 'test/fixtures/bad/pod.yaml'], { cwd: dir });
    const json = JSON.parse(r.stdout) as { summary: { filesChecked: number; filesSkippedAsTestData: number }; results: { ruleId: string }[] };
    assert.equal(json.summary.filesChecked, 1);
    assert.equal(json.summary.filesSkippedAsTestData, 0);
    assert.ok(json.results.some((x) => x.ruleId === 'k8s/privileged'));
  });

  it('--fix leaves test data as it is', async () => {
    const dir = tree();
    await runMain(['--fix', '--fail-on', 'never', '.'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'pkg/linter/testdata/Dockerfile'), 'utf8'), DOCKERFILE);
    assert.notEqual(readFileSync(join(dir, 'Dockerfile'), 'utf8'), DOCKERFILE, 'the Dockerfile outside test data was fixed');
  });

  it('rejects a malformed testDataPaths and a value for --include-test-data', async () => {
    const bad = workspace({ '.bollwerk.yaml': 'testDataPaths: test/\n', 'pod.yaml': POD });
    const r = await runMain(['.'], { cwd: bad });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /testDataPaths/);
    const v = await runMain(['--include-test-data=yes', '.'], { cwd: bad });
    assert.equal(v.code, 2);
    assert.match(v.stderr, /option --include-test-data takes no value/);
  });
});
