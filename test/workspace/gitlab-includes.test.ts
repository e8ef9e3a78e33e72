import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { gitlabLocalIncludes, includeMatcher, MAX_INCLUDE_DEPTH } from '../../shared/src/parse/gitlab-include';
import { gitlabIncludedFiles } from '../../host/src/workspace/gitlab-includes';
import { lintFile, scanWorkspace } from '../../host/src/workspace/scan';
import { lintAll } from '../../host/src/workspace/pool';
import { findFiles } from '../../host/src/workspace/walk';
import { withoutParsed, type FileReport } from '../../shared/src/lint';

const repo = join(__dirname, '..', '..');
const FIXTURE = join(repo, 'test/fixtures/gitlab-include');

describe('GitLab local includes', () => {
  const cases: [string, string, string[]][] = [
    ['short form', "include: 'ci/build.yml'\n", ['ci/build.yml']],
    ['list of strings; a URL is remote', "include:\n  - ci/a.yml\n  - /ci/b.yaml\n  - https://example.com/c.yml\n", ['ci/a.yml', 'ci/b.yaml']],
    ['map form', 'include:\n  local: ./ci/a.yml\n', ['ci/a.yml']],
    ['list of maps; remote, project, template and component left out', "include:\n  - local: ci/a.yml\n  - remote: https://x/y.yml\n  - project: g/p\n    file: /t.yml\n  - template: Auto-DevOps.gitlab-ci.yml\n  - component: $CI_SERVER_FQDN/g/c@1\n", ['ci/a.yml']],
    ['a wildcard is kept; `..` inside the project resolved', "include:\n  - local: 'ci/**/*.yml'\n  - local: ci/x/../b.yml\n", ['ci/**/*.yml', 'ci/b.yml']],
    ['leaving the project, a variable, a non-YAML name', "include:\n  - local: ../up.yml\n  - local: ci/$X.yml\n  - local: ci/readme.md\n", []],
    ['no include key; text that does not parse', 'job:\n  script: [echo]\n', []],
    ['a broken file', 'include: [\n', []],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.deepEqual(gitlabLocalIncludes(text), expected));

  it('matches wildcards as GitLab does: `*` within a folder, `**` across folders', () => {
    const one = includeMatcher('ci/*.yml');
    assert.equal(one('ci/a.yml'), true);
    assert.equal(one('ci/x/a.yml'), false);
    const any = includeMatcher('ci/**/*.yml');
    assert.equal(any('ci/a.yml'), true);
    assert.equal(any('ci/x/y/a.yml'), true);
    assert.equal(any('other/a.yml'), false);
    assert.equal(includeMatcher('ci/a.yml')('ci/a.yml'), true);
    assert.equal(includeMatcher('ci/a.yml')('ci/aXyml'), false);
  });

  it('follows includes transitively, reads each file once through a cycle, and stops at the depth bound', () => {
    const files = ['/p/.gitlab-ci.yml', ...Array.from({ length: MAX_INCLUDE_DEPTH + 5 }, (_, i) => `/p/ci/${i}.yml`)];
    const reads = new Map<string, number>();
    const text = (path: string): string => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      if (path === '/p/.gitlab-ci.yml') return 'include: ci/0.yml\n';
      const n = Number(/(\d+)\.yml$/.exec(path)![1]);
      // each file includes the next and the first (a cycle)
      return `include:\n  - ci/${n + 1}.yml\n  - ci/0.yml\n`;
    };
    const included = gitlabIncludedFiles(files, text);
    assert.equal(included.size, MAX_INCLUDE_DEPTH);
    assert.ok(included.has('/p/ci/0.yml') && included.has(`/p/ci/${MAX_INCLUDE_DEPTH - 1}.yml`) && !included.has(`/p/ci/${MAX_INCLUDE_DEPTH}.yml`));
    assert.ok([...reads.values()].every((n) => n === 1));
  });

  it('counts only the files the walk found, relative to the folder of each .gitlab-ci.yml', () => {
    const files = ['/p/.gitlab-ci.yml', '/p/ci/a.yml', '/q/.gitlab-ci.yml', '/q/ci/b.yml'];
    const texts: Record<string, string> = { '/p/.gitlab-ci.yml': 'include: [ci/a.yml, ci/ignored.yml, ci/b.yml]\n', '/q/.gitlab-ci.yml': 'include: ci/b.yml\n' };
    assert.deepEqual([...gitlabIncludedFiles(files, (p) => texts[p] ?? '')].sort(), ['/p/ci/a.yml', '/q/ci/b.yml']);
    assert.equal(gitlabIncludedFiles(['/p/ci/a.yml'], () => 'include: ci/a.yml\n').size, 0);
  });
});

describe('GitLab includes on worker threads', () => {
  let dir = '';
  let workerScript = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-worker-'));
    workerScript = join(dir, 'scan-worker.js');
    await build({ entryPoints: [join(repo, 'host/src/workspace/worker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a worker lints the included files as pipelines as this thread does', () => {
    const inThread = scanWorkspace([FIXTURE], DEFAULT_CONFIG, { threads: 0 });
    // this thread holds on to its first file long enough for the worker to claim the others
    const files = findFiles([FIXTURE], {}).files;
    const pipelines = gitlabIncludedFiles(files, (p) => readFileSync(p, 'utf8'));
    let first = true;
    const lint = (p: string): FileReport => {
      if (first) {
        first = false;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
      }
      return withoutParsed(lintFile(p, DEFAULT_CONFIG, undefined, undefined, undefined, pipelines.has(p) ? 'pipeline' : undefined));
    };
    const onWorker = lintAll(files, DEFAULT_CONFIG, lint, { threads: 1, workerScript, pipelines: [...pipelines] });
    const kinds = (reports: readonly FileReport[]): string[] => reports.map((x) => `${x.uri.slice(x.uri.indexOf('gitlab-include/') + 15)}:${x.kind ?? '-'}:${x.results.length}`).sort();
    assert.deepEqual(kinds(onWorker), kinds(inThread.reports));
    assert.deepEqual(kinds(inThread.reports).filter((k) => k.includes(':pipeline:')).map((k) => k.split(':')[0]), ['.gitlab-ci.yml', 'ci/build.yml', 'ci/extra/lint.yml', 'ci/nested.yml']);
  });
});
