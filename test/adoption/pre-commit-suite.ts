// The pre-commit hooks of .pre-commit-hooks.yaml, run by Debian's pre-commit with `try-repo`
// against this repository in a throw-away git repository with staged files. The `bollwerk-system`
// hook runs the bollwerk installed globally from the packed tarball (the `bollwerk` hook would
// have pre-commit install the package with its build tools from the registry).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT, tempDir } from '../cli/helpers';
import { npm, npmEnv, packOnce } from './pack';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
}
const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

describe('pre-commit hooks (.pre-commit-hooks.yaml)', { timeout: 180_000 }, () => {
  let env: NodeJS.ProcessEnv = {};
  let bin = '';
  before(() => {
    const prefix = tempDir('bollwerk-hook-global-');
    npm(['install', '-g', '--prefix', prefix, packOnce()], prefix);
    bin = join(prefix, 'bin');
    env = { ...npmEnv(), PATH: `${bin}:${process.env.PATH ?? ''}`, PRE_COMMIT_HOME: tempDir('bollwerk-pre-commit-home-'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  });

  const git = (args: string[], cwd: string): void => {
    const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  const project = (files: Record<string, string>): string => {
    const dir = tempDir('bollwerk-hook-project-');
    git(['init', '-q'], dir);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  };
  const tryRepo = (dir: string) => spawnSync('pre-commit', ['try-repo', ROOT, 'bollwerk-system', '--color', 'never'], { cwd: dir, env, encoding: 'utf8' });

  it('both hooks run bollwerk scan on the kinds of files bollwerk checks', () => {
    assert.deepEqual(hooks.map((h) => [h.id, h.language, h.entry]), [['bollwerk', 'node', 'bollwerk scan --fail-on error'], ['bollwerk-system', 'system', 'bollwerk scan --fail-on error']]);
    const files = new RegExp(hooks[0]!.files);
    for (const f of ['Dockerfile', 'app/Dockerfile.prod', 'Containerfile', 'web.dockerfile', 'compose.yaml', 'k8s/deploy.yml', 'charts/web/templates/deployment.yaml', 'charts/web/Chart.yaml', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'kustomization.yaml', 'list.json']) assert.ok(files.test(f), f);
    for (const f of ['README.md', 'main.go', 'Dockerfile.md/x.txt', 'DockerfileLint.ts']) assert.ok(!files.test(f), f);
  });

  it('fails on a staged Dockerfile with an error and names the finding', () => {
    const dir = project({ 'app/Dockerfile': 'FROM alpine:3.20\nRUN curl https://x | sh\n', 'README.md': 'x\n' });
    git(['add', '.'], dir);
    const r = tryRepo(dir);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /bollwerk \(container security, installed bollwerk\)\.+Failed/);
    assert.match(r.stdout, /app\/Dockerfile:2:\d+ +error +dockerfile\/no-pipe-to-shell/);
  });

  it('passes staged files without errors and leaves unstaged files alone', () => {
    const dir = project({ 'k8s/pod.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n', 'package.json': '{"name":"x"}\n' });
    git(['add', '.'], dir);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN curl https://x | sh\n');
    const r = tryRepo(dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Passed/);
  });

  it('checks one file well under a second (the figure is printed)', () => {
    const dir = project({ Dockerfile: 'FROM alpine:3.20\nUSER app\nRUN echo hi\n' });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      const r = spawnSync(join(bin, 'bollwerk'), ['scan', '--fail-on', 'error', 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      assert.equal(r.status, 0, r.stderr);
    }
    const median = times.sort((a, b) => a - b)[2]!;
    console.log(`bollwerk scan of one Dockerfile from the global install: median ${median.toFixed(0)} ms of 5 runs`);
    assert.ok(median < 1000, `${median} ms`);
  });
});
