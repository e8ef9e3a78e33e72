// The editor path of no-root-user with registry lookups: only where pinning is allowed, in the
// background, the document's diagnostics following the registry's answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CONFIG } from '../../shared/src/config';
import type { RegistryClient } from '../../host/src/registry/client';
import { createService } from '../../server/src/service';
import type { ResolvedSettings } from '../../server/src/settings';

const URI = 'file:///w/Dockerfile';
const DOC = TextDocument.create(URI, 'dockerfile', 1, 'FROM example.com/team/base:1\nCMD ["app"]\n');

/** A registry whose images are configured with the given users; counts its lookups. */
function registry(users: Record<string, string>): RegistryClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: () => Promise.resolve({ ok: true, digest: `sha256:${'2'.repeat(64)}`, mediaType: 'application/vnd.oci.image.manifest.v1+json', multiPlatform: false }),
    imageUser(ref) {
      const key = `${ref.domain}/${ref.path}:${ref.tag}`;
      asked.push(key);
      const user = users[key];
      return Promise.resolve(user === undefined ? { ok: false, failure: 'not-found', detail: 'unknown' } : { ok: true, user, digest: `sha256:${'2'.repeat(64)}` });
    },
  };
}

function service(pinningAllowed: boolean, client: RegistryClient) {
  const settings: ResolvedSettings = { config: DEFAULT_CONFIG, lang: 'en', pinningAllowed, folderUri: undefined };
  const changed: string[][] = [];
  const svc = createService({
    documents: new TextDocuments(TextDocument),
    settings: { forUri: () => Promise.resolve(settings), folderOf: () => undefined, clear: () => undefined },
    folders: () => [],
    log: () => undefined,
    filesChanged: (uris) => changed.push([...uris]),
    checklistChanged: () => undefined,
    registryClient: client,
  });
  return { svc, changed };
}
const rootFinding = async (svc: ReturnType<typeof service>['svc']) => (await svc.documentState(DOC)).results.filter((r) => r.ruleId === 'dockerfile/no-root-user');
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

describe('no-root-user in the editor with registry lookups', () => {
  it('pinning off: no registry lookup, the finding stays', async () => {
    const client = registry({ 'example.com/team/base:1': '1000' });
    const { svc, changed } = service(false, client);
    assert.equal((await rootFinding(svc)).length, 1);
    await settle();
    assert.deepEqual(client.asked, []);
    assert.deepEqual(changed, []);
  });
  it('pinning on: the finding goes once the registry names a non-root user, and the document is refreshed', async () => {
    const client = registry({ 'example.com/team/base:1': '1000' });
    const { svc, changed } = service(true, client);
    const first = await svc.documentState(DOC);
    assert.equal(first.results.filter((r) => r.ruleId === 'dockerfile/no-root-user').length, 1, 'until the answer arrives');
    await settle();
    assert.deepEqual(changed, [[URI]]);
    const second = await svc.documentState(DOC);
    assert.equal(second.results.filter((r) => r.ruleId === 'dockerfile/no-root-user').length, 0);
    assert.notEqual(second.resultId, first.resultId);
    await rootFinding(svc);
    assert.deepEqual(client.asked, ['example.com/team/base:1'], 'asked once');
  });
  it('pinning on: a root image keeps its finding with the registry as the source', async () => {
    const { svc } = service(true, registry({ 'example.com/team/base:1': '' }));
    await rootFinding(svc);
    await settle();
    const [finding] = await rootFinding(svc);
    assert.ok(finding);
    assert.match(finding.message.en, /configuration of example\.com\/team\/base:1 in the registry sets no user/);
  });
  it('pinning on: an unreachable image keeps the offline finding', async () => {
    const { svc } = service(true, registry({}));
    const before = await rootFinding(svc);
    await settle();
    assert.deepEqual(await rootFinding(svc), before);
  });
});
