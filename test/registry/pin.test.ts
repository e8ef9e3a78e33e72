// The rewrite itself, against a fake registry client: which references are found, what text
// replaces them, and what is left alone and why.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegistryClient, Resolution } from '../../host/src/registry/client';
import { cachedClient, memoryCache } from '../../host/src/registry/cache';
import { unifiedDiff } from '../../host/src/registry/diff';
import { pinReference, pinText } from '../../host/src/registry/pin';
import { formatReference } from '../../host/src/registry/reference';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const OLD = `sha256:${'0'.repeat(64)}`;

/** Answers from a table keyed by the canonical `domain/path:tag`; counts lookups. */
function fakeClient(table: Record<string, Resolution>): RegistryClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (ref) => {
      const key = formatReference({ ...ref, tag: ref.tag ?? 'latest', digest: undefined });
      asked.push(key);
      return table[key] ?? { ok: false, failure: 'not-found', detail: 'MANIFEST_UNKNOWN' };
    },
  };
}
const single = (digest: string): Resolution => ({ ok: true, digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', multiPlatform: false });
const index = (digest: string): Resolution => ({ ok: true, digest, mediaType: 'application/vnd.oci.image.index.v1+json', multiPlatform: true });

const client = fakeClient({
  'docker.io/library/node:20-alpine': index(D1),
  'docker.io/library/nginx:1.25': single(D2),
  'docker.io/library/busybox:latest': single(D1),
  'ghcr.io/acme/api:1.2.3': single(D2),
  'registry.example:5000/team/app:v1': index(D2),
});

describe('pinReference', () => {
  it('keeps the tag and appends the digest', async () => {
    assert.deepEqual(await pinReference('node:20-alpine', client), { status: 'pinned', newText: `node:20-alpine@${D1}`, digest: D1, multiPlatform: true });
  });
  it('makes the implied tag explicit', async () => {
    const r = await pinReference('busybox', client);
    assert.equal(r.status === 'pinned' && r.newText, `busybox:latest@${D1}`);
  });
  it('leaves a pinned reference alone unless asked to update', async () => {
    assert.deepEqual(await pinReference(`nginx:1.25@${OLD}`, client), { status: 'already-pinned' });
    assert.deepEqual(await pinReference(`nginx:1.25@${OLD}`, client, { update: true }), { status: 'updated', newText: `nginx:1.25@${D2}`, digest: D2, multiPlatform: false, previous: OLD });
    assert.equal((await pinReference(`nginx:1.25@${D2}`, client, { update: true })).status, 'up-to-date');
    const noTag = await pinReference(`nginx@${OLD}`, client, { update: true });
    assert.equal(noTag.status === 'failed' && noTag.problem, 'no-tag');
  });
  it('reports variables and malformed references with the reason, in both languages', async () => {
    const v = await pinReference('${BASE}', client);
    assert.ok(v.status === 'failed' && v.problem === 'variable' && /variable/.test(v.reason.en) && /Variable/.test(v.reason.de));
    const bad = await pinReference('Node:20', client);
    assert.ok(bad.status === 'failed' && bad.problem === 'invalid-reference' && /lower-case/.test(bad.reason.en));
    const missing = await pinReference('nginx:9.9', client, { timeoutMs: 5 });
    assert.ok(missing.status === 'failed' && missing.problem === 'not-found');
    assert.equal(missing.status === 'failed' && missing.reason.en, 'nginx:9.9: registry-1.docker.io has no tag 9.9 in nginx (MANIFEST_UNKNOWN)');
  });
});

describe('pinText', () => {
  it('Dockerfile: FROM (with --platform and AS), COPY --from=image; stages, scratch, variables and stage indexes are left alone', async () => {
    const text = [
      'ARG BASE=node:20-alpine',
      'FROM --platform=$BUILDPLATFORM node:20-alpine AS build',
      'FROM ${BASE} AS other',
      'FROM scratch AS empty',
      'FROM build AS test',
      'FROM ghcr.io/acme/api:1.2.3',
      'COPY --from=build /app /app',
      'COPY --from=0 /a /a',
      'COPY --from=nginx:1.25 /etc/nginx /etc/nginx',
      `FROM nginx:1.25@${OLD}`,
      '',
    ].join('\n');
    const r = await pinText('file:///w/Dockerfile', text, client);
    assert.equal(
      r.text,
      text
        .replace('$BUILDPLATFORM node:20-alpine AS', `$BUILDPLATFORM node:20-alpine@${D1} AS`)
        .replace('FROM ghcr.io/acme/api:1.2.3', `FROM ghcr.io/acme/api:1.2.3@${D2}`)
        .replace('--from=nginx:1.25 ', `--from=nginx:1.25@${D2} `),
    );
    assert.deepEqual(r.outcomes.map((o) => [o.site.kind, o.site.text, o.pin.status]), [
      ['from', 'node:20-alpine', 'pinned'],
      ['from', '${BASE}', 'failed'],
      ['from', 'ghcr.io/acme/api:1.2.3', 'pinned'],
      ['copy-from', 'nginx:1.25', 'pinned'],
      ['from', `nginx:1.25@${OLD}`, 'already-pinned'],
    ]);
    assert.deepEqual(r.outcomes[0]?.site.range, { start: { line: 1, character: 31 }, end: { line: 1, character: 45 } });
  });

  it('Compose: image values in plain, double and single quotes keep their quoting; variables and block scalars are reported', async () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx:1.25 # front',
      '  api:',
      '    image: "ghcr.io/acme/api:1.2.3"',
      '  job:',
      "    image: 'registry.example:5000/team/app:v1'",
      '  db:',
      '    image: ${DB_IMAGE:-postgres:16}',
      '  odd:',
      '    image: "node:\\x32"',
      '  built:',
      '    build: .',
    ].join('\n');
    const r = await pinText('file:///w/compose.yaml', text, client);
    assert.equal(
      r.text,
      text
        .replace('nginx:1.25 #', `nginx:1.25@${D2} #`)
        .replace('"ghcr.io/acme/api:1.2.3"', `"ghcr.io/acme/api:1.2.3@${D2}"`)
        .replace("'registry.example:5000/team/app:v1'", `'registry.example:5000/team/app:v1@${D2}'`),
    );
    assert.deepEqual(r.outcomes.map((o) => [o.site.text, o.pin.status === 'failed' ? o.pin.problem : o.pin.status]), [
      ['nginx:1.25', 'pinned'],
      ['ghcr.io/acme/api:1.2.3', 'pinned'],
      ['registry.example:5000/team/app:v1', 'pinned'],
      ['${DB_IMAGE:-postgres:16}', 'variable'],
      ['node:2', 'scalar-style'],
    ]);
  });

  it('Kubernetes: containers, initContainers and ephemeralContainers of every workload kind, across documents', async () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      '        - name: init',
      '          image: busybox',
      '      containers:',
      '        - name: app',
      '          image: "ghcr.io/acme/api:1.2.3"',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers: [{name: c, image: nginx:1.25}]',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  ephemeralContainers:',
      '    - name: debug',
      '      image: node:20-alpine',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'data:',
      '  image: nginx:1.25',
    ].join('\n');
    const r = await pinText('file:///w/k8s.yaml', text, client);
    assert.equal(
      r.text,
      text
        .replace('image: busybox', `image: busybox:latest@${D1}`)
        .replace('"ghcr.io/acme/api:1.2.3"', `"ghcr.io/acme/api:1.2.3@${D2}"`)
        .replace('image: nginx:1.25}', `image: nginx:1.25@${D2}}`)
        .replace('image: node:20-alpine', `image: node:20-alpine@${D1}`),
    );
    assert.equal(r.outcomes.length, 4);
    assert.ok(r.text.endsWith('  image: nginx:1.25'), 'ConfigMap data is not an image');
  });

  it('leaves the text untouched when nothing resolves and keeps CRLF line ends', async () => {
    const text = 'FROM nginx:9.9\r\nFROM node:20-alpine\r\n';
    const none = await pinText('file:///w/Dockerfile', 'FROM nginx:9.9\n', client);
    assert.equal(none.changed, false);
    assert.equal(none.text, 'FROM nginx:9.9\n');
    const r = await pinText('file:///w/Dockerfile', text, client);
    assert.equal(r.text, `FROM nginx:9.9\r\nFROM node:20-alpine@${D1}\r\n`);
  });

  it('pinning twice changes nothing the second time', async () => {
    const once = await pinText('file:///w/Dockerfile', 'FROM node:20-alpine\n', client);
    const twice = await pinText('file:///w/Dockerfile', once.text, client);
    assert.equal(twice.changed, false);
    assert.equal(twice.outcomes[0]?.pin.status, 'already-pinned');
  });
});

describe('cache and diff', () => {
  it('caches successes for their lifetime and shares concurrent lookups; failures are asked again', async () => {
    let now = 0;
    const inner = fakeClient({ 'docker.io/library/nginx:1.25': single(D2) });
    const c = cachedClient(inner, memoryCache(60, () => now));
    await Promise.all([pinReference('nginx:1.25', c), pinReference('nginx:1.25', c), pinReference('docker.io/library/nginx:1.25', c)]);
    assert.equal(inner.asked.length, 1);
    now = 59_000;
    await pinReference('nginx:1.25', c);
    assert.equal(inner.asked.length, 1);
    now = 61_000;
    await pinReference('nginx:1.25', c);
    assert.equal(inner.asked.length, 2);
    await pinReference('nginx:0', c);
    await pinReference('nginx:0', c);
    assert.equal(inner.asked.length, 4);
  });
  it('writes a unified diff with context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const after = before.replace('b', 'B').replace('i', 'I');
    assert.equal(unifiedDiff('x/Dockerfile', before, after, 1), '--- a/x/Dockerfile\n+++ b/x/Dockerfile\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -8,3 +8,3 @@\n h\n-i\n+I\n j\n');
    assert.equal(unifiedDiff('x', before, before), '');
  });
});
