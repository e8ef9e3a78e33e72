import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chooseFixes } from '../../cli/src/fix';
import { allRules, lintText } from '../../shared/src/lint';
import type { Result } from '../../shared/src/types';
import { runMain, sampleCopy, workspace } from './helpers';

/** A configuration that runs only the given rules. */
function only(ids: readonly string[]): string {
  const lines = allRules().map((r) => `  ${r.id}: ${ids.includes(r.id) ? r.severity : 'off'}`);
  return `rules:\n${lines.join('\n')}\n`;
}

const DOCKERFILE = '# app image\r\nFROM alpine:3.20\r\nADD app /app\r\nADD conf /etc/conf\r\nCMD /app/run --port 8080\r\n';
const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: a:1
      securityContext:
        allowPrivilegeEscalation: true # keep this comment
`;

describe('--fix', () => {
  it('applies the enabled rules\' fixes exactly, keeps CRLF and comments, writes only changed files', async () => {
    const dir = workspace({
      '.bollwerk.yaml': only(['dockerfile/prefer-copy', 'dockerfile/exec-form', 'k8s/allow-privilege-escalation']),
      'Dockerfile': DOCKERFILE,
      'pod.yaml': MANIFEST,
      'clean.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    });
    const before = statSync(join(dir, 'clean.yaml')).mtimeMs;
    const r = await runMain([dir, '--fix']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^fixed 4 problems in 2 files\n/);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), '# app image\r\nFROM alpine:3.20\r\nCOPY app /app\r\nCOPY conf /etc/conf\r\nCMD ["/app/run", "--port", "8080"]\r\n');
    assert.equal(readFileSync(join(dir, 'pod.yaml'), 'utf8'), MANIFEST.replace('allowPrivilegeEscalation: true', 'allowPrivilegeEscalation: false'));
    assert.equal(statSync(join(dir, 'clean.yaml')).mtimeMs, before, 'an unchanged file is not written');
    assert.match(r.stdout, /✔ no problems/);
    const again = await runMain([dir, '--fix']);
    assert.match(again.stdout, /^fixed 0 problems in 0 files\n/);
  });
  it('keeps a byte order mark', async () => {
    const dir = workspace({ '.bollwerk.yaml': only(['dockerfile/prefer-copy']), 'Dockerfile': '\ufeffFROM alpine:3.20\nADD a /a\n' });
    await runMain([dir, '--fix']);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), '\ufeffFROM alpine:3.20\nCOPY a /a\n');
  });
  it('over the whole catalogue: the sample reaches a fixed point, every file still parses, the second run changes nothing', async () => {
    const dir = sampleCopy();
    const first = await runMain([dir, '--fix', '--format', 'json']);
    const report = JSON.parse(first.stdout) as { summary: { fixed: number }; results: { fixAvailable: boolean; ruleId: string }[] };
    assert.ok(report.summary.fixed > 0);
    assert.match(first.stderr, new RegExp(`^bollwerk: fixed ${report.summary.fixed} problems in [1-3] files\\n$`));
    assert.deepEqual(report.results.filter((x) => x.fixAvailable).map((x) => x.ruleId), [], 'no fixable finding remains');
    const snapshot = ['Dockerfile', 'compose.yaml', 'deployment.yaml', 'requirements.txt'].map((f) => readFileSync(join(dir, f), 'utf8'));
    assert.equal(snapshot[3], 'Flask==3.0.3\n');
    for (const f of ['compose.yaml', 'deployment.yaml']) {
      const lint = lintText(`file://${join(dir, f)}`, readFileSync(join(dir, f), 'utf8'));
      assert.deepEqual(lint.results.filter((x) => x.ruleId === 'bollwerk/parse-error'), [], `${f} still parses`);
    }
    const second = await runMain([dir, '--fix', '--format', 'json']);
    assert.equal((JSON.parse(second.stdout) as { summary: { fixed: number } }).summary.fixed, 0);
    assert.deepEqual(['Dockerfile', 'compose.yaml', 'deployment.yaml', 'requirements.txt'].map((f) => readFileSync(join(dir, f), 'utf8')), snapshot);
  });
  it('without --fix nothing is written', async () => {
    const dir = sampleCopy();
    const before = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    await runMain([dir]);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), before);
  });
});

describe('chooseFixes', () => {
  const result = (line: number, from: number, to: number): Result => ({
    ruleId: 'r',
    uri: 'u',
    severity: 'warning',
    range: { start: { line, character: from }, end: { line, character: to } },
    message: { en: '', de: '' },
    fix: { title: { en: '', de: '' }, edits: [{ range: { start: { line, character: from }, end: { line, character: to } }, newText: 'x' }] },
  });
  it('takes whole fixes whose edits overlap none taken before', () => {
    const picked = chooseFixes([result(0, 0, 3), result(0, 2, 5), result(1, 0, 1), { ...result(2, 0, 0), fix: undefined } as Result]);
    assert.equal(picked.count, 2);
    assert.deepEqual(picked.edits.map((e) => e.range.start.line), [0, 1]);
  });
});
