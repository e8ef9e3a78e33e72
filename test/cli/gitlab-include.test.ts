import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runMain, workspace } from './helpers';

interface JsonResult {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

async function scan(args: string[], cwd?: string): Promise<{ results: JsonResult[]; filesChecked: number }> {
  const r = await runMain([...args, '--format', 'json', '--fail-on', 'never'], cwd ? { cwd } : {});
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { results: JsonResult[]; summary: { filesChecked: number } };
  return { results: report.results, filesChecked: report.summary.filesChecked };
}

const pushes = (results: JsonResult[]): string[] =>
  results.filter((x) => x.ruleId === 'ci/push-without-scan').map((x) => `${x.file}:${x.line}:${x.column}-${x.endLine}:${x.endColumn}`).sort();

describe('bollwerk scan: files a GitLab pipeline includes locally', () => {
  it('lints included files as GitLab pipelines (long, short, wildcard and nested forms, through a cycle); others stay plain', async () => {
    const { results } = await scan(['test/fixtures/gitlab-include']);
    assert.deepEqual(pushes(results), [
      'test/fixtures/gitlab-include/ci/build.yml:9:7-9:13',
      'test/fixtures/gitlab-include/ci/extra/lint.yml:4:7-4:13',
      'test/fixtures/gitlab-include/ci/nested.yml:7:7-7:13',
    ]);
    assert.ok(!results.some((x) => x.file.includes('not-included')), JSON.stringify(results.filter((x) => x.file.includes('not-included'))));
  });

  it('leaves a file plain when nothing includes it, and includes nothing from outside the project or by URL', async () => {
    const job = 'job:\n  script:\n    - docker push registry.example.com/app:1\n';
    const dir = workspace({
      'app/.gitlab-ci.yml': "include:\n  - 'https://example.com/ci/build.yml'\n  - local: '../shared/build.yml'\n  - local: 'ci/$VARIANT.yml'\n",
      'shared/build.yml': job,
      'app/ci/build.yml': job,
    });
    const { results } = await scan(['.'], dir);
    assert.deepEqual(pushes(results), []);
    const included = await scan(['.'], workspace({ '.gitlab-ci.yml': "include: 'ci/build.yml'\n", 'ci/build.yml': job }));
    assert.deepEqual(pushes(included.results), ['ci/build.yml:3:7-3:13']);
  });

  it('lints an included file of any YAML name as a pipeline', async () => {
    const dir = workspace({ '.gitlab-ci.yml': 'include:\n  - local: deploy.yaml\n', 'deploy.yaml': 'deploy:\n  script:\n    - docker push registry.example.com/app:1\n' });
    const { results } = await scan(['.'], dir);
    assert.deepEqual(pushes(results), ['deploy.yaml:3:7-3:13']);
  });
});
