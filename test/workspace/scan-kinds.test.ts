import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import { lintText } from '../../shared/src/lint';
import { possibleKinds } from '../../shared/src/parse/kind';
import { scanWorkspace } from '../../host/src/workspace/scan';
import { workspace } from '../cli/helpers';

const DOCKERFILE = 'FROM node:20\nCMD ["node", "server.js"]\n';
const COMPOSE = 'services:\n  api:\n    build: ./api\n';


describe('possibleKinds', () => {
  it('reads the kinds a scan can hold from the file names', () => {
    assert.deepEqual([...possibleKinds(['/a/Dockerfile', '/b/api.Dockerfile', '/c/Containerfile'])], ['dockerfile']);
    assert.deepEqual([...possibleKinds(['/a/Dockerfile', '/a/compose.yaml'])].sort(), ['compose', 'dockerfile']);
    assert.deepEqual([...possibleKinds(['/a/deploy.yml'])].sort(), ['compose', 'kubernetes']);
    assert.deepEqual([...possibleKinds(['/a/notes.txt'])], []);
  });
});

describe('workspace rules in a scan that cannot hold their kind', () => {
  it('collect nothing from a Dockerfile when only Dockerfiles are scanned', () => {
    const all = lintText('file:///w/api/Dockerfile', DOCKERFILE, { config: DEFAULT_CONFIG });
    assert.ok(all.workspace?.facts['compose/implicit-root-user'] !== undefined, 'collected by default');
    assert.ok(all.workspace?.facts['k8s/image-user-root'] !== undefined, 'collected by default');
    const only = lintText('file:///w/api/Dockerfile', DOCKERFILE, { config: DEFAULT_CONFIG, scanKinds: new Set(['dockerfile']) });
    assert.equal(only.workspace, undefined);
    assert.deepEqual(only.results, all.results, 'the file rules are unchanged');
    const withCompose = lintText('file:///w/api/Dockerfile', DOCKERFILE, { config: DEFAULT_CONFIG, scanKinds: new Set(['dockerfile', 'compose']) });
    assert.deepEqual(Object.keys(withCompose.workspace?.facts ?? {}), ['compose/implicit-root-user']);
  });

  it('still judge a Dockerfile together with the Compose file beside it', () => {
    const dir = workspace({ 'api/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE });
    const both = scanWorkspace([dir], DEFAULT_CONFIG, { threads: 0 });
    assert.deepEqual(both.workspaceResults.map((r) => r.ruleId), ['compose/implicit-root-user']);
    const dockerfileOnly = scanWorkspace([join(dir, 'api', 'Dockerfile')], DEFAULT_CONFIG, { threads: 0 });
    assert.deepEqual(dockerfileOnly.workspaceResults, []);
    assert.equal(dockerfileOnly.reports[0]!.workspace, undefined);
    assert.deepEqual(dockerfileOnly.reports[0]!.results, both.reports.find((r) => r.uri.endsWith('/Dockerfile'))!.results);
  });
});
