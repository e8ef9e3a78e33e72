import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyBaseline, parseBaseline, serialiseBaseline } from '../../shared/src/baseline/file';
import { fingerprintFile } from '../../shared/src/baseline/fingerprint';
import type { Result } from '../../shared/src/types';
import { runMain, workspace } from './helpers';

const DOCKERFILE = 'FROM ubuntu:22.04\nRUN curl https://x | sh\nUSER root\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';

const result = (ruleId: string, line: number, start: number, end: number): Result => ({
  ruleId,
  uri: 'file:///w/x',
  severity: 'error',
  range: { start: { line, character: start }, end: { line, character: end } },
  message: { en: 'm', de: 'm' },
});

async function ids(dir: string, args: string[] = []): Promise<{ code: number; rules: string[]; stderr: string }> {
  const r = await runMain(['scan', '.', '--format', 'json', ...args], { cwd: dir });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return { code: r.code, rules: (JSON.parse(r.stdout) as { results: { ruleId: string }[] }).results.map((x) => x.ruleId), stderr: r.stderr };
}

describe('fingerprints', () => {
  it('ignore line moves, indentation and edits elsewhere; change with rule, file, key path and snippet', () => {
    const a = fingerprintFile('pod.yaml', POD, [result('k8s/privileged', 9, 8, 24)])[0]!;
    const moved = `# comment\n${POD.replace('kind: Pod', 'kind: Pod\n# another').replace('privileged: true', 'privileged:   true')}`;
    const b = fingerprintFile('pod.yaml', moved, [result('k8s/privileged', 11, 8, 26)])[0]!;
    assert.equal(a.fingerprint, b.fingerprint);
    assert.equal(a.object, 'Pod//p');
    assert.equal(a.path, 'spec.containers[name=web].securityContext.privileged');
    assert.notEqual(fingerprintFile('other.yaml', POD, [result('k8s/privileged', 9, 8, 24)])[0]!.fingerprint, a.fingerprint);
    assert.notEqual(fingerprintFile('pod.yaml', POD, [result('k8s/host-pid', 9, 8, 24)])[0]!.fingerprint, a.fingerprint);
    const renamed = fingerprintFile('pod.yaml', POD.replace('name: p\n', 'name: q\n'), [result('k8s/privileged', 9, 8, 24)])[0]!;
    assert.notEqual(renamed.fingerprint, a.fingerprint);
  });

  it('numbers equal findings so that each has its own fingerprint', () => {
    const text = 'FROM a:1\nRUN curl x | sh\nRUN curl x | sh\n';
    const two = fingerprintFile('Dockerfile', text, [result('r', 1, 0, 15), result('r', 2, 0, 15)]);
    assert.equal(new Set(two.map((f) => f.fingerprint)).size, 2);
    assert.equal(two[0]!.path, 'RUN');
  });
});

