// Cases from distribution/reference (reference_test.go TestReferenceParse, normalize_test.go
// TestValidateReferenceName, TestValidateRemoteName, TestParseRepositoryInfo,
// TestNormalizedSplitHostname, TestParseReferenceWithTagAndDigest), the library Docker uses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { familiarName, formatReference, fullName, hasVariable, isLoopback, parseReference, parseStrict, registryHost } from '../../host/src/registry/reference';

const F64 = 'f'.repeat(64);

describe('parseStrict (distribution/reference Parse)', () => {
  const ok: [input: string, domain: string, path: string, tag?: string, digest?: string][] = [
    ['test_com', '', 'test_com'],
    ['test.com:tag', '', 'test.com', 'tag'],
    ['test.com:5000', '', 'test.com', '5000'],
    ['test.com/repo:tag', 'test.com', 'repo', 'tag'],
    ['test:5000/repo', 'test:5000', 'repo'],
    ['test:5000/repo:tag', 'test:5000', 'repo', 'tag'],
    [`test:5000/repo@sha256:${F64}`, 'test:5000', 'repo', undefined, `sha256:${F64}`],
    [`test:5000/repo:tag@sha256:${F64}`, 'test:5000', 'repo', 'tag', `sha256:${F64}`],
    ['lowercase:Uppercase', '', 'lowercase', 'Uppercase'],
    [`${'a/'.repeat(127)}a:tag-puts-this-over-max`, 'a', `${'a/'.repeat(126)}a`, 'tag-puts-this-over-max'],
    ['sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com', 'bar/baz/quux'],
    ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', 'sub-dom1.foo.com', 'bar/baz/quux', 'some-long-tag'],
    ['b.gcr.io/test.example.com/my-app:test.example.com', 'b.gcr.io', 'test.example.com/my-app', 'test.example.com'],
    ['xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com', 'myimage', 'xn--n3h.com'],
    [`xn--7o8h.com/myimage:xn--7o8h.com@sha512:${'f'.repeat(128)}`, 'xn--7o8h.com', 'myimage', 'xn--7o8h.com', `sha512:${'f'.repeat(128)}`],
    ['foo_bar.com:8080', '', 'foo_bar.com', '8080'],
    ['foo/foo_bar.com:8080', 'foo', 'foo_bar.com', '8080'],
    ['192.168.1.1', '', '192.168.1.1'],
    ['192.168.1.1:tag', '', '192.168.1.1', 'tag'],
    ['192.168.1.1:5000', '', '192.168.1.1', '5000'],
    ['192.168.1.1/repo', '192.168.1.1', 'repo'],
    ['192.168.1.1:5000/repo', '192.168.1.1:5000', 'repo'],
    ['192.168.1.1:5000/repo:5050', '192.168.1.1:5000', 'repo', '5050'],
    ['[2001:db8::1]/repo', '[2001:db8::1]', 'repo'],
    ['[2001:db8:1:2:3:4:5:6]/repo:tag', '[2001:db8:1:2:3:4:5:6]', 'repo', 'tag'],
    ['[2001:db8::1]:5000/repo', '[2001:db8::1]:5000', 'repo'],
    ['[2001:db8::1]:5000/repo:tag', '[2001:db8::1]:5000', 'repo', 'tag'],
    [`[2001:db8::1]:5000/repo:tag@sha256:${F64}`, '[2001:db8::1]:5000', 'repo', 'tag', `sha256:${F64}`],
    ['[2001:db8::]:5000/repo', '[2001:db8::]:5000', 'repo'],
    ['[::1]:5000/repo', '[::1]:5000', 'repo'],
  ];
  for (const [input, domain, path, tag, digest] of ok) {
    it(`parses ${input.slice(0, 70)}`, () => {
      const r = parseStrict(input);
      assert.ok(r.ok, `expected ${input} to parse`);
      assert.deepEqual([r.ref.domain, r.ref.path, r.ref.tag, r.ref.digest], [domain, path, tag, digest]);
    });
  }
  const bad: [string, string][] = [
    ['', 'empty'],
    [':justtag', 'invalid-format'],
    [`@sha256:${F64}`, 'invalid-format'],
    ['repo@sha256:ffffffffffffffffffffffffffffffffff', 'digest-invalid-length'],
    [`validname@invaliddigest:${F64}`, 'digest-unsupported'],
    ['Uppercase:tag', 'uppercase'],
    ['test:5000/Uppercase/lowercase:tag', 'uppercase'],
    [`${'a/'.repeat(128)}a:tag`, 'name-too-long'],
    ['aa/asdf$$^/aa', 'invalid-format'],
    ['[2001:db8::1]', 'invalid-format'],
    ['[2001:db8::1]:5000', 'invalid-format'],
    ['[2001:db8::1]:tag', 'invalid-format'],
    ['[fe80::1%eth0]:5000/repo', 'invalid-format'],
    ['[fe80::1%@invalidzone]:5000/repo', 'invalid-format'],
  ];
  for (const [input, error] of bad) {
    it(`rejects ${JSON.stringify(input.slice(0, 60))} as ${error}`, () => {
      const r = parseStrict(input);
      assert.ok(!r.ok);
      assert.equal(r.error, error);
    });
  }
});

