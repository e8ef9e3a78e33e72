// The GitHub Action's steps run locally: each `run:` script of action.yml is executed with bash,
// its env built from the inputs (defaults from action.yml), GITHUB_OUTPUT a temp file, and bollwerk
// installed by npx from the packed tarball (offline).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT, runMain, tempDir, workspace } from '../cli/helpers';
import { npmEnv, packOnce } from './pack';

interface Step {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  run?: string;
  shell?: string;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** Replaces `${{ inputs.x }}` and `${{ steps.id.outputs.y }}`; anything else fails the test. */
function expand(value: string, inputs: Record<string, string>, outputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return inputs[input[1]!] ?? action.inputs[input[1]!]!.default;
    const out = /^steps\.scan\.outputs\.([\w-]+)$/.exec(expr);
    if (out) return outputs[out[1]!] ?? '';
    throw new Error(`unexpected expression ${expr}`);
  });
}

/** Runs one `run:` step; returns its exit code and what it wrote to GITHUB_OUTPUT. */
function runStep(step: Step, inputs: Record<string, string>, outputs: Record<string, string>, cwd: string): { code: number | null; stdout: string; outputs: Record<string, string> } {
  const outFile = join(tempDir('bollwerk-gh-'), 'output');
  writeFileSync(outFile, '');
  const env: NodeJS.ProcessEnv = { ...npmEnv(), GITHUB_OUTPUT: outFile };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs, outputs);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step.run!], { cwd, env, encoding: 'utf8' });
  const written = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { code: r.status, stdout: r.stdout + r.stderr, outputs: written };
}

/** Runs the action's steps as GitHub would (the upload step is only checked, not run). */
function runAction(inputs: Record<string, string>, cwd: string): { failed: boolean; outputs: Record<string, string>; log: string; uploaded: boolean } {
  let outputs: Record<string, string> = {};
  let log = '';
  let uploaded = false;
  for (const step of action.runs.steps) {
    if (step.uses) {
      // if: always() && inputs.upload == 'true' && steps.scan.outputs.sarif-file != ''
      uploaded = (inputs.upload ?? action.inputs.upload!.default) === 'true' && (outputs['sarif-file'] ?? '') !== '';
      continue;
    }
    if (step.if !== undefined) {
      assert.equal(step.if, "${{ steps.scan.outputs.exit-code == '1' }}");
      if (outputs['exit-code'] !== '1') continue;
    }
    const r = runStep(step, inputs, outputs, cwd);
    log += r.stdout;
    outputs = { ...outputs, ...r.outputs };
    if (r.code !== 0) return { failed: true, outputs, log, uploaded };
  }
  return { failed: false, outputs, log, uploaded };
}

const DOCKERFILE = 'FROM alpine:3.20\nRUN curl https://x | sh\n';

describe('GitHub Action (action.yml)', { timeout: 180_000 }, () => {
  let version = '';
  before(() => {
    version = packOnce();
  });

  it('is a composite action that uploads SARIF with codeql-action', () => {
    assert.equal(action.runs.using, 'composite');
    const upload = action.runs.steps.find((s) => s.uses);
    assert.match(upload!.uses!, /^github\/codeql-action\/upload-sarif@v\d+$/);
    assert.equal(upload!.with!.sarif_file, '${{ steps.scan.outputs.sarif-file }}');
    // inputs reach scripts only through env, never spliced into the script
    for (const s of action.runs.steps) assert.doesNotMatch(s.run ?? '', /\$\{\{/);
    assert.match(readFileSync(join(ROOT, 'README.md'), 'utf8'), /security-events: write/);
  });

  it('writes SARIF and fails the job on findings at the threshold, after the upload', () => {
    const dir = workspace({ 'app/Dockerfile': DOCKERFILE, 'other/Dockerfile': 'FROM alpine:3.20\nUSER root\n' });
    const r = runAction({ paths: 'app', version }, dir);
    assert.equal(r.failed, true, r.log);
    assert.equal(r.outputs['exit-code'], '1');
    assert.equal(r.uploaded, true);
    assert.match(r.log, /::error::bollwerk found problems at or above 'error'/);
    const sarif = JSON.parse(readFileSync(join(dir, 'bollwerk.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const files = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    assert.ok(sarif.runs[0]!.results.some((x) => x.ruleId === 'dockerfile/no-pipe-to-shell'));
    assert.deepEqual([...files].filter((f) => f.includes('other')), []);
  });

  it('passes below the threshold and with a baseline that holds every finding', async () => {
    const dir = workspace({ Dockerfile: DOCKERFILE });
    const never = runAction({ version, 'fail-on': 'never', 'sarif-file': 'out/b.sarif', upload: 'false' }, dir);
    assert.equal(never.failed, false, never.log);
    assert.equal(never.uploaded, false);
    assert.ok(readFileSync(join(dir, 'out/b.sarif'), 'utf8').includes('no-pipe-to-shell'));
    assert.equal((await runMain(['baseline', '.'], { cwd: dir })).code, 0);
    const base = runAction({ version, baseline: '.bollwerk-baseline.json', paths: '.\n' }, dir);
    assert.equal(base.failed, false, base.log);
    assert.equal(base.outputs['exit-code'], '0');
    assert.deepEqual((JSON.parse(readFileSync(join(dir, 'bollwerk.sarif'), 'utf8')) as { runs: { results: unknown[] }[] }).runs[0]!.results, []);
  });

  it('stops with a message on a bad threshold or a missing path, and treats inputs as data', () => {
    const dir = workspace({ Dockerfile: DOCKERFILE });
    const bad = runAction({ version, 'fail-on': 'sometimes' }, dir);
    assert.equal(bad.failed, true);
    assert.match(bad.log, /fail-on must be error, warning, info or never/);
    const missing = runAction({ version, paths: 'nope $(touch pwned)' }, dir);
    assert.equal(missing.failed, true);
    assert.equal(missing.outputs['exit-code'], '2');
    assert.match(missing.log, /path not found: nope/);
    assert.equal(spawnSync('test', ['-e', join(dir, 'pwned')]).status, 1);
  });
});
