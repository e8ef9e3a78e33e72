// no-root-user findings decided by the base image's configured user, as a registry reports it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../shared/src/lint';
import type { RegistryClient, UserResolution } from '../../host/src/registry/client';
import { refineByImageUser } from '../../host/src/registry/image-users';
import type { Result } from '../../shared/src/types';

/** A client that answers from a table of image users and counts the lookups. */
function stub(users: Record<string, UserResolution>): RegistryClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: () => Promise.resolve({ ok: false, failure: 'not-found', detail: 'unused' }),
    imageUser(ref) {
      const key = `${ref.domain}/${ref.path}:${ref.tag ?? 'latest'}`;
      asked.push(key);
      return Promise.resolve(users[key] ?? { ok: false, failure: 'not-found', detail: 'manifest unknown' });
    },
  };
}
const ok = (user: string): UserResolution => ({ ok: true, user, digest: `sha256:${'1'.repeat(64)}` });
const rootFindings = (text: string): Result[] => lintText('file:///w/Dockerfile', text).results.filter((r) => r.ruleId === 'dockerfile/no-root-user');

describe('no-root-user refined by the registry', () => {
  it('drops the finding when the image config names a non-root user', async () => {
    const results = rootFindings('FROM example.com/team/base:1\nCMD ["app"]');
    assert.equal(results.length, 1);
    assert.deepEqual(results[0]!.data, { baseImage: 'example.com/team/base:1' });
    assert.deepEqual(await refineByImageUser(results, stub({ 'example.com/team/base:1': ok('1000') })), []);
  });
  it('follows FROM <stage> to the external image', async () => {
    const results = rootFindings('FROM example.com/team/base:1 AS b\nRUN true\nFROM b\nCMD ["app"]');
    assert.deepEqual(await refineByImageUser(results, stub({ 'example.com/team/base:1': ok('app:app') })), []);
  });
  it('keeps a root or unset user and names the registry as the source', async () => {
    for (const user of ['', '0', 'root:root']) {
      const [r] = await refineByImageUser(rootFindings('FROM python:3.12\nCMD ["app"]'), stub({ 'docker.io/library/python:3.12': ok(user) }));
      assert.ok(r);
      assert.match(r.message.en, /configuration of python:3\.12 in the registry (sets no user|sets User (0|root:root)), so the container runs as root/);
      assert.match(r.message.de, /Konfiguration von python:3\.12 in der Registry/);
      assert.deepEqual(r.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } });
      assert.ok(r.fix, 'the fix stays');
    }
  });
  it('keeps the finding unchanged when the registry cannot tell', async () => {
    const results = rootFindings('FROM example.com/gone:1\nCMD ["app"]');
    assert.deepEqual(await refineByImageUser(results, stub({})), results);
  });
  it('does not ask about an explicit USER root, a variable image or other rules', async () => {
    const client = stub({});
    const text = 'ARG B=x\nFROM $B\nCMD ["a"]';
    const explicit = rootFindings('FROM example.com/a:1\nUSER root\nCMD ["a"]');
    assert.equal(explicit.length, 1);
    const all = [...explicit, ...lintText('file:///w/Dockerfile', text).results];
    assert.deepEqual(await refineByImageUser(all, client), all);
    assert.deepEqual(client.asked, []);
  });
  it('asks once per image', async () => {
    const client = stub({ 'example.com/a:1': ok('0') });
    const twice = [...rootFindings('FROM example.com/a:1\nCMD ["a"]'), ...rootFindings('FROM example.com/a:1\nENTRYPOINT ["b"]')];
    assert.equal((await refineByImageUser(twice, client)).length, 2);
    assert.deepEqual(client.asked, ['example.com/a:1']);
  });
});
