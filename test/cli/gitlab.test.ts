import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { runMain, SAMPLE, workspace } from './helpers';

/** The Code Quality format's schema, written from GitLab's documentation (see the fixture's description). */
const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(join(__dirname, '../fixtures/cli/gitlab-code-quality.schema.json'), 'utf8')) as object);

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

async function gitlab(args: string[], cwd?: string): Promise<{ code: number; issues: Issue[] }> {
  const r = await runMain([...args, '--format', 'gitlab'], cwd ? { cwd } : {});
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return { code: r.code, issues: JSON.parse(r.stdout) as Issue[] };
}

describe('GitLab Code Quality output', () => {
  it('validates against the format schema over the sample, one issue per finding', async () => {
    const { issues } = await gitlab([SAMPLE, '--fail-on', 'never']);
    assert.ok(issues.length > 10);
    assert.ok(validate(issues), JSON.stringify(validate.errors?.slice(0, 3)));
    const json = JSON.parse((await runMain([SAMPLE, '--format', 'json', '--fail-on', 'never'])).stdout) as { results: unknown[] };
    assert.equal(issues.length, json.results.length);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  });

  it('maps severities, lines and paths relative to the working directory', async () => {
    const dir = workspace({ 'app/Dockerfile': 'FROM alpine:3.20\nUSER root\nRUN curl https://x | sh\n' });
    const { code, issues } = await gitlab(['app'], dir);
    assert.equal(code, 1);
    const pipe = issues.find((i) => i.check_name === 'dockerfile/no-pipe-to-shell');
    assert.deepEqual(pipe?.location, { path: 'app/Dockerfile', lines: { begin: 3, end: 3 } });
    assert.equal(pipe?.severity, 'critical');
    assert.match(pipe!.description, /\(dockerfile\/no-pipe-to-shell\)$/);
    const health = issues.find((i) => i.check_name === 'dockerfile/healthcheck');
    assert.equal(health?.severity, 'info');
    assert.ok(validate(issues));
  });

  it('keeps a fingerprint when the finding moves down the file', async () => {
    const a = await gitlab(['.'], workspace({ Dockerfile: 'FROM alpine:3.20\nRUN curl https://x | sh\n' }));
    const b = await gitlab(['.'], workspace({ Dockerfile: '# moved\n\nFROM alpine:3.20\nRUN echo hi\nRUN curl https://x | sh\n' }));
    const fp = (issues: Issue[]) => issues.find((i) => i.check_name === 'dockerfile/no-pipe-to-shell')?.fingerprint;
    assert.ok(fp(a.issues));
    assert.equal(fp(a.issues), fp(b.issues));
  });

  it('writes German descriptions with --lang de and an empty array when clean', async () => {
    const de = await gitlab(['.', '--lang', 'de'], workspace({ Dockerfile: 'FROM alpine:3.20\nRUN curl https://x | sh\n' }));
    assert.match(de.issues.find((i) => i.check_name === 'dockerfile/no-pipe-to-shell')!.description, /Skript|heruntergeladen/i);
    const clean = await runMain(['.', '--format', 'gitlab'], { cwd: workspace({ 'notes.txt': 'x' }) });
    assert.equal(clean.code, 0);
    assert.deepEqual(JSON.parse(clean.stdout), []);
  });
});

describe('GitLab job template (docs/gitlab-ci.yml)', () => {
  it('writes the Code Quality report to the file the job declares as its codequality report', async () => {
    const { parse } = await import('yaml');
    const job = (parse(readFileSync(join(__dirname, '../../docs/gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; artifacts: { reports: { codequality: string } } }>).bollwerk!;
    const report = job.script.find((l) => l.includes('--format gitlab'));
    assert.ok(report);
    assert.ok(report.includes(`--output ${job.artifacts.reports.codequality}`));
    assert.ok(job.script.some((l) => /--fail-on "\$BOLLWERK_FAIL_ON"/.test(l)));
  });
});
