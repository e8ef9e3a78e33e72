import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { rangesOf } from './fixtures';
import { startServer, type TestClient } from './lsp-client';
import { createGitlabInclusion } from '../../server/src/gitlab-includes';

const JOB = 'build-image:\n  script:\n    - docker build -t registry.example.com/app:1 .\n    - docker push registry.example.com/app:1\n';

describe('editor: files a GitLab pipeline includes are pipelines', () => {
  let c: TestClient;
  let dir = '';
  const uri = (name: string): string => URI.file(join(dir, name)).toString();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-gitlab-'));
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, '.gitlab-ci.yml'), "include:\n  - local: ci/build.yml\n");
    writeFileSync(join(dir, 'ci/build.yml'), "include: 'ci/nested.yml'\n");
    c = startServer();
    await c.initialize({ pull: true, folders: [URI.file(dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lints a document included from the .gitlab-ci.yml on disk as a GitLab pipeline, transitively', async () => {
    c.open(uri('ci/nested.yml'), JOB);
    assert.deepEqual(rangesOf(await c.pullDiagnostics(uri('ci/nested.yml')), 'ci/push-without-scan'), [[3, 6, 3, 12]]);
  });

  it('leaves a document nothing includes plain', async () => {
    c.open(uri('ci/other.yml'), JOB);
    assert.deepEqual(await c.pullDiagnostics(uri('ci/other.yml')), []);
  });

  it('reads the .gitlab-ci.yml from its open document: an include added there takes effect at the next lint', async () => {
    c.open(uri('.gitlab-ci.yml'), "include:\n  - local: ci/build.yml\n  - 'ci/*.yml'\n");
    assert.deepEqual(rangesOf(await c.pullDiagnostics(uri('ci/other.yml')), 'ci/push-without-scan'), [[3, 6, 3, 12]]);
    c.change(uri('.gitlab-ci.yml'), 2, 'stages: [build]\n');
    assert.deepEqual(await c.pullDiagnostics(uri('ci/other.yml')), []);
    assert.deepEqual(await c.pullDiagnostics(uri('ci/nested.yml')), []);
  });
});

describe('editor (push): a change of the open .gitlab-ci.yml lints the other open documents again', () => {
  let c: TestClient;
  let dir = '';
  const uri = (name: string): string => URI.file(join(dir, name)).toString();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-gitlab-'));
    mkdirSync(join(dir, 'ci'));
    c = startServer();
    await c.initialize({ pull: false, folders: [URI.file(dir).toString()] });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the included document as a pipeline once the include is typed, and plain once it is gone', async () => {
    c.open(uri('.gitlab-ci.yml'), 'stages: [build]\n');
    await c.waitForPublish(uri('.gitlab-ci.yml'));
    c.open(uri('ci/build.yml'), JOB);
    assert.deepEqual((await c.waitForPublish(uri('ci/build.yml'))).diagnostics, []);
    c.change(uri('.gitlab-ci.yml'), 2, 'include: ci/build.yml\n');
    const included = await c.waitForPublish(uri('ci/build.yml'), (p) => p.diagnostics.length > 0);
    assert.deepEqual(rangesOf(included.diagnostics, 'ci/push-without-scan'), [[3, 6, 3, 12]]);
    c.change(uri('.gitlab-ci.yml'), 3, 'stages: [build]\n');
    assert.deepEqual((await c.waitForPublish(uri('ci/build.yml'), (p) => p.diagnostics.length === 0)).diagnostics, []);
  });
});

describe('GitLab inclusion: each file is read once per decision', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bollwerk-gitlab-reads-'));
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, '.gitlab-ci.yml'), 'include:\n  - local: ci/build.yml\n');
    writeFileSync(join(dir, 'ci/build.yml'), "include: 'ci/nested.yml'\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the pipeline once, then the files it includes', () => {
    const asked: string[] = [];
    // nothing is open: each read asks for an open document first, then reads the disk
    const included = createGitlabInclusion((path) => void asked.push(path));
    assert.equal(included(URI.file(join(dir, 'ci/nested.yml')).toString(), URI.file(dir).toString(), 1 << 20), true);
    assert.deepEqual(asked, [join(dir, '.gitlab-ci.yml'), join(dir, 'ci/build.yml')]);
  });
});