describe('parseReference (ParseNormalizedNamed)', () => {
  const valid = [
    'docker/docker', 'library/debian', 'debian', 'docker.io/docker/docker', 'docker.io/library/debian', 'docker.io/debian',
    'index.docker.io/docker/docker', 'index.docker.io/library/debian', 'index.docker.io/debian', '127.0.0.1:5000/docker/docker',
    '127.0.0.1:5000/library/debian', '127.0.0.1:5000/debian', '192.168.0.1', '192.168.0.1:80', '192.168.0.1:8/debian',
    '192.168.0.2:25000/debian', 'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', '[fc00::1]:5000/docker',
    '[fc00::1]:5000/docker/docker', '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', 'Docker/docker', 'DOCKER/docker',
    'docker-rules/docker', 'docker---rules/docker', 'doc/docker', 'd/docker', 'jess/t', 'dock__er/docker',
  ];
  for (const name of valid) it(`accepts ${name}`, () => assert.ok(parseReference(name).ok, name));
  const invalid = [
    'https://github.com/docker/docker', 'docker/Docker', '-docker', '-docker/docker', '-docker.io/docker/docker', 'docker///docker',
    'docker.io/docker/Docker', 'docker.io/docker///docker', '[fc00::1]', '[fc00::1]:5000', 'fc00::1:5000/debian',
    '[fe80::1%eth0]:5000/debian', '[2001:db8:3:4::192.0.2.33]:5000/debian',
    '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', 'docker-/docker', '-docker-/docker', '____/____',
    '_docker/_docker', 'dock..er/docker', 'dock_.er/docker', 'dock-.er/docker', 'docker/',
    `${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(4)}/docker`,
  ];
  for (const name of invalid) it(`rejects ${name.slice(0, 60)}`, () => assert.ok(!parseReference(name).ok, name));

  const repositoryInfo: [familiar: string, full: string, domain: string, remote: string, ambiguous?: string][] = [
    ['fooo/bar', 'docker.io/fooo/bar', 'docker.io', 'fooo/bar', 'index.docker.io/fooo/bar'],
    ['ubuntu', 'docker.io/library/ubuntu', 'docker.io', 'library/ubuntu', 'library/ubuntu'],
    ['nonlibrary/ubuntu', 'docker.io/nonlibrary/ubuntu', 'docker.io', 'nonlibrary/ubuntu'],
    ['other/library', 'docker.io/other/library', 'docker.io', 'other/library'],
    ['127.0.0.1:8000/private/moonbase', '127.0.0.1:8000/private/moonbase', '127.0.0.1:8000', 'private/moonbase'],
    ['127.0.0.1:8000/privatebase', '127.0.0.1:8000/privatebase', '127.0.0.1:8000', 'privatebase'],
    ['example.com/private/moonbase', 'example.com/private/moonbase', 'example.com', 'private/moonbase'],
    ['example.com:8000/privatebasee', 'example.com:8000/privatebasee', 'example.com:8000', 'privatebasee'],
    ['ubuntu-12.04-base', 'docker.io/library/ubuntu-12.04-base', 'docker.io', 'library/ubuntu-12.04-base', 'index.docker.io/library/ubuntu-12.04-base'],
    ['foo', 'docker.io/library/foo', 'docker.io', 'library/foo', 'docker.io/foo'],
    ['library/foo/bar', 'docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
    ['store/foo/bar', 'docker.io/store/foo/bar', 'docker.io', 'store/foo/bar'],
    ['Foo/bar', 'Foo/bar', 'Foo', 'bar'],
    ['FOO/bar', 'FOO/bar', 'FOO', 'bar'],
  ];
  for (const [familiar, full, domain, remote, ambiguous] of repositoryInfo) {
    for (const input of [familiar, full, ...(ambiguous ? [ambiguous] : [])]) {
      it(`normalises ${input}`, () => {
        const r = parseReference(input);
        assert.ok(r.ok);
        assert.deepEqual([familiarName(r.ref), fullName(r.ref), r.ref.domain, r.ref.path], [familiar, full, domain, remote]);
      });
    }
  }
  const split: [string, string, string][] = [
    ['test.com/foo', 'test.com', 'foo'], ['test_com/foo', 'docker.io', 'test_com/foo'], ['docker/migrator', 'docker.io', 'docker/migrator'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'], ['test-com:8080/foo', 'test-com:8080', 'foo'], ['foo', 'docker.io', 'library/foo'],
    ['xn--n3h.com/foo', 'xn--n3h.com', 'foo'], ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'], ['docker.io/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo', 'docker.io', 'library/foo'], ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
    ['localhost/foo', 'localhost', 'foo'], ['localhost:5000/foo/bar', 'localhost:5000', 'foo/bar'],
  ];
  for (const [input, domain, path] of split) {
    it(`splits ${input}`, () => {
      const r = parseReference(input);
      assert.ok(r.ok);
      assert.deepEqual([r.ref.domain, r.ref.path], [domain, path]);
    });
  }
  it('keeps tag and digest together (busybox:latest@sha256:…)', () => {
    const short = 'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';
    const r = parseReference(short);
    assert.ok(r.ok);
    assert.equal(formatReference(r.ref), `docker.io/library/${short}`);
    assert.equal(r.ref.tag, 'latest');
    assert.equal(r.ref.original, short);
  });
  it('rejects a 64-hex identifier and an upper-case repository with a tag', () => {
    assert.deepEqual(parseReference('dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c'), { ok: false, error: 'identifier' });
    assert.deepEqual(parseReference('Uppercase:tag'), { ok: false, error: 'uppercase' });
    assert.deepEqual(parseReference('node:20 alpine'), { ok: false, error: 'invalid-format' });
  });
});

describe('registry hosts and helpers', () => {
  it('maps Docker Hub to registry-1.docker.io and keeps other hosts', () => {
    assert.equal(registryHost('docker.io'), 'registry-1.docker.io');
    assert.equal(registryHost('ghcr.io'), 'ghcr.io');
    assert.equal(registryHost('127.0.0.1:5000'), '127.0.0.1:5000');
  });
  it('knows loopback hosts', () => {
    for (const h of ['localhost:5000', '127.0.0.1:5000', '127.1.2.3', '[::1]:5000', 'localhost']) assert.ok(isLoopback(h), h);
    for (const h of ['registry.example.com', '10.0.0.1:5000', '[fc00::1]:5000', 'localhost.example.com']) assert.ok(!isLoopback(h), h);
  });
  it('spots variables', () => {
    for (const s of ['${BASE}', '$BASE', 'node:${TAG}', '${IMAGE:-node:20}']) assert.ok(hasVariable(s), s);
    for (const s of ['node:20', 'a$', 'x/y:1.0']) assert.ok(!hasVariable(s), s);
  });
});