describe('baseline file', () => {
  it('serialises sorted, one entry per line, and parses back', () => {
    const found = fingerprintFile('Dockerfile', 'FROM a:1\nUSER root\n', [result('z/rule', 1, 0, 9), result('a/rule', 0, 0, 8)]);
    const text = serialiseBaseline({ entries: found });
    assert.match(text, /^\{\n {2}"version": 1,\n {2}"entries": \[\n {4}\{"fingerprint":"[0-9a-f]{32}","ruleId":"a\/rule"/);
    const parsed = parseBaseline(text);
    assert.ok('baseline' in parsed);
    assert.equal(serialiseBaseline(parsed.baseline), text);
    assert.deepEqual(applyBaseline(found, parsed.baseline).fresh, []);
  });

  it('rejects broken files with a message', () => {
    assert.match((parseBaseline('{') as { problem: string }).problem, /not valid JSON/);
    assert.match((parseBaseline('{"version":2,"entries":[]}') as { problem: string }).problem, /version 1/);
    assert.match((parseBaseline('{"version":1,"entries":[{"fingerprint":"x"}]}') as { problem: string }).problem, /entry 1/);
  });
});

describe('bollwerk baseline and scan --baseline', () => {
  it('records today\'s findings; a scan with the baseline reports only new ones, after the old ones moved', async () => {
    const dir = workspace({ Dockerfile: DOCKERFILE, 'k8s/pod.yaml': POD });
    const before = await ids(dir);
    assert.ok(before.rules.length > 5);
    const w = await runMain(['baseline', '.', '--output', '.bollwerk-baseline.json'], { cwd: dir });
    assert.equal(w.code, 0, w.stderr);
    const file = readFileSync(join(dir, '.bollwerk-baseline.json'), 'utf8');
    assert.equal(JSON.parse(file).entries.length, before.rules.length);
    assert.doesNotMatch(file, /curl/, 'no snippet text is stored');
    const clean = await ids(dir, ['--baseline', '.bollwerk-baseline.json']);
    assert.deepEqual(clean.rules, []);
    assert.equal(clean.code, 0);
    assert.match(clean.stderr, new RegExp(`${before.rules.length} findings in the baseline not reported`));
    writeFileSync(join(dir, 'Dockerfile'), `# top\n\n${DOCKERFILE.replace('USER root', 'USER  root\nRUN wget -qO- https://y | bash')}`);
    const after = await ids(dir, ['--baseline', '.bollwerk-baseline.json']);
    assert.deepEqual(after.rules, ['dockerfile/no-pipe-to-shell']);
    assert.equal(after.code, 1);
    // writing it again is stable
    await runMain(['baseline', '.', '--output', '.bollwerk-baseline.json'], { cwd: dir });
    const again = readFileSync(join(dir, '.bollwerk-baseline.json'), 'utf8');
    await runMain(['baseline', '.', '--output', '.bollwerk-baseline.json'], { cwd: dir });
    assert.equal(readFileSync(join(dir, '.bollwerk-baseline.json'), 'utf8'), again);
  });

  it('honours baseline: in .bollwerk.yaml, relative to the configuration', async () => {
    const dir = workspace({ 'sub/Dockerfile': DOCKERFILE, '.bollwerk.yaml': 'baseline: ci/base.json\n' });
    assert.equal((await runMain(['baseline', '.'], { cwd: dir })).code, 0);
    assert.ok(readFileSync(join(dir, 'ci/base.json'), 'utf8').includes('"file":"../sub/Dockerfile"'));
    const r = await ids(join(dir, 'sub'));
    assert.deepEqual(r.rules, []);
  });

  it('--check lists stale entries (exit 1) and rewriting drops fixed findings', async () => {
    const dir = workspace({ Dockerfile: DOCKERFILE, 'pod.yaml': POD });
    await runMain(['baseline'], { cwd: dir });
    const ok = await runMain(['baseline', '--check'], { cwd: dir });
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /^0 stale baseline entries\n$/);
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE.replace('RUN curl https://x | sh\n', ''));
    const stale = await runMain(['baseline', '--check', '--lang', 'de'], { cwd: dir });
    assert.equal(stale.code, 1);
    assert.match(stale.stdout, /^Dockerfile: dockerfile\/no-pipe-to-shell FROM ubuntu:22\.04 RUN \([0-9a-f]{32}\)\n1 veraltete Einträge in der Baseline\n$/);
    const count = JSON.parse(readFileSync(join(dir, '.bollwerk-baseline.json'), 'utf8')).entries.length;
    await runMain(['baseline'], { cwd: dir });
    assert.equal(JSON.parse(readFileSync(join(dir, '.bollwerk-baseline.json'), 'utf8')).entries.length, count - 1);
    // a baseline of one path keeps the entries of the others
    await runMain(['baseline', 'Dockerfile'], { cwd: dir });
    assert.equal(JSON.parse(readFileSync(join(dir, '.bollwerk-baseline.json'), 'utf8')).entries.length, count - 1);
  });

  it('a missing or broken baseline is a usage error', async () => {
    const dir = workspace({ Dockerfile: DOCKERFILE, 'bad.json': '[1]' });
    const missing = await runMain(['.', '--baseline', 'nope.json'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the baseline nope\.json: no such file/);
    const bad = await runMain(['.', '--baseline', 'bad.json'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid baseline bad\.json: not a baseline file/);
    assert.match((await runMain(['rules', '--check'])).stderr, /option --check does not apply to 'bollwerk rules'/);
  });
});
