import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseChallenges, tokenFrom } from '../../host/src/registry/auth';
import { dockerConfigDir, dockerCredentials, hostOfKey } from '../../host/src/registry/credentials';
import { matchesNoProxy, proxyFor } from '../../host/src/registry/proxy';
import { removeTempDirs, tempDir } from './harness';

after(removeTempDirs);

describe('WWW-Authenticate', () => {
  it('parses the Docker Hub bearer challenge', () => {
    assert.deepEqual(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"'), [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/node:pull' } },
    ]);
  });
  it('parses GHCR and Quay style challenges, unquoted values and several challenges', () => {
    assert.deepEqual(parseChallenges('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"')[0]?.params.service, 'ghcr.io');
    assert.deepEqual(parseChallenges('Basic realm="Registry Realm", Bearer realm=https://quay.io/v2/auth, service=quay.io'), [
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'https://quay.io/v2/auth', service: 'quay.io' } },
    ]);
    assert.deepEqual(parseChallenges('Bearer realm="a\\"b"')[0]?.params.realm, 'a"b');
    assert.deepEqual(parseChallenges(''), []);
  });
  it('reads token and access_token answers', () => {
    assert.equal(tokenFrom(Buffer.from('{"token":"t1"}')), 't1');
    assert.equal(tokenFrom(Buffer.from('{"access_token":"t2"}')), 't2');
    assert.equal(tokenFrom(Buffer.from('{"token":""}')), undefined);
    assert.equal(tokenFrom(Buffer.from('nope')), undefined);
  });
});

describe('proxy choice (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'proxy.corp:8080', NO_PROXY: '.internal.example,registry.local:5000,10.0.0.0/8' };
  it('uses HTTPS_PROXY for https and HTTP_PROXY for http', () => {
    assert.equal(proxyFor('https', 'ghcr.io', env)?.href, 'http://proxy.corp:3128/');
    assert.equal(proxyFor('http', 'registry.test:5000', env)?.href, 'http://proxy.corp:8080/');
    assert.equal(proxyFor('https', 'ghcr.io', { https_proxy: 'http://lower:1' })?.host, 'lower:1');
    assert.equal(proxyFor('https', 'ghcr.io', {}), undefined);
  });
  it('honours NO_PROXY domains, ports and CIDRs', () => {
    assert.equal(proxyFor('https', 'a.internal.example', env), undefined);
    assert.equal(proxyFor('https', 'internal.example', env), undefined);
    assert.equal(proxyFor('https', 'registry.local:5000', env), undefined);
    assert.notEqual(proxyFor('https', 'registry.local:5001', env), undefined);
    assert.equal(proxyFor('https', '10.1.2.3:5000', env), undefined);
    assert.notEqual(proxyFor('https', '11.1.2.3:5000', env), undefined);
    assert.equal(proxyFor('https', 'ghcr.io', { ...env, NO_PROXY: '*' }), undefined);
    assert.ok(matchesNoProxy('example.com', 'sub.example.com', '443'));
    assert.ok(!matchesNoProxy('example.com', 'notexample.com', '443'));
  });
  it('never proxies loopback registries (as Docker does)', () => {
    assert.equal(proxyFor('http', '127.0.0.1:5000', env), undefined);
    assert.equal(proxyFor('https', 'localhost:5000', env), undefined);
    assert.equal(proxyFor('https', '[::1]:5000', env), undefined);
  });
});

describe('Docker credentials', () => {
  const helperDir = (): string => {
    const bin = tempDir('helpers');
    const helper = (name: string, body: string): void => {
      const p = join(bin, `docker-credential-${name}`);
      writeFileSync(p, `#!/bin/sh\n${body}\n`);
      chmodSync(p, 0o755);
    };
    // Echo the server URL into the username so the test sees which key was asked for.
    helper('bwtest', '[ "$1" = get ] || exit 3\nread url\nprintf \'{"ServerURL":"%s","Username":"helper-%s","Secret":"s3cret"}\' "$url" "$url"');
    helper('bwstore', 'read url\ncase "$url" in store.example) printf \'{"Username":"<token>","Secret":"idtok"}\';; *) echo "credentials not found in native keychain"; exit 1;; esac');
    return bin;
  };
  const setup = (config: unknown): Record<string, string> => {
    const dir = tempDir('docker-config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    return { DOCKER_CONFIG: dir, PATH: `${helperDir()}:${process.env.PATH ?? ''}`, HOME: dir };
  };

  it('reads DOCKER_CONFIG, else ~/.docker', () => {
    assert.equal(dockerConfigDir({ DOCKER_CONFIG: '/x' }), '/x');
    assert.equal(dockerConfigDir({ HOME: '/home/u' }), '/home/u/.docker');
    assert.equal(hostOfKey('https://index.docker.io/v1/'), 'index.docker.io');
  });
  it('decodes auths entries by host, with Docker Hub under its legacy key', async () => {
    const env = setup({
      auths: {
        'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hubpass').toString('base64') },
        '127.0.0.1:5000': { auth: Buffer.from('alice:pa:ss').toString('base64') },
        'https://ghcr.io': { identitytoken: 'refresh-me' },
      },
    });
    const lookup = dockerCredentials(env);
    assert.deepEqual(await lookup('docker.io'), { username: 'hubuser', password: 'hubpass' });
    assert.deepEqual(await lookup('127.0.0.1:5000'), { username: 'alice', password: 'pa:ss' });
    assert.deepEqual(await lookup('ghcr.io'), { identityToken: 'refresh-me' });
    assert.equal(await lookup('quay.io'), undefined);
  });
  it('runs credHelpers for their host, credsStore for the rest, and falls back to auths', async () => {
    const env = setup({
      credHelpers: { 'registry.example:5000': 'bwtest', 'docker.io': 'bwtest' },
      credsStore: 'bwstore',
      auths: { 'other.example': { auth: Buffer.from('o:p').toString('base64') } },
    });
    const lookup = dockerCredentials(env);
    assert.deepEqual(await lookup('registry.example:5000'), { username: 'helper-registry.example:5000', password: 's3cret' });
    assert.deepEqual(await lookup('docker.io'), { username: 'helper-https://index.docker.io/v1/', password: 's3cret' });
    assert.deepEqual(await lookup('store.example'), { identityToken: 'idtok' });
    assert.deepEqual(await lookup('other.example'), { username: 'o', password: 'p' });
    assert.equal(await lookup('none.example'), undefined);
  });
  it('treats a missing helper and a broken config as no credentials, and never writes the config', async () => {
    const env = setup({ credHelpers: { 'x.example': 'does-not-exist' } });
    const before = readFileSync(join(env.DOCKER_CONFIG!, 'config.json'), 'utf8');
    assert.equal(await dockerCredentials(env)('x.example'), undefined);
    assert.equal(readFileSync(join(env.DOCKER_CONFIG!, 'config.json'), 'utf8'), before);
    writeFileSync(join(env.DOCKER_CONFIG!, 'config.json'), '{not json');
    assert.equal(await dockerCredentials(env)('x.example'), undefined);
  });
});
