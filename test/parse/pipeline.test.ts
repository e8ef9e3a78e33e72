import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind, possibleKinds } from '../../shared/src/parse/kind';
import { pipelineCommands, pipelineOf, pipelineSteps } from '../../shared/src/parse/pipeline';
import { parseYaml } from '../../shared/src/parse/yaml';

const parse = (uri: string, text: string) => pipelineOf(parseYaml(uri, text, 'pipeline'))!;

describe('pipeline kind', () => {
  it('is recognised by path', () => {
    assert.equal(detectKind('file:///r/.github/workflows/ci.yml', 'on: push\n'), 'pipeline');
    assert.equal(detectKind('file:///r/.github/workflows/release.YAML', ''), 'pipeline');
    assert.equal(detectKind('file:///r/action.yml', 'runs: {}\n'), 'pipeline');
    assert.equal(detectKind('file:///r/.gitlab-ci.yml', 'build: {script: [make]}\n'), 'pipeline');
    assert.equal(detectKind('file:///r/.github/dependabot.yml', 'version: 2\n'), undefined);
    assert.equal(detectKind('file:///r/ci/build.gitlab-ci.yml', 'build: {script: [make]}\n'), 'pipeline', 'an include by its conventional name');
    assert.equal(detectKind('file:///r/.gitlab/ci/release.yml', 'release: {script: [make]}\n'), 'pipeline', 'an include below .gitlab/ci/');
    assert.equal(detectKind('file:///r/.gitlab/agents/prod/config.yaml', 'gitops: {}\n'), undefined, 'the agent configuration is no pipeline');
    assert.equal(pipelineOf(parseYaml('file:///r/.gitlab/ci/release.yml', 'release:\n  script: [docker push app]\n', 'pipeline'))!.flavour, 'gitlab');
    assert.equal(detectKind('file:///r/workflows/ci.yml', 'on: push\n'), undefined);
    assert.deepEqual([...possibleKinds(['/r/.github/workflows/a.yml'])], ['pipeline']);
  });
});

describe('pipeline parse', () => {
  it('reads GitHub jobs, steps, inputs, run commands with their offsets and continue-on-error', () => {
    const text = 'on: [push, pull_request_target]\njobs:\n  build:\n    continue-on-error: true\n    steps:\n      - uses: actions/checkout@v4\n      - name: scan\n        uses: aquasecurity/trivy-action@0.28.0\n        with: {exit-code: "1", severity: "CRITICAL,HIGH"}\n        continue-on-error: ${{ matrix.x }}\n      - run: |\n          docker build -t x .\n          docker push x\n';
    const p = parse('file:///r/.github/workflows/ci.yml', text);
    assert.equal(p.flavour, 'github-workflow');
    assert.deepEqual(p.events, ['push', 'pull_request_target']);
    const job = p.jobs[0]!;
    assert.equal(job.id, 'build');
    assert.ok(job.mayFail);
    assert.equal(job.steps.length, 3);
    assert.equal(job.steps[0]!.uses!.action, 'actions/checkout');
    assert.equal(job.steps[0]!.uses!.ref, 'v4');
    assert.deepEqual(job.steps[1]!.inputs, { 'exit-code': '1', severity: 'CRITICAL,HIGH' });
    assert.ok(job.steps[1]!.continueOnError);
    const cmds = job.steps[2]!.commands;
    assert.deepEqual(cmds.map((c) => [c.name, c.args[0]!.value]), [['docker', 'build'], ['docker', 'push']]);
    assert.equal(text.slice(cmds[1]!.nameWord.start, cmds[1]!.args[1]!.end), 'docker push x');
  });
  it('reads a composite action and GitLab jobs with allow_failure and local includes', () => {
    const a = parse('file:///r/action.yml', 'runs:\n  using: composite\n  steps:\n    - run: trivy image --exit-code 1 x\n      shell: bash\n');
    assert.equal(a.flavour, 'github-action');
    assert.equal(a.jobs[0]!.steps[0]!.commands[0]!.name, 'trivy');
    const text = 'include:\n  - local: ci/build.yml\n  - https://x/y.yml\n  - project: a/b\nstages: [test]\nscan:\n  allow_failure: true\n  script:\n    - "trivy image x"\n    - grype x --fail-on high\n.hidden: {script: [a]}\n';
    const g = parse('file:///r/.gitlab-ci.yml', text);
    assert.equal(g.flavour, 'gitlab');
    assert.deepEqual(g.includes, ['ci/build.yml']);
    assert.deepEqual(g.jobs.map((j) => j.id), ['scan', '.hidden']);
    assert.ok(g.jobs[0]!.mayFail);
    assert.deepEqual(g.jobs[0]!.steps.map((s) => s.commands[0]!.name), ['trivy', 'grype']);
    const w = g.jobs[0]!.steps[0]!.commands[0]!.nameWord;
    assert.equal(text.slice(w.start, w.end), 'trivy');
  });
  it('walks every step and every script command with its job, in file order', () => {
    const p = parse('file:///r/.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    steps:\n      - run: make && make test\n      - uses: actions/checkout@v4\n  b:\n    steps:\n      - run: docker push x\n');
    assert.deepEqual(pipelineSteps(p).map(({ job, step }) => `${job.id}:${step.uses?.action ?? step.script}`), ['a:make && make test', 'a:actions/checkout', 'b:docker push x']);
    assert.deepEqual(pipelineCommands(p).map(({ job, command }) => `${job.id}:${command.name} ${command.args[0]?.value ?? ''}`), ['a:make ', 'a:make test', 'b:docker push']);
  });
  it('survives odd shapes', () => {
    for (const t of ['jobs: 5\n', 'jobs:\n  a:\n    steps: [5, null, {run: 7}, {uses: []}]\n', '- a\n', '']) parse('file:///r/.github/workflows/x.yml', t);
  });
});
